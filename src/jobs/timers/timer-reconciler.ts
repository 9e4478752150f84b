import { Pool } from 'pg';
import { Clock } from '../../common/clock';
import { EventStore } from '../../event-store/event-store.port';
import { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { EnsureOutcome, JobNames, JobQueue } from '../job-queue';
import { evolveTimer, TIMER_STREAM_PREFIX, TimerScheduledData, TimerState } from './timer.events';
import { timerDeadLetterKey } from './timer-firing';
import { TIMERS_PROJECTION_NAME } from './timers.projection';

export type PendingTimer = TimerScheduledData;

export interface ReconcileReport {
  pending: number;
  due: number;
  added: number;
  promoted: number;
  alreadyQueued: number;
  /** Pending timers whose last firing is parked in dead_letters: replay them explicitly. */
  parked: number;
}

const TAIL_BATCH = 1000;

/**
 * Puts every pending timer (scheduled, neither fired nor cancelled) back into BullMQ, so a Redis
 * that lost its data loses no deadline. Run on start and whenever the clock jumps (`tick`).
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
  ) {}

  async pendingTimers(): Promise<PendingTimer[]> {
    const states = new Map<string, TimerState>();
    const client = await this.pool.connect();
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
        }>(`SELECT timer_id, kind, target, due_at, payload FROM timers WHERE status = 'scheduled'`);
        for (const row of rows) {
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

    let position = checkpoint ?? 'start';
    for (;;) {
      const tail = await this.store.readAll(position, {
        limit: TAIL_BATCH,
        filter: { streamPrefix: TIMER_STREAM_PREFIX },
      });
      for (const event of tail) {
        const timerId = event.streamId.slice(TIMER_STREAM_PREFIX.length);
        states.set(timerId, evolveTimer(states.get(timerId) ?? { status: 'absent' }, event));
      }
      if (tail.length < TAIL_BATCH) break;
      position = tail[tail.length - 1].position;
    }

    const pending: PendingTimer[] = [];
    for (const state of states.values())
      if (state.status === 'scheduled') pending.push(state.timer);
    return pending.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  /** Re-enqueues every pending timer; due ones run at once, the others keep their delay. */
  async reconcile(): Promise<ReconcileReport> {
    return this.run(false);
  }

  /** After the clock moved: makes every timer due by the clock run now. */
  async tick(): Promise<ReconcileReport> {
    return this.run(true);
  }

  private async run(dueOnly: boolean): Promise<ReconcileReport> {
    const now = this.clock.now().getTime();
    const pending = await this.pendingTimers();
    const parked = await this.deadLetters.parkedKeys(
      pending.map((timer) => timerDeadLetterKey(timer.timerId)),
    );
    const report: ReconcileReport = {
      pending: pending.length,
      due: 0,
      added: 0,
      promoted: 0,
      alreadyQueued: 0,
      parked: 0,
    };
    for (const timer of pending) {
      const delay = new Date(timer.dueAt).getTime() - now;
      if (delay <= 0) report.due += 1;
      if (dueOnly && delay > 0) continue;
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
      if (outcome === 'added' || outcome === 're-added') report.added += 1;
      else if (outcome === 'promoted') report.promoted += 1;
      else report.alreadyQueued += 1;
    }
    return report;
  }
}
