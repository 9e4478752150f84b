import { WorkflowCommand } from '../../sagas/workflow-command';

/** The removal decision goes onto the person's record: the post ends, or the suspension is noted. */
export class ApplyRemovalDecision extends WorkflowCommand {
  constructor(readonly stream: string) {
    super();
  }
}
