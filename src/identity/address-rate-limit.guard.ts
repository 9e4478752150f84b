import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { normalizeIp, ThrottlerException } from '@nestjs/throttler';
import { BoundedCache } from '../common/bounded-cache';
import { RateLimitSetting } from './rate-limit-setting';
import { SKIP_RATE_LIMIT } from './skip-rate-limit.decorator';

export const ADDRESS_RATE_LIMIT = Symbol('ADDRESS_RATE_LIMIT');

const THROTTLER_NAME = 'address';

/** Client addresses whose counting key this process keeps: one forgotten is worked out again. */
const ADDRESSES_KEPT = 10_000;

/**
 * The per-address rate limit, first of the request pipeline (before any token is checked): every
 * request from one client address counts against one budget, whatever the route; an IPv6 client
 * is its /64 (one host can take a whole /64). The address is the one express trusts
 * (TRUST_PROXY). Routes marked @SkipRateLimit() (health, metrics) are not counted. Over the limit:
 * 429 with Retry-After, blocked for one window.
 *
 * It replaces @nestjs/throttler's guard, which counted each route apart (its key is the route's
 * class and handler with the address): a client had its budget once per route.
 */
@Injectable()
export class AddressRateLimitGuard implements CanActivate {
  private readonly keys = new BoundedCache<string, string>(ADDRESSES_KEPT);

  constructor(
    @Inject(ADDRESS_RATE_LIMIT) private readonly rateLimit: RateLimitSetting,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const skipped = this.reflector.getAllAndOverride<boolean | undefined>(SKIP_RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (skipped) return true;
    const http = context.switchToHttp();
    const { storage, limit, windowMs } = this.rateLimit;
    const key = this.keys.getOrCompute(http.getRequest<{ ip?: string }>().ip ?? '', normalizeIp);
    const record = await storage.increment(key, windowMs, limit, windowMs, THROTTLER_NAME);
    const response = http.getResponse<{ setHeader(name: string, value: string | number): void }>();
    if (record.isBlocked) {
      response.setHeader('Retry-After', record.timeToBlockExpire);
      throw new ThrottlerException(
        `ThrottlerException: Too Many Requests (more than ${limit} requests from this address per minute)`,
      );
    }
    response.setHeader('X-RateLimit-Limit', limit);
    response.setHeader('X-RateLimit-Remaining', Math.max(0, limit - record.totalHits));
    response.setHeader('X-RateLimit-Reset', record.timeToExpire);
    return true;
  }
}
