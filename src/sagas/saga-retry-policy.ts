export interface SagaRetryPolicy {
  /** Attempts per event before it is parked in dead_letters and the saga moves on. */
  attempts: number;
  /** Delay before the 2nd attempt; doubles each attempt, capped by maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /**
   * Pause before re-subscribing after the subscription itself failed (database down, connection
   * cut); doubles with each failure in a row, capped by maxBackoffMs.
   */
  resubscribeMs: number;
}

export const defaultSagaRetryPolicy: SagaRetryPolicy = {
  attempts: 5,
  backoffMs: 500,
  maxBackoffMs: 30_000,
  resubscribeMs: 1000,
};

/** Backoff before attempt `attempt + 1` (attempt is 1-based). */
export function sagaBackoff(policy: SagaRetryPolicy, attempt: number): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1));
}
