import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import { IDEMPOTENCY_TTL_HOURS, PG_POOL } from './tokens';

/** Not a domain number: how often the expired answers are deleted (they are refused meanwhile). */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Deletes the answers kept for Idempotency-Key retries once they are older than
 * IDEMPOTENCY_TTL_HOURS, at start and hourly, on every instance (the delete is the same on each).
 * An expired answer is never replayed even before it is swept: the interceptor takes its key over.
 */
@Injectable()
export class IdempotentAnswersSweep implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('IdempotentAnswers');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(IDEMPOTENCY_TTL_HOURS) private readonly ttlHours: number,
  ) {}

  onModuleInit(): void {
    const sweep = () => {
      this.running = this.sweep().catch((error: unknown) =>
        this.logger.warn(
          `expired idempotency answers not deleted: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    };
    sweep();
    this.timer = setInterval(sweep, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Deletes the expired answers; how many went. */
  async sweep(): Promise<number> {
    const { rowCount } = await this.pool.query(
      'DELETE FROM idempotent_requests WHERE created_at < now() - make_interval(hours => $1)',
      [this.ttlHours],
    );
    return rowCount ?? 0;
  }
}
