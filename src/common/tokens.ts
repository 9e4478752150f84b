/** Injection token of the shared pg Pool (read models, idempotency, projections). */
export const PG_POOL = Symbol('PG_POOL');
/** Injection token of this process's `BulkWrites` (event-store/bulk-writes.ts). */
export const BULK_WRITES = Symbol('BULK_WRITES');
/** Injection token of the shared ioredis client. */
export const REDIS = Symbol('REDIS');
/** Injection token of IDEMPOTENCY_TTL_HOURS: how long an Idempotency-Key's answer is kept. */
export const IDEMPOTENCY_TTL_HOURS = Symbol('IDEMPOTENCY_TTL_HOURS');
