import { Injectable, OnModuleInit } from '@nestjs/common';
import { SagasRuntime } from '../../sagas/sagas-runtime';
import { openCaseSlotReleaseSaga } from './open-case-slot-release.saga';

/** Runs the slot-release saga; its command is carried out by `ReleaseOpenCaseSlotHandler`. */
@Injectable()
export class OpenCaseSlotReleaseRegistration implements OnModuleInit {
  constructor(private readonly sagas: SagasRuntime) {}

  onModuleInit(): void {
    this.sagas.register(openCaseSlotReleaseSaga);
  }
}
