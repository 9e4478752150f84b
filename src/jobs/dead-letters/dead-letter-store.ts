import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { Clock } from '../../common/clock';

export type DeadLetterSource = 'timer' | 'saga' | 'job';
export type DeadLetterStatus = 'parked' | 'replayed' | 'resolved';

export interface ParkRequest {
  /** Stable identity of what failed (`timer:<timerId>`, `saga:<saga>:<eventId>`). */
  key: string;
  source: DeadLetterSource;
  queueName: string;
  jobName: string;
  /** The BullMQ job id a replay re-enqueues under. */
  jobId: string;
  jobData: object;
  error: unknown;
  attempts: number;
  firstFailedAt?: Date;
}

export interface DeadLetter {
  id: string;
  key: string;
  source: DeadLetterSource;
  queueName: string;
  jobName: string;
  jobId: string;
  jobData: Record<string, unknown>;
  errorMessage: string;
  errorStack: string | null;
  attempts: number;
  status: DeadLetterStatus;
  firstFailedAt: string;
  lastFailedAt: string;
  parkedAt: string;
  replayedAt: string | null;
  replayCount: number;
  resolvedAt: string | null;
}

interface DeadLetterRow {
  id: string;
  key: string;
  source: DeadLetterSource;
  queue_name: string;
  job_name: string;
  job_id: string;
  job_data: Record<string, unknown>;
  error_message: string;
  error_stack: string | null;
  attempts: number;
  status: DeadLetterStatus;
  first_failed_at: Date;
  last_failed_at: Date;
  parked_at: Date;
  replayed_at: Date | null;
  replay_count: number;
  resolved_at: Date | null;
}

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    key: row.key,
    source: row.source,
    queueName: row.queue_name,
    jobName: row.job_name,
    jobId: row.job_id,
    jobData: row.job_data,
    errorMessage: row.error_message,
    errorStack: row.error_stack,
    attempts: row.attempts,
    status: row.status,
    firstFailedAt: row.first_failed_at.toISOString(),
    lastFailedAt: row.last_failed_at.toISOString(),
    parkedAt: row.parked_at.toISOString(),
    replayedAt: iso(row.replayed_at),
    replayCount: row.replay_count,
    resolvedAt: iso(row.resolved_at),
  };
}

export function errorParts(error: unknown): { message: string; stack: string | null } {
  if (error instanceof Error)
    return { message: error.message || error.name, stack: error.stack ?? null };
  return { message: String(error), stack: null };
}

/** The `dead_letters` table: work that failed every attempt, kept until replayed and resolved. */
export class DeadLetterStore {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  /**
   * Parks a failure. One open row per key: a repeated final failure (a replay that failed again,
   * or a retry after a crash) updates that row and adds its attempts instead of adding a row.
   */
  async park(request: ParkRequest): Promise<DeadLetter> {
    const { message, stack } = errorParts(request.error);
    const now = this.clock.now();
    const { rows } = await this.pool.query<DeadLetterRow>(
      `INSERT INTO dead_letters (id, key, source, queue_name, job_name, job_id, job_data, error_message,
                                 error_stack, attempts, status, first_failed_at, last_failed_at, parked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'parked', $11, $12, $12)
       ON CONFLICT (key) WHERE status <> 'resolved' DO UPDATE
         SET status = 'parked', error_message = EXCLUDED.error_message, error_stack = EXCLUDED.error_stack,
             attempts = dead_letters.attempts + EXCLUDED.attempts, last_failed_at = EXCLUDED.last_failed_at,
             job_data = EXCLUDED.job_data, job_id = EXCLUDED.job_id
       RETURNING *`,
      [
        randomUUID(),
        request.key,
        request.source,
        request.queueName,
        request.jobName,
        request.jobId,
        JSON.stringify(request.jobData),
        message,
        stack,
        request.attempts,
        request.firstFailedAt ?? now,
        now,
      ],
    );
    return toDeadLetter(rows[0]);
  }

  async list(
    options: { status?: DeadLetterStatus; source?: DeadLetterSource; limit?: number } = {},
  ): Promise<DeadLetter[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (options.status) {
      params.push(options.status);
      where.push(`status = $${params.length}`);
    }
    if (options.source) {
      params.push(options.source);
      where.push(`source = $${params.length}`);
    }
    params.push(options.limit ?? 100);
    const { rows } = await this.pool.query<DeadLetterRow>(
      `SELECT * FROM dead_letters ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY parked_at DESC, id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toDeadLetter);
  }

  async get(id: string): Promise<DeadLetter | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const { rows } = await this.pool.query<DeadLetterRow>(
      'SELECT * FROM dead_letters WHERE id = $1',
      [id],
    );
    return rows.length ? toDeadLetter(rows[0]) : null;
  }

  /** Keys among `keys` that are parked (not replayed, not resolved). */
  async parkedKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const { rows } = await this.pool.query<{ key: string }>(
      `SELECT key FROM dead_letters WHERE status = 'parked' AND key = ANY($1::text[])`,
      [keys],
    );
    return new Set(rows.map((row) => row.key));
  }

  /** Marks a parked row as re-enqueued; false when it is not parked (already replayed or resolved). */
  async markReplayed(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE dead_letters SET status = 'replayed', replayed_at = $2, replay_count = replay_count + 1
        WHERE id = $1 AND status = 'parked'`,
      [id, this.clock.now()],
    );
    return rowCount === 1;
  }

  /** Undoes `markReplayed` when the re-enqueue itself failed. */
  async markParkedAgain(id: string): Promise<void> {
    await this.pool.query(
      `UPDATE dead_letters SET status = 'parked' WHERE id = $1 AND status = 'replayed'`,
      [id],
    );
  }

  /** The work behind `key` succeeded (after a replay): its open row, if any, is resolved. */
  async resolve(key: string): Promise<void> {
    await this.pool.query(
      `UPDATE dead_letters SET status = 'resolved', resolved_at = $2 WHERE key = $1 AND status <> 'resolved'`,
      [key, this.clock.now()],
    );
  }
}
