import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { BoundedCache } from '../common/bounded-cache';
import {
  HitLease,
  leaseRecord,
  seconds,
  takeLeasedHit,
  ThrottlerStorageRecord,
} from './rate-limit-lease';

/**
 * One fixed window per client and throttler: the first hit starts it, every hit counts, and the
 * hit that goes over the limit blocks the client for the block duration. One script, so
 * concurrent hits from several instances count exactly.
 *
 * A call reserves up to ARGV[4] hits at once for the calling process (counted in the window at
 * once, handed out locally one a request), fewer as the window fills: an eighth of what is left,
 * so near the limit every hit is asked for alone and the hit over it is the one refused.
 * Returns [hits, window ms left, blocked 0/1, block ms left, hits granted].
 */
const RESERVE_SCRIPT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blockLeft, 0}
end
local limit = tonumber(ARGV[2])
local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
if hits >= limit then
  hits = redis.call('INCR', KEYS[1])
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, redis.call('PTTL', KEYS[1]), 1, tonumber(ARGV[3]), 0}
end
local left = limit - hits
local grant = math.min(tonumber(ARGV[4]), left, math.max(1, math.floor(left / 8)))
hits = redis.call('INCRBY', KEYS[1], grant)
if hits == grant then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {hits, redis.call('PTTL', KEYS[1]), 0, 0, grant}
`;

/** Sent by digest (EVALSHA): the script's text goes over the wire only when Redis lacks it. */
const RESERVE_SCRIPT_SHA1 = createHash('sha1').update(RESERVE_SCRIPT).digest('hex');

/**
 * The most hits one call reserves. A busy client costs one Redis round trip per this many
 * requests instead of one each (two a request with the per-user limit: about a tenth of the
 * service's CPU in `bench:lifecycle`, bench/README.md); another instance sees the unused ones as
 * spent, so it may refuse a client up to this many hits early, never late.
 */
export const MOST_HITS_RESERVED = 16;

/** Clients whose reserved hits and blocks this process keeps; one forgotten only loses its spare hits. */
const LEASES_KEPT = 10_000;

const isScriptMissing = (error: unknown): boolean =>
  error instanceof Error && error.message.startsWith('NOSCRIPT');

/** A request let through uncounted (Redis did not answer). */
const unlimited = (ttl: number): ThrottlerStorageRecord => ({
  totalHits: 0,
  timeToExpire: seconds(ttl),
  isBlocked: false,
  timeToBlockExpire: 0,
});

/**
 * Rate-limit counters in Redis, so the limit holds for a client across every instance of the
 * service (the throttler's default store counts per process). Hits are reserved a few at a time
 * (RESERVE_SCRIPT) and a block, once Redis has answered it, is kept here until it ends: a busy
 * client's requests mostly need no round trip. If Redis does not answer in time, the request is
 * let through and a warning logged: a limiter must not take the API down.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private lastWarning = 0;
  private readonly leases = new BoundedCache<string, HitLease>(LEASES_KEPT);

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly timeoutMs = 250,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.keyPrefix}:throttle:${throttlerName}:${key}`;
    for (;;) {
      const lease = this.leases.get(base);
      // One reservation at a time per client: requests that arrive meanwhile take from its answer,
      // or, when Redis did not answer it, pass as that request did (not one timeout after another).
      if (lease?.pending) {
        if (await lease.pending) continue;
        return unlimited(ttl);
      }
      const taken = lease && takeLeasedHit(lease, Date.now());
      if (taken) return taken;
      return this.reserve(base, ttl, limit, blockDuration);
    }
  }

  private async reserve(
    base: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    const lease: HitLease = { hits: 0, spare: 0, windowEndsAt: 0, blockedUntil: 0, pending: null };
    this.leases.set(base, lease);
    // Times are counted from before the call: a lease never outlives the window Redis keeps.
    const sentAt = Date.now();
    let record = unlimited(ttl);
    // The lease is filled in before anyone waiting on it goes on.
    const settle = async (): Promise<boolean> => {
      try {
        const [hits, windowLeft, blocked, blockLeft, granted] = await this.call(
          base,
          ttl,
          limit,
          blockDuration,
        );
        lease.hits = hits;
        lease.windowEndsAt = sentAt + windowLeft;
        lease.blockedUntil = blocked === 1 ? sentAt + blockLeft : 0;
        // This request takes the first of the hits granted.
        lease.spare = blocked === 1 ? 0 : Math.max(0, granted - 1);
        record = leaseRecord(lease, sentAt, blocked === 1);
        return true;
      } catch (error) {
        this.leases.delete(base);
        this.warn(error as Error);
        return false;
      } finally {
        lease.pending = null;
      }
    };
    lease.pending = settle();
    await lease.pending;
    return record;
  }

  /** The script's answer, or a rejection when Redis fails or does not answer within the timeout. */
  private async call(
    base: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<number[]> {
    const keysAndArgs = [
      `${base}:hits`,
      `${base}:blocked`,
      ttl,
      limit,
      blockDuration,
      MOST_HITS_RESERVED,
    ] as const;
    // A Redis restarted or flushed (SCRIPT FLUSH) has forgotten the script: send it once whole.
    const hit = this.redis
      .evalsha(RESERVE_SCRIPT_SHA1, 2, ...keysAndArgs)
      .catch((error: unknown) => {
        if (!isScriptMissing(error)) throw error;
        return this.redis.eval(RESERVE_SCRIPT, 2, ...keysAndArgs);
      }) as Promise<number[]>;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.timeoutMs);
    });
    try {
      const answer = await Promise.race([hit, timeout]);
      if (answer === null) throw new Error(`no answer within ${this.timeoutMs} ms`);
      return answer;
    } catch (error) {
      hit.catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private warn(error: Error): void {
    // At most one line a minute while Redis is away, not one per request.
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(
      `Redis did not count a request (${error.message}); requests pass unlimited until it answers`,
    );
  }
}
