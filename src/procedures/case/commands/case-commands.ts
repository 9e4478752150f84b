import { Command } from '@nestjs/cqrs';
import { VettingItem } from '../../../workflow/definitions/procedure-definition';
import { CaseWriteOptions, PaperOpening } from '../case.service';
import { CaseCommand, StepBody } from '../decider/case.commands';

export interface OpenCaseInput {
  caseId: string;
  procedure: string;
  definition: string;
  personId: string;
  positionId: string;
  orgUnitId: string;
  summary: string;
  /** A case kept on paper until now: the day it began and the paper file's reference. */
  fromPaper?: PaperOpening;
  /** The ground a removal case rests on, checked by the procedure's opening (see OpenCaseDto). */
  grounds?: Record<string, unknown>;
  /** The approval-in-principle case an appointment that needs one names. */
  approvalInPrincipleCaseId?: string;
  /** The inter-level consultation (hiệp y) case an appointment that needs one names. */
  consultationCaseId?: string;
}

export class OpenCase extends Command<unknown> {
  constructor(
    readonly input: OpenCaseInput,
    readonly options: CaseWriteOptions,
  ) {
    super();
  }
}

export class PerformCaseStep extends Command<unknown> {
  constructor(
    readonly caseId: string,
    readonly stepId: string,
    readonly body: StepBody,
    readonly options: CaseWriteOptions,
  ) {
    super();
  }
}

export class ResolveVettingItem extends Command<unknown> {
  constructor(
    readonly caseId: string,
    readonly item: VettingItem,
    readonly note: string,
    readonly options: CaseWriteOptions,
  ) {
    super();
  }
}

/** Withdraw (the proposer takes the case back) or reject (it cannot go on); both close it. */
export class CloseCase extends Command<unknown> {
  constructor(
    readonly caseId: string,
    readonly how: 'withdraw' | 'reject',
    readonly reason: string,
    readonly options: CaseWriteOptions,
  ) {
    super();
  }
}

/** A workflow's write on a case (flag a vetting item from the record, withdraw on removal). */
export class ActOnCase extends Command<unknown> {
  constructor(
    readonly caseId: string,
    readonly command: CaseCommand,
    readonly options: CaseWriteOptions,
  ) {
    super();
  }
}

/** Correct a recorded step (a mistyped tally) with the corrected body and the reason. */
export class CorrectCaseStep extends Command<unknown> {
  constructor(
    readonly caseId: string,
    readonly stepId: string,
    readonly body: StepBody,
    readonly reason: string,
    readonly options: CaseWriteOptions,
  ) {
    super();
  }
}
