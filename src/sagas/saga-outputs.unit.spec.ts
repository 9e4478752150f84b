import { RecordedEvent } from '../event-store/event-envelope';
import { TimerScheduler } from '../jobs/timers/timer-scheduler';
import { Cancel, Ignore, Saga, Schedule, Send } from './saga';
import { sagaIdSeed, SagaOutputExecutor } from './saga-outputs';
import { sagaBackoff, defaultSagaRetryPolicy } from './saga-runner';
import { WorkflowCommand, WorkflowDispatch } from './workflow-command';

class AssignPost extends WorkflowCommand {}
class ScheduleNotice extends WorkflowCommand {}

const event: RecordedEvent = {
  id: 'evt-1',
  streamId: 'appointment-1',
  revision: 4,
  position: '10/20',
  type: 'AppointmentDecided',
  schemaVersion: 1,
  data: {},
  metadata: {
    actorId: 'u1',
    correlationId: 'corr-9',
    causationId: null,
    occurredAt: '2026-03-02T00:00:00.000Z',
  },
  recordedAt: '2026-03-02T00:00:00.000Z',
  hash: '',
};
const saga: Saga = { name: 'demo', filter: {}, handle: () => [] };
const clock = { now: () => new Date('2026-03-02T01:00:00.000Z') };

/** `atOnce`: whether the store takes an event's timers in one write (false: it refused it). */
function harness(atOnce = false, order: string[] = []) {
  const sent: { type: string; context: WorkflowDispatch }[] = [];
  const scheduled: unknown[] = [];
  const cancelled: unknown[] = [];
  const together: { cancels: unknown[]; schedules: unknown[] }[] = [];
  const bus = {
    execute: async (command: WorkflowCommand) => {
      order.push(`send ${command.constructor.name}`);
      sent.push({ type: command.constructor.name, context: command.dispatch });
    },
  };
  const timers = {
    schedule: async (request: { kind: string }, meta: unknown) => {
      order.push(`schedule ${request.kind}`);
      scheduled.push({ request, meta });
      return { timerId: 't', created: true, status: 'scheduled' as const };
    },
    cancel: async (timerId: string, meta: unknown, reason?: string) => {
      order.push(`cancel ${timerId}`);
      cancelled.push({ timerId, meta, reason });
      return { timerId, cancelled: true, status: 'cancelled' as const };
    },
    cancelAndScheduleAtOnce: async (cancels: unknown[], schedules: unknown[]) => {
      if (atOnce) {
        order.push(`together ${cancels.length}+${schedules.length}`);
        together.push({ cancels, schedules });
      }
      return atOnce;
    },
  } as unknown as TimerScheduler;
  return {
    executor: new SagaOutputExecutor(bus, timers, clock),
    sent,
    scheduled,
    cancelled,
    together,
  };
}

const step = [
  Cancel('timer-x', 'step completed'),
  Schedule({ kind: 'deadline', dueAt: '2026-04-02T00:00:00.000Z', target: 'appointment-1' }),
];

describe('saga outputs', () => {
  it('Send gets an idSeed from saga, triggering event and key — the same on every redelivery', async () => {
    const first = harness();
    const second = harness();
    const outputs = [Send(new AssignPost(), 'assign'), Send(new ScheduleNotice())];
    await first.executor.execute(saga, event, outputs);
    await second.executor.execute(saga, event, outputs);
    expect(first.sent.map((s) => s.context.idSeed)).toEqual(
      second.sent.map((s) => s.context.idSeed),
    );
    expect(first.sent[0].context.idSeed).toBe(sagaIdSeed('demo', 'evt-1', 'assign'));
    expect(first.sent[1].context.idSeed).toBe(sagaIdSeed('demo', 'evt-1', '1'));
    expect(first.sent[0].context.metadata).toEqual({
      actorId: 'system:saga:demo',
      correlationId: 'corr-9',
      causationId: 'evt-1',
      occurredAt: '2026-03-02T01:00:00.000Z',
    });
  });

  it("leaves an event's outputs be when the event says they were written with it, and only this saga's", async () => {
    const outputs = [
      Cancel('timer-x', 'step completed'),
      Schedule({ kind: 'deadline', dueAt: '2026-04-02T00:00:00.000Z', target: 'appointment-1' }),
      Send(new AssignPost()),
    ];
    const marked = { ...event, metadata: { ...event.metadata, writtenWith: ['demo'] } };
    const skipped = harness();
    await skipped.executor.execute(saga, marked, outputs);
    expect([skipped.sent, skipped.scheduled, skipped.cancelled]).toEqual([[], [], []]);
    // Marked for another saga: this one still carries its outputs out.
    const other = harness();
    await other.executor.execute({ ...saga, name: 'other' }, marked, outputs);
    expect([other.sent.length, other.scheduled.length, other.cancelled.length]).toEqual([1, 1, 1]);
  });

  it('Schedule derives the timer from the triggering event unless a cause is given; Cancel and Ignore', async () => {
    const { executor, scheduled, cancelled, sent } = harness();
    await executor.execute(saga, event, [
      Schedule({ kind: 'term-end', dueAt: '2031-03-02T00:00:00.000Z', target: 'cadre-1' }),
      Schedule({
        kind: 'deadline',
        dueAt: '2026-04-02T00:00:00.000Z',
        target: 'appointment-1',
        cause: 'appointment-1/vetting',
      }),
      Cancel('timer-x', 'step done'),
      Ignore('nothing to do'),
    ]);
    expect(scheduled).toEqual([
      expect.objectContaining({
        request: expect.objectContaining({
          kind: 'term-end',
          cause: 'evt-1',
          dueAt: new Date('2031-03-02T00:00:00.000Z'),
        }),
      }),
      expect.objectContaining({
        request: expect.objectContaining({ kind: 'deadline', cause: 'appointment-1/vetting' }),
      }),
    ]);
    expect(cancelled).toEqual([
      {
        timerId: 'timer-x',
        reason: 'step done',
        meta: expect.objectContaining({ causationId: 'evt-1' }),
      },
    ]);
    expect(sent).toEqual([]);
  });

  it('an event whose outputs are only timers has them written in one go', async () => {
    const onlyTimers = harness(true);
    await onlyTimers.executor.execute(saga, event, step);
    expect(onlyTimers.together).toEqual([
      {
        cancels: [{ timerId: 'timer-x', reason: 'step completed' }],
        schedules: [expect.objectContaining({ kind: 'deadline', cause: 'evt-1' })],
      },
    ]);
    expect(onlyTimers.scheduled).toEqual([]);
    expect(onlyTimers.cancelled).toEqual([]);
  });

  it("timers in a row among commands go in one write, in their place: a decision's after its record", async () => {
    const order: string[] = [];
    const decision = harness(true, order);
    await decision.executor.execute(saga, event, [
      Send(new AssignPost(), 'assign'),
      Send(new ScheduleNotice(), 'note'),
      ...step,
      Send(new AssignPost(), 'last'),
    ]);
    expect(order).toEqual([
      'send AssignPost',
      'send ScheduleNotice',
      'together 1+1',
      'send AssignPost',
    ]);
    expect(decision.sent.map((s) => s.context.idSeed)).toEqual([
      sagaIdSeed('demo', 'evt-1', 'assign'),
      sagaIdSeed('demo', 'evt-1', 'note'),
      sagaIdSeed('demo', 'evt-1', 'last'),
    ]);
    // A timer alone between commands is written alone, as before.
    const alone = harness(true, []);
    await alone.executor.execute(saga, event, [
      Send(new AssignPost()),
      step[1],
      Send(new AssignPost()),
    ]);
    expect(alone.together).toEqual([]);
    expect(alone.scheduled).toHaveLength(1);
  });

  it('timers the store will not take in one write are carried out one by one, in order', async () => {
    const order: string[] = [];
    const refused = harness(false, order);
    await refused.executor.execute(saga, event, [Send(new AssignPost()), ...step]);
    expect(order).toEqual(['send AssignPost', 'cancel timer-x', 'schedule deadline']);
    expect(refused.together).toEqual([]);
  });

  it('a command the bus refuses (no handler) fails the event (retried, then parked), not a silent drop', async () => {
    const bus = {
      execute: async (command: WorkflowCommand) => {
        throw new Error(`no handler for ${command.constructor.name}`);
      },
    };
    const executor = new SagaOutputExecutor(bus, {} as TimerScheduler, clock);
    await expect(executor.execute(saga, event, [Send(new AssignPost())])).rejects.toThrow(
      'no handler for AssignPost',
    );
  });

  it('a handler reads the dispatch; a command sent without one says so', () => {
    expect(() => new AssignPost().dispatch).toThrow('AssignPost was executed without');
  });

  it('backoff doubles per attempt up to the cap', () => {
    const policy = { ...defaultSagaRetryPolicy, backoffMs: 100, maxBackoffMs: 350 };
    expect([1, 2, 3, 4].map((attempt) => sagaBackoff(policy, attempt))).toEqual([
      100, 200, 350, 350,
    ]);
  });
});
