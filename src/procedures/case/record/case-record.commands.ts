import { WorkflowCommand } from '../../../sagas/workflow-command';

/** Note the case as open or closed on the person's record. */
export class NoteCaseOnRecord extends WorkflowCommand {
  constructor(
    readonly stream: string,
    readonly status: 'open' | 'closed',
    readonly on: string,
  ) {
    super();
  }
}

/** The decision assigns the post with its term on the person's record. */
export class AssignPostFromDecision extends WorkflowCommand {
  constructor(readonly stream: string) {
    super();
  }
}

/** The decision's effective day has come: the person's registration moves to the post's unit. */
export class MoveRegistrationOnEffectiveDay extends WorkflowCommand {
  constructor(readonly stream: string) {
    super();
  }
}

/** The re-appointment notice is due: open the re-appointment case or leave the staff a task. */
export class GiveReappointmentNotice extends WorkflowCommand {
  constructor(
    readonly stream: string,
    readonly termEnd: string,
    readonly noticeOn: string,
  ) {
    super();
  }
}

/** The term (or a rotation's planned duration) has ended. */
export class EndTermOnRecord extends WorkflowCommand {
  constructor(
    readonly stream: string,
    readonly termEnd: string,
  ) {
    super();
  }
}
