import { timingSafeEqual } from 'node:crypto';
import { UnauthorizedException } from '@nestjs/common';
import { Actor } from '../identity/actor';
import { JwtVerifier, TokenRejected } from '../identity/jwt-verifier';
import { OrgScope } from '../identity/org-scope';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';

/** The bearer token of an `Authorization` header; 401 when the header is there but malformed. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  if (!match)
    throw new UnauthorizedException('malformed Authorization header: expected "Bearer <token>"');
  return match[1];
}

/** Compares a presented secret with the configured one in constant time. */
export function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The admin behind a token, verified exactly as the API's bearer tokens are (same verifier, same
 * claims and lifetime rules): 401 with no or a rejected token, 403 (`role.not_allowed`) for
 * anyone without the `admin` role, and 403 (`scope.unknown_unit`) for a grant of a unit the
 * registry does not hold, as the API's guards answer in that order.
 */
export async function verifyAdmin(
  access: { verifier: JwtVerifier; scope: OrgScope },
  token: string | undefined,
  missing: string,
): Promise<Actor> {
  const { verifier, scope } = access;
  if (!token) throw new UnauthorizedException(missing);
  let actor: Actor;
  try {
    actor = await verifier.verify(token);
  } catch (error) {
    if (error instanceof TokenRejected) throw new UnauthorizedException(error.message);
    throw error;
  }
  if (!actor.roles.includes('admin'))
    throw new DomainRuleViolation(
      'role.not_allowed',
      `this route is for admin; you act as ${actor.roles.join(', ') || 'no role'}`,
      'forbidden',
    );
  await scope.assertGrantUnitKnown(actor);
  return actor;
}
