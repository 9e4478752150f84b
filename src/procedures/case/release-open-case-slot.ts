import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { loadStream } from '../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { WorkflowCommand } from '../../sagas/workflow-command';
import { caseDecider } from './decider/case.decider';
import { OpenCaseSlots } from './open-case-slots';
import { slotsToRelease } from './open-case-slot';

/** A case closed: free the open-case slot it held (nothing to do once it no longer holds it). */
export class ReleaseOpenCaseSlot extends WorkflowCommand {
  constructor(
    readonly stream: string,
    readonly reason: string,
  ) {
    super();
  }
}

/** The case's own stream says which slot it held. */
@CommandHandler(ReleaseOpenCaseSlot)
export class ReleaseOpenCaseSlotHandler implements ICommandHandler<ReleaseOpenCaseSlot> {
  constructor(
    private readonly slots: OpenCaseSlots,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ stream, reason, dispatch }: ReleaseOpenCaseSlot): Promise<void> {
    const { state } = await loadStream(this.store, stream, caseDecider);
    if (state.status === 'none' || state.status === 'open') return;
    for (const slot of slotsToRelease(state))
      await this.slots.releaseHeldBy(slot, state.caseId, reason, dispatch.metadata);
  }
}
