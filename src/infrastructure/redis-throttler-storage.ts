import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';

/**
 * One fixed window per client and throttler: the first hit starts it, every hit counts, and the
 * hit that goes over the limit blocks the client for the block duration. One script, so
 * concurrent hits from several instances count exactly.
 * Returns [hits, window ms left, blocked 0/1, block ms left].
 */
const HIT_SCRIPT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local windowLeft = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, windowLeft, 1, tonumber(ARGV[3])}
end
return {hits, windowLeft, 0, 0}
`;

/** Sent by digest (EVALSHA): the script's text goes over the wire only when Redis lacks it. */
const HIT_SCRIPT_SHA1 = createHash('sha1').update(HIT_SCRIPT).digest('hex');

const isScriptMissing = (error: unknown): boolean =>
  error instanceof Error && error.message.startsWith('NOSCRIPT');

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/**
 * Rate-limit counters in Redis, so the limit holds for a client across every instance of the
 * service (the throttler's default store counts per process). If Redis does not answer in
 * time, the request is let through and a warning logged: a limiter must not take the API down.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private lastWarning = 0;

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
    const keysAndArgs = [`${base}:hits`, `${base}:blocked`, ttl, limit, blockDuration] as const;
    // A Redis restarted or flushed (SCRIPT FLUSH) has forgotten the script: send it once whole.
    const hit = this.redis.evalsha(HIT_SCRIPT_SHA1, 2, ...keysAndArgs).catch((error: unknown) => {
      if (!isScriptMissing(error)) throw error;
      return this.redis.eval(HIT_SCRIPT, 2, ...keysAndArgs);
    }) as Promise<number[]>;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.timeoutMs);
    });
    try {
      const answer = await Promise.race([hit, timeout]);
      if (answer === null) throw new Error(`no answer within ${this.timeoutMs} ms`);
      const [hits, windowLeft, blocked, blockLeft] = answer;
      return {
        totalHits: hits,
        timeToExpire: seconds(windowLeft),
        isBlocked: blocked === 1,
        timeToBlockExpire: seconds(blockLeft),
      };
    } catch (error) {
      hit.catch(() => undefined);
      this.warn(error as Error);
      return { totalHits: 0, timeToExpire: seconds(ttl), isBlocked: false, timeToBlockExpire: 0 };
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
