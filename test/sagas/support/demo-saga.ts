import { EventStore } from '../../../src/event-store/event-store.port';
import { Saga, Schedule, Send } from '../../../src/sagas/saga';
import { WorkflowCommand } from '../../../src/sagas/workflow-command';
import { TestCommandBus } from './test-command-bus';
import { TimerHandlerRegistry } from '../../../src/jobs/timers/timer-handlers';
import { note } from '../../jobs/support/demo-notes';

export const DEMO_CASE_PREFIX = 'democase-';
export const followUpStream = (caseId: string) => `demofollowup-${caseId}`;
export const REMINDER_DELAY_MS = 300;

/**
 * DemoCaseOpened on `democase-<id>` → send RecordFollowUp (appends DemoNoted to `demofollowup-<id>`)
 * and schedule a `demo-reminder` timer shortly after the case opened (its handler notes it too).
 */
export class RecordFollowUp extends WorkflowCommand {
  constructor(readonly caseId: string) {
    super();
  }
}

export const demoSaga: Saga = {
  name: 'demo-follow-up',
  filter: { eventTypes: ['DemoCaseOpened'], streamPrefix: DEMO_CASE_PREFIX },
  handle(event) {
    const caseId = String(event.data.caseId);
    return [
      Send(new RecordFollowUp(caseId), 'follow-up'),
      Schedule({
        kind: 'demo-reminder',
        dueAt: new Date(
          new Date(event.metadata.occurredAt).getTime() + REMINDER_DELAY_MS,
        ).toISOString(),
        target: followUpStream(caseId),
        payload: { caseId },
      }),
    ];
  },
  // Cases side by side (up to the runner's concurrency), as the real case sagas run: the crash
  // tests then kill the engine with several cases' effects in flight.
  orderingKey: (event) => event.streamId,
};

/** What the service does for real sagas: command handlers and timer handlers. */
export function wireDemo(
  store: EventStore,
  commands: TestCommandBus,
  timers: TimerHandlerRegistry,
  failFor?: Set<string>,
): void {
  commands.on(RecordFollowUp, async ({ caseId, dispatch }) => {
    if (failFor?.has(caseId)) throw new Error(`follow-up refused for ${caseId}`);
    await note(store, followUpStream(caseId), 'follow-up', dispatch.idSeed, dispatch.metadata);
  });
  timers.register('demo-reminder', async (timer, context) => {
    await note(store, timer.target, 'reminder', context.idSeed, context.metadata);
  });
}
