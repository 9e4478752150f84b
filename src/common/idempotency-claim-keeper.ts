import { Logger } from '@nestjs/common';
import { Pool } from 'pg';

/**
 * How long a claim on an Idempotency-Key stands without being renewed. Its holder renews it every
 * CLAIM_RENEW_EVERY_MS while it runs, so a claim this old belongs to an instance that died
 * mid-request (`kill -9`, a lost machine), and a retry waiting for it takes the key over.
 */
export const CLAIM_LEASE_SECONDS = 6;
/** A third of the lease: two renewals may be late or lost before a live holder's claim lapses. */
export const CLAIM_RENEW_EVERY_MS = 2_000;

const logger = new Logger('IdempotencyClaims');

/**
 * Keeps a running request's claim on its key alive until `stop()`. The first renewal comes only
 * after CLAIM_RENEW_EVERY_MS, so a request answered before then costs no statement; the next is
 * scheduled when the previous one has finished, so a slow database never piles renewals up. A
 * renewal that fails (the connection lost) is logged and tried again at the next turn: if none
 * gets through for the lease, the claim lapses and a retry takes over, as after a crash.
 */
export function keepClaim(pool: Pool, actorId: string, key: string): { stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(renew, CLAIM_RENEW_EVERY_MS);
    // A request still running at shutdown must not hold the process open for its renewals.
    timer.unref();
  };
  const renew = () => {
    pool
      .query(
        `UPDATE idempotent_requests SET claimed_at = now()
          WHERE actor_id = $1 AND idem_key = $2 AND status_code IS NULL`,
        [actorId, key],
      )
      .catch((error: unknown) =>
        logger.warn(
          `claim on an Idempotency-Key not renewed (a retry takes it over if this lasts ${CLAIM_LEASE_SECONDS} s): ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => {
        if (!stopped) schedule();
      });
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
