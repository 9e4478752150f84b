import { randomUUID } from 'node:crypto';
import { RecordedEvent } from '../../src/event-store/event-envelope';
import { EventStore } from '../../src/event-store/event-store.port';
import { JobsRuntime } from '../../src/jobs/jobs-runtime';
import { TimerScheduler } from '../../src/jobs/timers/timer-scheduler';
import { JobNames } from '../../src/jobs/job-queue';
import {
  evolveTimer,
  initialTimerState,
  timerIdFor,
  TimerScheduledData,
  timerStreamId,
} from '../../src/jobs/timers/timer.events';
import { STEP_DEADLINE_TIMER } from '../../src/procedures/case/deadlines/step-deadline';
import { stepDeadlineSaga } from '../../src/procedures/case/deadlines/step-deadline.saga';
import { SagaOutputExecutor } from '../../src/sagas/saga-outputs';
import { WorkflowCommandBus } from '../../src/sagas/workflow-command';
import { createJobsHarness, JobsHarness, waitFor } from './support/jobs-harness';
import { DAY, ManualClock } from './support/manual-clock';

/** The step-deadline saga never sends a command: a bus that fails if it is asked to. */
const noCommands: WorkflowCommandBus = {
  execute: async () => {
    throw new Error('the step-deadline saga sends no command');
  },
} as unknown as WorkflowCommandBus;

/** A scheduler in a process that dies before its schedule reaches the store. */
class DyingScheduler extends TimerScheduler {
  override async schedule(): Promise<never> {
    throw new Error('process killed before the schedule');
  }
}

/** Counts the whole-stream reads going through it; everything else goes straight to the store. */
function countingReads(store: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readStream')
        return (...args: Parameters<EventStore['readStream']>) => {
          reads += 1;
          return target.readStream(...args);
        };
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, reads: () => reads };
}

describe('step-deadline timers: one write per change, idempotent, crash-safe', () => {
  let h: JobsHarness;
  let clock: ManualClock;
  let jobs: JobsRuntime;
  const fired: { target: string; stepId: unknown }[] = [];

  beforeAll(async () => {
    h = await createJobsHarness('step-deadline-timers');
    clock = new ManualClock();
    jobs = h.runtime(clock);
    jobs.timerHandlers.register(STEP_DEADLINE_TIMER, async (timer) => {
      fired.push({ target: timer.target, stepId: timer.payload.stepId });
    });
    await jobs.start();
  });
  afterAll(async () => {
    await h?.close();
  });

  const executor = (scheduler: TimerScheduler = jobs.scheduler) =>
    new SagaOutputExecutor(noCommands, scheduler, clock);

  /** A case stream event as the saga receives it, recorded now by the test clock. */
  function caseEvent(stream: string, type: string, data: Record<string, unknown>): RecordedEvent {
    const at = clock.now().toISOString();
    return {
      id: randomUUID(),
      streamId: stream,
      revision: 0,
      position: '1/1',
      type,
      schemaVersion: 1,
      data,
      metadata: {
        actorId: 'u-staff',
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: at,
      },
      recordedAt: at,
      hash: '',
    };
  }

  async function deliver(event: RecordedEvent, scheduler?: TimerScheduler): Promise<void> {
    const outputs = await stepDeadlineSaga.handle(event, { now: clock.now() });
    await executor(scheduler).execute(stepDeadlineSaga, event, outputs);
  }

  const stepTimer = (stream: string, stepId: string) =>
    timerIdFor(`${stream}/${stepId}`, STEP_DEADLINE_TIMER);
  const timerEvents = async (timerId: string) =>
    (await h.store.readStream(timerStreamId(timerId))).map((event) => event.type);
  /**
   * The case's step-deadline timers that are still to fire, from their streams and the timers that
   * supersede them. (Not through the reconciler: its read of the log stops below the oldest
   * transaction open anywhere on the server, which other suites' transactions can hold back.)
   */
  async function liveDeadlines(stream: string): Promise<TimerScheduledData[]> {
    const { rows } = await h.db.pool.query<{ stream_id: string; supersedes: string[] | null }>(
      `SELECT stream_id, data->'supersedes' AS supersedes FROM events
        WHERE type = 'TimerScheduled.v1' AND data->>'target' = $1 ORDER BY global_position`,
      [stream],
    );
    const superseded = new Set(rows.flatMap((row) => row.supersedes ?? []));
    const live: TimerScheduledData[] = [];
    for (const { stream_id } of rows) {
      let state = initialTimerState();
      for (const event of await h.store.readStream(stream_id)) state = evolveTimer(state, event);
      if (
        state.status === 'scheduled' &&
        state.timer.kind === STEP_DEADLINE_TIMER &&
        !superseded.has(state.timer.timerId)
      )
        live.push(state.timer);
    }
    return live;
  }

  /** Makes a timer's delayed job run now, as the reconciler's tick does once the clock has passed it. */
  async function runNow(timerId: string): Promise<void> {
    await jobs.queue.ensure(JobNames.timerFire, { timerId }, timerId, 0);
    await waitFor(async () => (await timerEvents(timerId)).includes('TimerFired'), 'TimerFired');
  }

  /** A new case and its first step's timer; the step is then recorded, moving to `second`. */
  function newCase() {
    const stream = `appointment-${randomUUID()}`;
    const opened = caseEvent(stream, 'CaseOpened', {
      firstStepId: 'leadership-round-1',
      firstStepDueOn: '2026-03-10',
    });
    const recorded = () =>
      caseEvent(stream, 'ProposalRecorded', {
        stepId: 'leadership-round-1',
        nextStepId: 'expanded-nomination',
        nextStepDueOn: '2026-03-20',
      });
    const decided = () =>
      caseEvent(stream, 'DecisionIssued', { stepId: 'expanded-nomination', nextStepId: null });
    return { stream, opened, recorded, decided };
  }

  it('schedules, supersedes and cancels without reading the timer streams', async () => {
    const { stream, opened, recorded, decided } = newCase();
    const counted = countingReads(h.store);
    const scheduler = new TimerScheduler(counted.store, jobs.queue, clock);
    await deliver(opened, scheduler);
    await deliver(recorded(), scheduler);
    const [first, second] = [
      stepTimer(stream, 'leadership-round-1'),
      stepTimer(stream, 'expanded-nomination'),
    ];
    // The next step's timer takes over from the step's: one event, none on the first timer.
    expect(await timerEvents(first)).toEqual(['TimerScheduled']);
    const [next] = await h.store.readStream(timerStreamId(second));
    expect(next.data).toMatchObject({ supersedes: [first] });
    expect((await liveDeadlines(stream)).map((timer) => timer.timerId)).toEqual([second]);
    // The last step has no next timer: its own is cancelled.
    await deliver(decided(), scheduler);
    expect(await timerEvents(second)).toEqual(['TimerScheduled', 'TimerCancelled']);
    expect(await liveDeadlines(stream)).toEqual([]);
    expect(counted.reads()).toBe(0);
  });

  it('writes cancels and schedules asked for at once in one transaction: both or neither', async () => {
    const { stream, opened } = newCase();
    await deliver(opened);
    const [first, other] = [stepTimer(stream, 'leadership-round-1'), randomUUID()];
    const meta = { actorId: 'u', correlationId: 'c', causationId: null };
    const schedule = {
      kind: STEP_DEADLINE_TIMER,
      dueAt: new Date('2026-03-20T17:00:00.000Z'),
      target: stream,
      cause: `${stream}/recomputed`,
    };
    // A cancel of a timer never scheduled refuses the write: neither is written.
    expect(
      await jobs.scheduler.cancelAndScheduleAtOnce([{ timerId: other }], [schedule], meta),
    ).toBe(false);
    const second = timerIdFor(schedule.cause, STEP_DEADLINE_TIMER);
    expect(await timerEvents(second)).toEqual([]);
    expect(
      await jobs.scheduler.cancelAndScheduleAtOnce([{ timerId: first }], [schedule], meta),
    ).toBe(true);
    const { rows } = await h.db.pool.query<{ stream_id: string; type: string; tx: string }>(
      `SELECT stream_id, type, transaction_id::text AS tx FROM events WHERE stream_id = ANY ($1::text[])`,
      [[timerStreamId(first), timerStreamId(second)]],
    );
    const tx = (streamId: string, type: string) =>
      rows.find((row) => row.stream_id === streamId && row.type === type)?.tx;
    expect(rows).toHaveLength(3);
    expect(tx(timerStreamId(first), 'TimerCancelled.v1')).toBe(
      tx(timerStreamId(second), 'TimerScheduled.v1'),
    );
    expect(tx(timerStreamId(first), 'TimerScheduled.v1')).not.toBe(
      tx(timerStreamId(first), 'TimerCancelled.v1'),
    );
  });

  it('a repeated delivery of the saga’s events schedules and supersedes once', async () => {
    const { stream, opened, recorded } = newCase();
    await deliver(opened);
    clock.advance(1000); // a redelivery is handled later: its events would carry another time
    await deliver(opened);
    const first = stepTimer(stream, 'leadership-round-1');
    expect(await timerEvents(first)).toEqual(['TimerScheduled']);
    // Days ahead, beyond the queue horizon: in the store only, until the reconcile loop queues it.
    expect(await jobs.queue.state(first)).toBe('unknown');

    const step = recorded();
    await deliver(step);
    clock.advance(1000);
    await deliver(step);
    await deliver(opened); // a late repeat of the first event does not bring the timer back
    const second = stepTimer(stream, 'expanded-nomination');
    expect(await timerEvents(first)).toEqual(['TimerScheduled']);
    expect(await timerEvents(second)).toEqual(['TimerScheduled']);
    expect((await liveDeadlines(stream)).map((timer) => timer.timerId)).toEqual([second]);
  });

  it('a correction that takes the case back to a step gives it a deadline again, once however often it is delivered', async () => {
    const { stream, opened, recorded } = newCase();
    await deliver(opened);
    await deliver(recorded());
    // The first step was left: its timer is superseded, and a timer id is scheduled once.
    const reopened = caseEvent(stream, 'StepCorrected', {
      stepId: 'leadership-round-1',
      replacedNextStepId: 'expanded-nomination',
      corrected: {
        type: 'ProposalRecorded',
        data: {
          stepId: 'leadership-round-1',
          nextStepId: 'leadership-round-1',
          nextStepDueOn: '2026-03-10',
        },
      },
    });
    await deliver(reopened);
    clock.advance(1000);
    await deliver(reopened);
    await deliver(reopened);

    const live = await liveDeadlines(stream);
    expect(live.map((timer) => timer.payload)).toEqual([
      expect.objectContaining({ stepId: 'leadership-round-1', dueOn: '2026-03-10' }),
    ]);
    expect(await timerEvents(live[0].timerId)).toEqual(['TimerScheduled']);
    expect(await timerEvents(stepTimer(stream, 'expanded-nomination'))).toEqual([
      'TimerScheduled',
      'TimerCancelled',
    ]);
  });

  it('a crash before the next step’s timer is written ends, on redelivery, with exactly one live deadline that fires', async () => {
    const { stream, opened, recorded } = newCase();
    await deliver(opened);
    const step = recorded();
    await expect(deliver(step, new DyingScheduler(h.store, jobs.queue, clock))).rejects.toThrow(
      'process killed',
    );
    // Nothing written: the old deadline is still the live one, and the saga's checkpoint has not
    // moved past the step, so the event is delivered again.
    expect((await liveDeadlines(stream)).map((timer) => timer.timerId)).toEqual([
      stepTimer(stream, 'leadership-round-1'),
    ]);
    clock.advance(1000);
    await deliver(step);

    const second = stepTimer(stream, 'expanded-nomination');
    const live = await liveDeadlines(stream);
    expect(live.map((timer) => [timer.timerId, timer.payload.stepId])).toEqual([
      [second, 'expanded-nomination'],
    ]);
    expect(await timerEvents(stepTimer(stream, 'leadership-round-1'))).toEqual(['TimerScheduled']);

    clock.advance(30 * DAY);
    await runNow(second);
    expect(fired.filter((call) => call.target === stream)).toEqual([
      { target: stream, stepId: 'expanded-nomination' },
    ]);
  });

  it('cancelling a timer that was never scheduled, or has fired, changes nothing', async () => {
    clock.set('2026-03-02T01:00:00.000Z');
    const never = timerIdFor(randomUUID(), STEP_DEADLINE_TIMER);
    const meta = { actorId: 'u', correlationId: 'c', causationId: null };
    expect(await jobs.scheduler.cancel(never, meta)).toEqual({
      timerId: never,
      cancelled: false,
      status: 'absent',
    });
    expect(await timerEvents(never)).toEqual([]);

    const { stream, opened } = newCase();
    await deliver(opened);
    const first = stepTimer(stream, 'leadership-round-1');
    clock.advance(30 * DAY);
    await runNow(first);
    expect(await jobs.scheduler.cancel(first, meta, 'step completed')).toEqual({
      timerId: first,
      cancelled: false,
      status: 'fired',
    });
    expect(await timerEvents(first)).toEqual(['TimerScheduled', 'TimerFired']);
  });
});
