import { WorkflowCommand } from '../../sagas/workflow-command';

/** The extension decision moves the post's term end to the retirement date on the record. */
export class ExtendTermFromDecision extends WorkflowCommand {
  constructor(readonly stream: string) {
    super();
  }
}
