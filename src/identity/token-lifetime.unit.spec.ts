import { tokenTimeProblem } from './token-lifetime';

const now = 1_780_000_000;
const rule = { maxLifetimeSeconds: 12 * 3600, clockSkewSeconds: 60 };
const check = (claims: Record<string, unknown>) => tokenTimeProblem(claims, now, rule);

describe('token lifetime', () => {
  it('accepts a token within its lifetime, issued up to the maximum before it ends', () => {
    expect(check({ iat: now - 3600, exp: now + 3600 })).toBeNull();
    expect(check({ iat: now, exp: now + 12 * 3600 })).toBeNull();
    expect(check({ exp: now + 600 })).toBeNull();
  });

  it('refuses a token without exp, or whose exp is not a time', () => {
    expect(check({ iat: now })).toMatch(/^token has no expiry \(exp\)/);
    expect(check({ exp: '2099-01-01' })).toMatch(/^token has no expiry/);
  });

  it('refuses a lifetime above the maximum, measured from iat or, without iat, from now', () => {
    expect(check({ iat: now, exp: now + 12 * 3600 + 1 })).toMatch(
      /^token lifetime exceeds the maximum of 43200 s/,
    );
    expect(check({ exp: Date.UTC(9999, 0, 1) / 1000 })).toMatch(/lifetime exceeds/);
    // A future iat cannot stretch a token: what remains from now is bounded as well.
    expect(check({ iat: now + 30 * 24 * 3600, exp: now + 30 * 24 * 3600 + 60 })).toMatch(
      /lifetime exceeds/,
    );
  });

  it('honours nbf and exp with 60 s of clock skew', () => {
    expect(check({ nbf: now + 30, exp: now + 3600 })).toBeNull();
    expect(check({ nbf: now + 61, exp: now + 3600 })).toMatch(/^token not valid before /);
    expect(check({ iat: now - 3600, exp: now - 30 })).toBeNull();
    expect(check({ iat: now - 3600, exp: now - 61 })).toMatch(/^token expired at /);
  });
});
