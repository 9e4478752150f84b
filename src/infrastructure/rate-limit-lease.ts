import { ThrottlerStorage } from '@nestjs/throttler';

export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * What this process holds of one client's window in Redis: hits it reserved there and has not
 * handed out yet, and the client's block once Redis has answered it. Times are this process's
 * clock (ms since the epoch), taken before the call that set them.
 */
export interface HitLease {
  /** The window's count in Redis after the last reservation (spare hits included). */
  hits: number;
  /** Hits reserved and not yet taken by a request. */
  spare: number;
  windowEndsAt: number;
  /** 0 when not blocked. */
  blockedUntil: number;
  /** The reservation under way, if any: true once Redis answered it, false if it did not (never rejects). */
  pending: Promise<boolean> | null;
}

/** Whole seconds, as the rate-limit headers give them. */
export const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/** The throttler's record of a request answered from the lease. */
export function leaseRecord(
  lease: HitLease,
  now: number,
  blocked: boolean,
): ThrottlerStorageRecord {
  return {
    // Spare hits are counted in Redis but not spent: this process's requests have not made them.
    totalHits: lease.hits - lease.spare,
    timeToExpire: seconds(lease.windowEndsAt - now),
    isBlocked: blocked,
    timeToBlockExpire: blocked ? seconds(lease.blockedUntil - now) : 0,
  };
}

/**
 * A request answered without Redis: refused while the block this process learned lasts, counted
 * against a spare hit while the window lasts; null when Redis must be asked.
 */
export function takeLeasedHit(lease: HitLease, now: number): ThrottlerStorageRecord | null {
  if (lease.blockedUntil > now) return leaseRecord(lease, now, true);
  if (lease.spare < 1 || now >= lease.windowEndsAt) return null;
  lease.spare -= 1;
  return leaseRecord(lease, now, false);
}
