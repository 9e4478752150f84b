import { ThrottlerStorage } from '@nestjs/throttler';

/** The one store of rate-limit counts every limit of the process uses (RedisThrottlerStorage). */
export const RATE_LIMIT_COUNTERS = Symbol('RATE_LIMIT_COUNTERS');

/** One rate limit: how many requests a client may make per window, counted where. */
export interface RateLimitSetting {
  /** Counts in Redis, shared by every instance (RedisThrottlerStorage). */
  storage: ThrottlerStorage;
  /** Requests per client per window (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_PER_USER_PER_MINUTE). */
  limit: number;
  windowMs: number;
}
