import { Pool } from 'pg';
import { checkOutClient } from '../../database/checked-out-client';
import { Clock } from '../../common/clock';
import { EventStore } from '../../event-store/event-store.port';
import { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { EnsureOutcome, JobNames, JobQueue } from '../job-queue';
import {
  evolveTimer,
  supersede,
  supersededTimers,
  TIMER_STREAM_PREFIX,
  TimerScheduledData,
  TimerState,
} from './timer.events';
import { timerDeadLetterKey } from './timer-firing';
import { TIMERS_PROJECTION_NAME } from './timers.projection';

export interface PendingTimer extends TimerScheduledData {
  /** When its TimerScheduled was recorded. */
  scheduledAt: string;
}

/** Pending timers whose job is missing from Redis (what a Redis that lost its data leaves). */
export interface MissingJobsReport {
  pending: number;
  withoutJob: number;
}

export interface ReconcileReport {
  pending: number;
  due: number;
  /** Pending timers that should have had a job and had none: Redis lost them. */
  added: number;
  /** Jobs added for timers that came within the queue horizon since the last look. */
  cameWithinHorizon: number;
  /** Pending timers due beyond the horizon: in the store only, as they should be. */
  beyondHorizon: number;
  promoted: number;
  alreadyQueued: number;
  /** Pending timers whose last firing is parked in dead_letters: replay them explicitly. */
  parked: number;
}

const TAIL_BATCH = 1000;

/** Which pending timers BullMQ holds a job for (see JobsConfig.queueHorizonMs). */
export interface TimerQueueWindow {
  /** Timers due within this much of now have a job; the others wait in the store. */
  horizonMs: number;
  /** How often the reconcile loop queues the timers that came within the horizon. */
  intervalMs: number;
}

const EVERY_TIMER_QUEUED: TimerQueueWindow = {
  horizonMs: Number.POSITIVE_INFINITY,
  intervalMs: 0,
};

/**
 * Puts every pending timer (scheduled, neither fired nor cancelled) due within the queue horizon
 * into BullMQ, so a Redis that lost its data loses no deadline and a timer scheduled far ahead is
 * queued as it comes near. Run on start, every reconcile interval, and whenever the clock jumps
 * (`tick`).
 *
 * Which timers are pending comes from the store: the `timers` read model up to its checkpoint,
 * plus the timer events after that checkpoint read straight from the store, so the answer is exact
 * even when the projection lags or is not running; the work is proportional to the pending timers
 * and the lag, not to every timer ever scheduled.
 */
export class TimerReconciler {
  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly queue: JobQueue,
    private readonly deadLetters: DeadLetterStore,
    private readonly clock: Clock,
    private readonly window: TimerQueueWindow = EVERY_TIMER_QUEUED,
  ) {}

  /**
   * Whether the timer must hold a job by now: it was due within the horizon when it was
   * scheduled (queued then), or it has been within it for a whole loop interval (queued by the
   * loop). A timer that only just came within the horizon is the loop's next to queue.
   */
  private shouldHaveJob(timer: PendingTimer, now: number): boolean {
    const dueAt = new Date(timer.dueAt).getTime();
    const { horizonMs, intervalMs } = this.window;
    return (
      dueAt - now <= horizonMs - intervalMs ||
      dueAt - new Date(timer.scheduledAt).getTime() <= horizonMs
    );
  }

  async pendingTimers(): Promise<PendingTimer[]> {
    const states = new Map<string, TimerState>();
    const scheduledAt = new Map<string, string>();
    const checkpoint = await this.readProjectedTimers(states, scheduledAt);

    let position = checkpoint ?? 'start';
    for (;;) {
      const tail = await this.store.readAll(position, {
        limit: TAIL_BATCH,
        filter: { streamPrefix: TIMER_STREAM_PREFIX },
      });
      for (const event of tail) {
        const timerId = event.streamId.slice(TIMER_STREAM_PREFIX.length);
        if (event.type === 'TimerScheduled') scheduledAt.set(timerId, event.recordedAt);
        states.set(timerId, evolveTimer(states.get(timerId) ?? { status: 'absent' }, event));
        for (const superseded of supersededTimers(event)) {
          const state = states.get(superseded);
          if (state) states.set(superseded, supersede(state, timerId));
        }
      }
      if (tail.length < TAIL_BATCH) break;
      position = tail[tail.length - 1].position;
    }

    const pending: PendingTimer[] = [];
    for (const [timerId, state] of states)
      if (state.status === 'scheduled')
        pending.push({
          ...state.timer,
          scheduledAt: scheduledAt.get(timerId) ?? state.timer.dueAt,
        });
    return pending.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  /**
   * The timers projection's scheduled timers into `states` and `scheduledAt`; returns the
   * checkpoint they are current to (null: the projection has not run, nothing is read).
   */
  private async readProjectedTimers(
    states: Map<string, TimerState>,
    scheduledAt: Map<string, string>,
  ): Promise<string | null> {
    const client = await checkOutClient(this.pool);
    let checkpoint: string | null = null;
    try {
      // One snapshot for the checkpoint and the rows it vouches for.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const cp = await client.query<{ position: string | null }>(
        'SELECT position FROM projection_checkpoints WHERE name = $1',
        [TIMERS_PROJECTION_NAME],
      );
      checkpoint = cp.rows[0]?.position ?? null;
      if (checkpoint !== null) {
        const { rows } = await client.query<{
          timer_id: string;
          kind: string;
          target: string;
          due_at: Date;
          payload: Record<string, unknown>;
          scheduled_at: Date;
        }>(
          `SELECT timer_id, kind, target, due_at, payload, scheduled_at FROM timers WHERE status = 'scheduled'`,
        );
        for (const row of rows) {
          scheduledAt.set(row.timer_id, row.scheduled_at.toISOString());
          states.set(row.timer_id, {
            status: 'scheduled',
            timer: {
              timerId: row.timer_id,
              kind: row.kind,
              target: row.target,
              dueAt: row.due_at.toISOString(),
              payload: row.payload,
            },
          });
        }
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return checkpoint;
  }

  /**
   * Re-enqueues every pending timer due within the queue horizon; due ones run at once, the others
   * keep their delay.
   */
  async reconcile(): Promise<ReconcileReport> {
    return this.run({ dueOnly: false, missingOnly: false });
  }

  /**
   * Re-enqueues only the pending timers whose job Redis does not hold: the check a running
   * service repeats (TimerReconcileLoop), one Redis round trip to find them instead of a job
   * state lookup per pending timer.
   */
  async requeueMissing(): Promise<ReconcileReport> {
    return this.run({ dueOnly: false, missingOnly: true });
  }

  /**
   * Counts pending timers that have no job in Redis, for `/health`. A timer scheduled less than
   * `graceMs` ago is left out (the scheduler writes the store first and the job right after),
   * and a timer missing its job is looked up again, so one that fired meanwhile (its job removed
   * on completion) is not counted. A timer parked in dead_letters is not counted either: it waits
   * for an operator's replay, which queues it again.
   */
  async missingJobs(graceMs = 10_000): Promise<MissingJobsReport> {
    const pending = await this.pendingTimers();
    const settledBefore = Date.now() - graceMs;
    const now = this.clock.now().getTime();
    const old = pending.filter(
      (timer) =>
        new Date(timer.scheduledAt).getTime() < settledBefore && this.shouldHaveJob(timer, now),
    );
    const absent = await this.queue.missingJobIds(old.map((timer) => timer.timerId));
    if (absent.length === 0) return { pending: pending.length, withoutJob: 0 };
    const stillPending = new Set((await this.pendingTimers()).map((timer) => timer.timerId));
    const parked = await this.deadLetters.parkedKeys(absent.map(timerDeadLetterKey));
    const withoutJob = (await this.queue.missingJobIds(absent)).filter(
      (id) => stillPending.has(id) && !parked.has(timerDeadLetterKey(id)),
    );
    return { pending: pending.length, withoutJob: withoutJob.length };
  }

  /** After the clock moved: makes every timer due by the clock run now. */
  async tick(): Promise<ReconcileReport> {
    return this.run({ dueOnly: true, missingOnly: false });
  }

  private async run(scope: { dueOnly: boolean; missingOnly: boolean }): Promise<ReconcileReport> {
    const { dueOnly, missingOnly } = scope;
    const now = this.clock.now().getTime();
    const all = await this.pendingTimers();
    const withinHorizon = (timer: PendingTimer) =>
      new Date(timer.dueAt).getTime() - now <= this.window.horizonMs;
    const pending = all.filter(withinHorizon);
    const missing = missingOnly
      ? new Set(await this.queue.missingJobIds(pending.map((timer) => timer.timerId)))
      : null;
    const parked = await this.deadLetters.parkedKeys(
      pending.map((timer) => timerDeadLetterKey(timer.timerId)),
    );
    const report: ReconcileReport = {
      pending: all.length,
      due: 0,
      added: 0,
      cameWithinHorizon: 0,
      beyondHorizon: all.length - pending.length,
      promoted: 0,
      alreadyQueued: 0,
      parked: 0,
    };
    for (const timer of pending) {
      const delay = new Date(timer.dueAt).getTime() - now;
      if (delay <= 0) report.due += 1;
      if (dueOnly && delay > 0) continue;
      if (missing && !missing.has(timer.timerId)) {
        report.alreadyQueued += 1;
        continue;
      }
      if (parked.has(timerDeadLetterKey(timer.timerId))) {
        report.parked += 1;
        continue;
      }
      const outcome: EnsureOutcome = await this.queue.ensure(
        JobNames.timerFire,
        { timerId: timer.timerId },
        timer.timerId,
        delay,
      );
      if (outcome === 'added' || outcome === 're-added') {
        if (this.shouldHaveJob(timer, now)) report.added += 1;
        else report.cameWithinHorizon += 1;
      } else if (outcome === 'promoted') report.promoted += 1;
      else report.alreadyQueued += 1;
    }
    return report;
  }
}
