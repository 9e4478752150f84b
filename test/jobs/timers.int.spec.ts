import { randomUUID } from 'node:crypto';
import { systemClock } from '../../src/common/clock';
import { JobsRuntime } from '../../src/jobs/jobs-runtime';
import { TimerFiring } from '../../src/jobs/timers/timer-firing';
import { TIMER_STREAM_PREFIX, timerIdFor, timerStreamId } from '../../src/jobs/timers/timer.events';
import { timersProjection } from '../../src/jobs/timers/timers.projection';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { createJobsHarness, deleteRedisKeys, JobsHarness, waitFor } from './support/jobs-harness';
import { DAY, HOUR, MINUTE, ManualClock } from './support/manual-clock';
import { note, notesOf } from './support/demo-notes';

const meta = { actorId: 'user-1', correlationId: 'corr-1', causationId: null };

describe('durable timers (PostgreSQL + BullMQ)', () => {
  let h: JobsHarness;
  let clock: ManualClock;
  let jobs: JobsRuntime;
  /** Every handler call, by timer id: proves "handled at least once" separately from "effect once". */
  const calls = new Map<string, number>();

  beforeAll(async () => {
    h = await createJobsHarness('timers');
    clock = new ManualClock();
    jobs = h.runtime(clock);
    jobs.timerHandlers.register('deadline', async (timer, context) => {
      calls.set(timer.timerId, (calls.get(timer.timerId) ?? 0) + 1);
      await note(
        h.store,
        timer.target,
        `deadline missed: ${String(timer.payload.step)}`,
        context.idSeed,
        context.metadata,
      );
    });
    await jobs.start();
  });
  afterAll(async () => {
    await h?.close();
  });

  const target = () => `democase-${randomUUID()}`;

  /** Runs the `timers` projection until these timers are in it, then stops it. */
  async function projectTimers(timerIds: string[]): Promise<void> {
    const projection = new ProjectionRunner({
      pool: h.db.pool,
      store: h.store,
      projection: timersProjection,
      log: () => {},
    });
    await projection.start();
    await waitFor(async () => {
      const { rows } = await h.db.pool.query(
        `SELECT count(*)::int AS n FROM timers WHERE timer_id = ANY($1)`,
        [timerIds],
      );
      return rows[0].n === timerIds.length;
    }, 'the timers projection');
    await projection.stop();
  }

  async function timerEvents(timerId: string): Promise<string[]> {
    return (await h.store.readStream(timerStreamId(timerId))).map((event) => event.type);
  }

  /**
   * Waits until the log's settled part (what no transaction of the cluster still running holds
   * back: what the reconciler reads) has an event of `type` in each of these timers' streams.
   */
  const untilSettled = (timerIds: string[], type: string) =>
    waitFor(async () => {
      const ours = new Set(timerIds.map((timerId) => timerStreamId(timerId)));
      const seen = new Set<string>();
      for (let position = 'start'; ;) {
        const events = await h.store.readAll(position, {
          limit: 500,
          filter: { streamPrefix: TIMER_STREAM_PREFIX },
        });
        for (const event of events)
          if (event.type === type && ours.has(event.streamId)) seen.add(event.streamId);
        if (events.length < 500) break;
        position = events[events.length - 1].position;
      }
      return seen.size === ours.size;
    }, `${type} of ${timerIds.length} timer(s) in the log's settled part`);

  it('scheduling the same cause twice writes one timer and queues one job', async () => {
    const cause = randomUUID();
    const request = {
      kind: 'deadline',
      dueAt: new Date(clock.now().getTime() + 10 * MINUTE),
      target: target(),
      payload: { step: 'vetting' },
      cause,
    };
    const first = await jobs.scheduler.schedule(request, meta);
    const repeat = await jobs.scheduler.schedule(request, meta);
    clock.advance(1000); // a redelivery handled later, its event recorded at another time
    const later = await jobs.scheduler.schedule(request, meta);
    expect(first).toEqual({
      timerId: timerIdFor(cause, 'deadline'),
      created: true,
      status: 'scheduled',
    });
    expect(repeat).toMatchObject({ timerId: first.timerId, status: 'scheduled' });
    expect(later).toEqual({ timerId: first.timerId, created: false, status: 'scheduled' });
    expect(await timerEvents(first.timerId)).toEqual(['TimerScheduled']);
    expect(await jobs.queue.state(first.timerId)).toBe('delayed');
    expect(await jobs.queue.queue.getJobCountByTypes('delayed')).toBeGreaterThanOrEqual(1);
  });

  it('fires when the clock is moved past dueAt (tick), once', async () => {
    const stream = target();
    const { timerId } = await jobs.scheduler.schedule(
      {
        kind: 'deadline',
        dueAt: new Date(clock.now().getTime() + 10 * MINUTE),
        target: stream,
        payload: { step: 'ballot' },
        cause: randomUUID(),
      },
      meta,
    );
    expect((await jobs.reconciler.tick()).promoted).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await notesOf(h.store, stream)).toEqual([]);

    clock.advance(20 * MINUTE);
    // A tick makes the timer run now (promoted, or added at once where its job is not in Redis
    // yet); it reads the log up to where no transaction of the cluster is still running, so on a
    // busy machine the schedule may sit past that for a moment and the next tick takes it.
    await waitFor(async () => {
      await jobs.reconciler.tick();
      return (await timerEvents(timerId)).includes('TimerFired');
    }, 'a tick firing the timer');
    expect(await notesOf(h.store, stream)).toEqual(['deadline missed: ballot']);
    expect(await timerEvents(timerId)).toEqual(['TimerScheduled', 'TimerFired']);
  });

  it('firing twice has no second effect (direct call and a re-queued job)', async () => {
    const stream = target();
    const { timerId } = await jobs.scheduler.schedule(
      {
        kind: 'deadline',
        dueAt: new Date(clock.now().getTime() - 1000),
        target: stream,
        payload: { step: 'decision' },
        cause: randomUUID(),
      },
      meta,
    );
    await waitFor(async () => (await timerEvents(timerId)).includes('TimerFired'), 'TimerFired');
    const firing = new TimerFiring(h.store, jobs.timerHandlers, clock);
    await firing.fire(timerId);
    await firing.fire(timerId);
    await jobs.queue.ensure('timer.fire', { timerId }, timerId, 0);
    await waitFor(
      async () => (await jobs.queue.state(timerId)) === 'unknown',
      'the re-queued job to finish',
    );
    expect(await notesOf(h.store, stream)).toEqual(['deadline missed: decision']);
    expect(await timerEvents(timerId)).toEqual(['TimerScheduled', 'TimerFired']);
    expect(calls.get(timerId)).toBe(1);
  });

  it('a handler that ran but whose TimerFired was never written is run again with no second effect', async () => {
    // The crash window between the handler's effect and TimerFired: the effect exists, the timer is pending.
    const stream = target();
    const cause = randomUUID();
    const timerId = timerIdFor(cause, 'deadline');
    await note(h.store, stream, 'deadline missed: nomination', timerId, {
      ...meta,
      occurredAt: clock.now().toISOString(),
    });
    await jobs.scheduler.schedule(
      {
        kind: 'deadline',
        dueAt: new Date(clock.now().getTime() - 1),
        target: stream,
        payload: { step: 'nomination' },
        cause,
      },
      meta,
    );
    await waitFor(async () => (await timerEvents(timerId)).includes('TimerFired'), 'TimerFired');
    expect(calls.get(timerId)).toBe(1);
    expect(await notesOf(h.store, stream)).toEqual(['deadline missed: nomination']);
  });

  it('a cancelled timer never fires', async () => {
    const stream = target();
    const { timerId } = await jobs.scheduler.schedule(
      {
        kind: 'deadline',
        dueAt: new Date(clock.now().getTime() + HOUR),
        target: stream,
        payload: { step: 'x' },
        cause: randomUUID(),
      },
      meta,
    );
    expect(await jobs.scheduler.cancel(timerId, meta, 'step completed')).toEqual({
      timerId,
      cancelled: true,
      status: 'cancelled',
    });
    expect(await jobs.scheduler.cancel(timerId, meta)).toEqual({
      timerId,
      cancelled: false,
      status: 'cancelled',
    });
    clock.advance(2 * HOUR);
    await jobs.reconciler.tick();
    await new TimerFiring(h.store, jobs.timerHandlers, clock).fire(timerId);
    expect(await timerEvents(timerId)).toEqual(['TimerScheduled', 'TimerCancelled']);
    expect(await notesOf(h.store, stream)).toEqual([]);
  });

  it('Redis loses the queue while timers are pending: the reconciler re-enqueues them and each fires once', async () => {
    // Part of the timers is in the `timers` read model (projection run up to here), the rest only
    // in the store after the projection's checkpoint: the reconciler must see both.
    const schedule = async (n: number, dueIn: number) => {
      const out: { timerId: string; stream: string }[] = [];
      for (let i = 0; i < n; i += 1) {
        const stream = target();
        const { timerId } = await jobs.scheduler.schedule(
          {
            kind: 'deadline',
            dueAt: new Date(clock.now().getTime() + dueIn + i * 1000),
            target: stream,
            payload: { step: `s${i}` },
            cause: randomUUID(),
          },
          meta,
        );
        out.push({ timerId, stream });
      }
      return out;
    };
    // Due within the queue horizon (15 min): each has had its job since it was scheduled.
    const projected = await schedule(10, 4 * MINUTE);
    await projectTimers(projected.map((t) => t.timerId));
    const tail = await schedule(10, 5 * MINUTE);
    const all = [...projected, ...tail];
    // The reconciler reads the log's settled part, which a transaction still running elsewhere in
    // the cluster holds back: wait until every schedule is in it.
    await untilSettled(
      all.map(({ timerId }) => timerId),
      'TimerScheduled',
    );

    expect(await deleteRedisKeys(h.prefix)).toBeGreaterThan(0);
    for (const { timerId } of all) expect(await jobs.queue.state(timerId)).toBe('unknown');

    const report = await jobs.reconciler.reconcile();
    expect(report.pending).toBeGreaterThanOrEqual(20);
    for (const { timerId } of all) expect(await jobs.queue.state(timerId)).toBe('delayed');

    clock.advance(6 * HOUR);
    await jobs.reconciler.tick();
    await waitFor(async () => {
      for (const { timerId } of all)
        if (!(await timerEvents(timerId)).includes('TimerFired')) return false;
      return true;
    }, 'every timer to fire');
    // The reconciler reads the log up to where no transaction of the cluster is still running (a
    // busy machine's other suites hold that back for a moment): wait until its read has the firings.
    await untilSettled(
      all.map(({ timerId }) => timerId),
      'TimerFired',
    );
    // Reconciling again (a second restart) re-enqueues nothing.
    const again = await jobs.reconciler.reconcile();
    expect(again.due).toBe(0);
    expect(again.added).toBe(0);
    for (const { timerId, stream } of all) {
      expect(await timerEvents(timerId)).toEqual(['TimerScheduled', 'TimerFired']);
      expect(await notesOf(h.store, stream)).toHaveLength(1);
      expect(calls.get(timerId)).toBe(1);
    }
  });

  it('a superseded timer is not pending: after Redis lost the queue only the timer that took over is queued again', async () => {
    const schedule = async (supersedes?: string) =>
      (
        await jobs.scheduler.schedule(
          {
            kind: 'deadline',
            dueAt: new Date(clock.now().getTime() + 4 * MINUTE),
            target: target(),
            cause: randomUUID(),
            ...(supersedes ? { supersedes: [supersedes] } : {}),
          },
          meta,
        )
      ).timerId;
    // One superseded timer in the `timers` read model, one only in the store after its checkpoint.
    const projectedFirst = await schedule();
    await projectTimers([projectedFirst]);
    const projectedNext = await schedule(projectedFirst);
    const tailFirst = await schedule();
    const tailNext = await schedule(tailFirst);
    // As the reconciler after a restart would: once its read of the log has the schedules.
    await untilSettled([projectedFirst, projectedNext, tailFirst, tailNext], 'TimerScheduled');

    expect(await deleteRedisKeys(h.prefix)).toBeGreaterThan(0);
    await jobs.reconciler.reconcile();
    expect(await jobs.queue.state(projectedFirst)).toBe('unknown');
    expect(await jobs.queue.state(tailFirst)).toBe('unknown');
    expect(await jobs.queue.state(projectedNext)).toBe('delayed');
    expect(await jobs.queue.state(tailNext)).toBe('delayed');
  });

  it('a real BullMQ delay of about 2 seconds', async () => {
    const real = h.runtime(systemClock, { queueName: 'realtime' });
    const fired: number[] = [];
    real.timerHandlers.register('term-end', async (timer, context) => {
      fired.push(Date.now());
      await note(h.store, timer.target, 'term ended', context.idSeed, context.metadata);
    });
    await real.start();
    const stream = target();
    const scheduledAt = Date.now();
    const { timerId } = await real.scheduler.schedule(
      {
        kind: 'term-end',
        dueAt: new Date(scheduledAt + 2000),
        target: stream,
        cause: randomUUID(),
      },
      meta,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await notesOf(h.store, stream)).toEqual([]);
    await waitFor(
      async () => (await timerEvents(timerId)).includes('TimerFired'),
      'the delayed timer',
      10000,
    );
    expect(fired).toHaveLength(1);
    expect(fired[0] - scheduledAt).toBeGreaterThanOrEqual(1900);
    expect(await notesOf(h.store, stream)).toEqual(['term ended']);
    await real.close();
  });
  it('a timer due beyond the queue horizon waits in the store, is queued once it comes within it, and fires once', async () => {
    const stream = target();
    const { timerId } = await jobs.scheduler.schedule(
      {
        kind: 'deadline',
        dueAt: new Date(clock.now().getTime() + 2 * DAY),
        target: stream,
        payload: { step: 'far' },
        cause: randomUUID(),
      },
      meta,
    );
    // The reconcile loop reads the log's settled part: a transaction still running elsewhere in
    // the cluster holds the schedule back from it (a fresh-clone run under load found none).
    await untilSettled([timerId], 'TimerScheduled');
    // Two days ahead: nothing in Redis, and the reconcile loop leaves it there.
    expect(await jobs.queue.state(timerId)).toBe('unknown');
    expect((await jobs.reconciler.requeueMissing()).beyondHorizon).toBeGreaterThanOrEqual(1);
    expect(await jobs.queue.state(timerId)).toBe('unknown');

    // Ten minutes before it falls due, within the horizon: the loop's next look queues it.
    clock.advance(2 * DAY - 10 * MINUTE);
    const report = await jobs.reconciler.requeueMissing();
    expect(report.added + report.cameWithinHorizon).toBeGreaterThanOrEqual(1);
    expect(await jobs.queue.state(timerId)).toBe('delayed');

    clock.advance(20 * MINUTE);
    await jobs.reconciler.tick();
    await waitFor(async () => (await timerEvents(timerId)).includes('TimerFired'), 'TimerFired');
    expect(await notesOf(h.store, stream)).toEqual(['deadline missed: far']);
    expect(calls.get(timerId)).toBe(1);
  });
  it('refuses a queue horizon shorter than two reconcile intervals (a timer could fall due unqueued)', () => {
    expect(() => h.runtime(clock, { reconcileIntervalMs: 30_000, queueHorizonMs: 45_000 })).toThrow(
      'queueHorizonMs (45000) must be at least twice reconcileIntervalMs (30000)',
    );
  });
});
