import { DEV_JWT_SECRET } from '../src/identity/dev-secret';
import { JwtVerifier } from '../src/identity/jwt-verifier';

/** A token for `<role>-1` with that one role in a unit (Hà Nội's by default), as the dev sign-in gives. */
export function benchToken(role: string, orgUnit = 'ou-ha-noi'): string {
  const verifier = new JwtVerifier({ secret: DEV_JWT_SECRET, maxLifetimeSeconds: 43_200 });
  return verifier.sign({ userId: `${role}-1`, roles: [role as never], orgUnit }, 43_000);
}
