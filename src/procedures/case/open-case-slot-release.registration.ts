import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { loadStream } from '../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { SagasRuntime } from '../../sagas/sagas-runtime';
import { caseDecider } from './decider/case.decider';
import { OpenCaseSlots } from './open-case-slots';
import { openCaseSlotReleaseSaga, RELEASE_OPEN_CASE_SLOT } from './open-case-slot-release.saga';

/** Carries out the slot-release saga's command: the case's own stream says which slot it held. */
@Injectable()
export class OpenCaseSlotReleaseRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly slots: OpenCaseSlots,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.sagas.register(openCaseSlotReleaseSaga);
    this.sagas.commands.register(RELEASE_OPEN_CASE_SLOT, async (command, context) => {
      const { stream, reason } = command.data as { stream: string; reason: string };
      const { state } = await loadStream(this.store, stream, caseDecider);
      if (state.status === 'none' || state.status === 'open') return;
      await this.slots.releaseHeldBy(
        { procedure: state.procedure, personId: state.personId, positionId: state.positionId },
        state.caseId,
        reason,
        context.metadata,
      );
    });
  }
}
