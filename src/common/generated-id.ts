import { randomUUID } from 'node:crypto';
import { deterministicId } from './deterministic-id';

/**
 * The id the service gives a new record the caller named no id for (`p-…`, `c-…`). With an
 * Idempotency-Key it comes from the key's seed, so a retry of a write that was stored but whose
 * answer was lost (a 503) names the same record and is recognised as that write, not a second one.
 */
export function generatedId(prefix: string, idSeed: string | undefined): string {
  return `${prefix}-${idSeed ? deterministicId(idSeed, 'generated-id') : randomUUID()}`;
}
