import { WorkflowCommand } from '../../sagas/workflow-command';

/** Note the case on the person's record (open, past verification, closed). */
export class NoteDisciplineCaseOnRecord extends WorkflowCommand {
  constructor(
    readonly caseId: string,
    readonly status: 'open' | 'closed',
    readonly stage: string | null,
    readonly on: string,
  ) {
    super();
  }
}

/** Record the decision's form, validity and bar; take the person off the planning pool when its form does; end the post on removal. */
export class ApplyDisciplineDecisionToRecord extends WorkflowCommand {
  constructor(readonly caseId: string) {
    super();
  }
}

/** A complaint review changed or annulled the form. */
export class ReviseDisciplineOnRecord extends WorkflowCommand {
  constructor(readonly caseId: string) {
    super();
  }
}

/** The civil-service time limit passed without a decision. */
export class RecordDisciplineTimeLimitMissed extends WorkflowCommand {
  constructor(
    readonly stream: string,
    readonly dueOn: string,
  ) {
    super();
  }
}
