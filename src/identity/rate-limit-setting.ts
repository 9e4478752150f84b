import { ThrottlerStorage } from '@nestjs/throttler';

/** One rate limit: how many requests a client may make per window, counted where. */
export interface RateLimitSetting {
  /** Counts in Redis, shared by every instance (RedisThrottlerStorage). */
  storage: ThrottlerStorage;
  /** Requests per client per window (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_PER_USER_PER_MINUTE). */
  limit: number;
  windowMs: number;
}
