import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { BoundedCache } from '../common/bounded-cache';
import { RateLimitSetting } from './rate-limit-setting';
import { AuthenticatedRequest } from './jwt-auth.guard';

export const USER_RATE_LIMIT = Symbol('USER_RATE_LIMIT');

const THROTTLER_NAME = 'user';

/** Hashed: a `sub` is whatever the identity provider issues, a key should be short and plain. */
const hashedUserId = (userId: string): string => createHash('sha256').update(userId).digest('hex');

/** Users whose counting key this process keeps: one forgotten is hashed again. */
const USERS_KEPT = 10_000;

/**
 * The per-user rate limit, beside the per-IP one: counts requests by the token's `sub`, across
 * every instance. Behind an ingress many users share an address, and one user can come from
 * many; the IP limit alone either lets one user flood or makes a whole office share one budget.
 * Runs after the token was verified (a forged `sub` never counts against anyone); routes without
 * a token (/health, /docs) are not counted. Over the limit: 429 with Retry-After, blocked for
 * one window.
 */
@Injectable()
export class UserRateLimitGuard implements CanActivate {
  private readonly keys = new BoundedCache<string, string>(USERS_KEPT);

  constructor(@Inject(USER_RATE_LIMIT) private readonly rateLimit: RateLimitSetting) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.actor) return true;
    const { storage, limit, windowMs } = this.rateLimit;
    const key = this.keys.getOrCompute(request.actor.userId, hashedUserId);
    const record = await storage.increment(key, windowMs, limit, windowMs, THROTTLER_NAME);
    const response = context
      .switchToHttp()
      .getResponse<{ setHeader(name: string, value: string | number): void }>();
    response.setHeader('X-RateLimit-Limit-User', limit);
    response.setHeader('X-RateLimit-Remaining-User', Math.max(0, limit - record.totalHits));
    if (record.isBlocked) {
      response.setHeader('Retry-After', record.timeToBlockExpire);
      throw new ThrottlerException(
        `ThrottlerException: Too Many Requests (more than ${limit} requests by this user per minute)`,
      );
    }
    return true;
  }
}
