import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { runStreamCommand } from '../../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../../event-store/event-store.port';
import { WorkflowCommand } from '../../../sagas/workflow-command';
import { deadlineDecider } from './step-deadline';

/** A step's deadline timer fired: record the lapse on the case unless the step was taken. */
export class RecordStepDeadlineMissed extends WorkflowCommand {
  constructor(
    readonly stream: string,
    readonly caseId: string,
    readonly stepId: string,
    readonly dueOn: string,
  ) {
    super();
  }
}

@CommandHandler(RecordStepDeadlineMissed)
export class RecordStepDeadlineMissedHandler implements ICommandHandler<RecordStepDeadlineMissed> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ stream, caseId, stepId, dueOn, dispatch }: RecordStepDeadlineMissed) {
    await runStreamCommand(
      this.store,
      stream,
      deadlineDecider,
      {
        type: 'RecordDeadlineMissed',
        data: { caseId, stepId, dueOn, missedAt: dispatch.now.toISOString() },
      },
      { idSeed: dispatch.idSeed, metadata: dispatch.metadata, context: () => undefined },
    );
  }
}
