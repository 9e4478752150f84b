import * as jwt from 'jsonwebtoken';
import { Actor } from './actor';

export const JWT_VERIFIER = Symbol('JWT_VERIFIER');

export class TokenRejected extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TokenRejected';
  }
}

export interface JwtVerifierOptions {
  /** HS256 shared secret (development and single-service deployments). */
  secret: string;
  issuer?: string;
  audience?: string;
}

/** Claims cadreflow reads from a token: `sub`, `roles`, `org_unit`, optional `name`. */
interface CadreflowClaims extends jwt.JwtPayload {
  roles?: unknown;
  org_unit?: unknown;
  name?: unknown;
}

/** Verifies bearer tokens and turns their claims into an Actor; every refusal is one line. */
export class JwtVerifier {
  constructor(private readonly options: JwtVerifierOptions) {}

  verify(token: string): Actor {
    let claims: CadreflowClaims;
    try {
      claims = jwt.verify(token, this.options.secret, {
        algorithms: ['HS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
      }) as CadreflowClaims;
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw new TokenRejected(`token expired at ${error.expiredAt.toISOString()}`);
      if (error instanceof jwt.JsonWebTokenError) throw new TokenRejected(`token rejected: ${error.message}`);
      throw new TokenRejected('token rejected');
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new TokenRejected('token has no subject (sub)');
    if (!Array.isArray(claims.roles) || !claims.roles.every((r) => typeof r === 'string')) {
      throw new TokenRejected('token claim "roles" must be a list of role names');
    }
    if (typeof claims.org_unit !== 'string' || claims.org_unit === '') {
      throw new TokenRejected('token claim "org_unit" is missing');
    }
    return {
      userId: claims.sub,
      roles: claims.roles as string[],
      orgUnit: claims.org_unit,
      name: typeof claims.name === 'string' ? claims.name : undefined,
    };
  }

  /** Mints a development token (npm run token). */
  sign(actor: Actor, expiresInSeconds = 8 * 3600): string {
    return jwt.sign(
      { roles: actor.roles, org_unit: actor.orgUnit, ...(actor.name ? { name: actor.name } : {}) },
      this.options.secret,
      {
        algorithm: 'HS256',
        subject: actor.userId,
        expiresIn: expiresInSeconds,
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience ? { audience: this.options.audience } : {}),
      },
    );
  }
}
