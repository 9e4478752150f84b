import { randomUUID } from 'node:crypto';
import { deterministicId } from './deterministic-id';

/**
 * The id the service gives a new record the caller named no id for (`p-…`, `c-…`). With an
 * Idempotency-Key it comes from the key's seed (the key and a digest of the request), so a retry
 * of a write that was stored but whose answer was lost (a 503) names the same record and is
 * recognised as that write, not a second one; a different request under the key once it is free
 * again (its answer expired) names a new record instead of answering with the old one.
 */
export function generatedId(prefix: string, idSeed: string | undefined): string {
  return `${prefix}-${idSeed ? deterministicId(idSeed, 'generated-id') : randomUUID()}`;
}
