import { SetMetadata } from '@nestjs/common';

export const SKIP_RATE_LIMIT = 'cadreflow:skip-rate-limit';

/** Marks a route the per-address limit never counts (health checks, the metrics scrape). */
export const SkipRateLimit = (): MethodDecorator & ClassDecorator =>
  SetMetadata(SKIP_RATE_LIMIT, true);
