import { Command } from '@nestjs/cqrs';
import { DisciplineCommand } from '../discipline.commands';
import { ServiceStatus, Violation } from '../discipline.events';
import { DisciplineWriteOptions } from '../discipline.service';

export interface OpenDisciplineInput {
  caseId: string;
  definition: string;
  personId: string;
  positionId: string | null;
  orgUnitId: string;
  /** Absent: read from the record (the person holds a post filled by election). */
  electedCadre?: boolean;
  serviceStatus?: ServiceStatus;
  summary: string;
  violation: Violation;
}

export class OpenDisciplineCase extends Command<unknown> {
  constructor(
    readonly input: OpenDisciplineInput,
    readonly options: DisciplineWriteOptions,
  ) {
    super();
  }
}

/** A step, extension, complaint, review or closure on an existing discipline case. */
export class ActOnDisciplineCase extends Command<unknown> {
  constructor(
    readonly caseId: string,
    readonly command: DisciplineCommand,
    readonly options: DisciplineWriteOptions,
  ) {
    super();
  }
}
