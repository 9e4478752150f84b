/**
 * How long a bearer token may be used. A token without an end, or one minted to last for years,
 * is a leaked credential that never stops working: every token must carry `exp`, and no token may
 * be valid for longer than the configured maximum. `nbf` and `exp` are judged with a small clock
 * skew, because the identity provider's clock and ours are never exactly equal.
 */

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
export const CLOCK_SKEW_SECONDS = 60;

export interface TokenTimes {
  exp?: unknown;
  iat?: unknown;
  nbf?: unknown;
}

export interface TokenLifetimeRule {
  maxLifetimeSeconds: number;
  clockSkewSeconds: number;
}

const iso = (seconds: number): string => {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
};

/** Why the token may not be used now, or null when it may. `nowSeconds` is Unix time. */
export function tokenTimeProblem(
  claims: TokenTimes,
  nowSeconds: number,
  rule: TokenLifetimeRule,
): string | null {
  const { exp, iat, nbf } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp))
    return 'token has no expiry (exp): every token must say when it ends';
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat)))
    return 'token claim "iat" must be a time in seconds';
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf)))
    return 'token claim "nbf" must be a time in seconds';
  if (nowSeconds > exp + rule.clockSkewSeconds) return `token expired at ${iso(exp)}`;
  if (typeof nbf === 'number' && nowSeconds + rule.clockSkewSeconds < nbf)
    return `token not valid before ${iso(nbf)}`;
  const lifetime = exp - (typeof iat === 'number' ? iat : nowSeconds);
  // A future `iat` would shorten the computed lifetime: what is left from now is bounded too.
  const remaining = exp - nowSeconds;
  if (
    lifetime > rule.maxLifetimeSeconds ||
    remaining > rule.maxLifetimeSeconds + rule.clockSkewSeconds
  )
    return `token lifetime exceeds the maximum of ${rule.maxLifetimeSeconds} s (it ends ${iso(exp)}): ask for a shorter-lived token`;
  return null;
}
