import { createHash } from 'node:crypto';
import { Actor } from '../identity/actor';
import { canonicalJson } from '../event-store/canonical-json';

/**
 * What a stored answer was given under: the token's subject, roles, unit and person record. The
 * same user with another grant (moved to another unit, given another role, or now linked to a
 * person who may be a case's subject) may not be shown what the earlier grant was answered.
 */
export function grantFingerprint(actor: Actor | undefined): string {
  const grant = actor
    ? {
        sub: actor.userId,
        roles: [...actor.roles].sort(),
        orgUnit: actor.orgUnit,
        personId: actor.personId ?? null,
      }
    : { sub: 'anonymous' };
  return createHash('sha256').update(canonicalJson(grant)).digest('hex');
}
