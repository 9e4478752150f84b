import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { BoundedCache } from '../common/bounded-cache';
import { unsafeTextProblem } from '../common/input/unsafe-text';
import { Actor } from './actor';
import {
  CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  tokenTimeProblem,
} from './token-lifetime';

export const JWT_VERIFIER = Symbol('JWT_VERIFIER');

export class TokenRejected extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TokenRejected';
  }
}

export interface JwtVerifierOptions {
  /** HS256 shared secret (development and single-service deployments). */
  secret?: string;
  /** JWKS of an OIDC identity provider: RS256 and ES256 tokens are verified against its keys. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Longest accepted lifetime, `exp` minus `iat` (or now); default 12 hours. */
  maxLifetimeSeconds?: number;
}

/** Claims cadreflow reads from a token: `sub`, `roles`, `org_unit`, optional `name` and `person_id`. */
interface CadreflowClaims extends jwt.JwtPayload {
  roles?: unknown;
  org_unit?: unknown;
  name?: unknown;
  person_id?: unknown;
}

const ASYMMETRIC: jwt.Algorithm[] = ['RS256', 'ES256'];

/** Tokens whose signature one process keeps as checked (a few hundred bytes each). */
const VERIFIED_TOKENS_KEPT = 5_000;
/**
 * How long a token's checked signature is taken from memory: a client sends the same token with
 * every request, and checking it each time was a measurable share of the service's CPU
 * (bench/README.md). Kept briefly, so a signing key withdrawn from the identity provider's key
 * set stops being honoured within a minute, as its JWKS cache lets it anyway; the token's times
 * (expiry) are judged again on every request.
 */
const VERIFIED_FOR_MS = 60_000;

interface VerifiedToken {
  claims: CadreflowClaims;
  actor: Actor;
  until: number;
}

/**
 * A claim the service stores or compares (the access log, the history's actor, scope) must be
 * text PostgreSQL can hold and a reader can see: a NUL in `sub` failed the access log's write
 * with a 500. Refused as bodies, paths and queries refuse it, naming the claim, never the text.
 */
function assertClaimsAreText(claims: CadreflowClaims): void {
  const named: [string, unknown][] = [
    ['sub', claims.sub],
    ['org_unit', claims.org_unit],
    ['name', claims.name],
    ['person_id', claims.person_id],
    ...((claims.roles as string[]).map((role) => ['roles', role]) as [string, unknown][]),
  ];
  for (const [claim, value] of named) {
    const problem = typeof value === 'string' ? claimTextProblem(value) : null;
    if (problem) throw new TokenRejected(`token claim "${claim}" ${problem}`);
  }
}

/**
 * A format character (Cf: U+202E right-to-left override, U+200B zero-width space, U+FEFF) or a
 * line or paragraph separator (Zl, Zp: U+2028, U+2029) in a claim shows nothing, or shows
 * something else: a `name` holding U+202E was stored as the history's actorName and read
 * reversed, a spoofed actor. Refused as a control character is, naming the claim and the code point.
 */
const INVISIBLE_IN_CLAIM = /[\p{Cf}\p{Zl}\p{Zp}]/u;

function claimTextProblem(value: string): string | null {
  const problem = unsafeTextProblem(value, 'token');
  if (problem) return problem;
  const invisible = INVISIBLE_IN_CLAIM.exec(value);
  if (!invisible) return null;
  const code = invisible[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `contains the invisible or line-separating character U+${code}`;
}

/** Verifies bearer tokens and turns their claims into an Actor; every refusal is one line. */
export class JwtVerifier {
  private readonly jwks: JwksClient | null;
  /**
   * Keys as KeyObjects, made once: given a string, the library tries `createPublicKey` on it for
   * every token (and, for the HS256 secret, fails and falls back), a measurable share of a request.
   */
  private readonly secretKey: KeyObject | null;
  private readonly publicKeys = new Map<string, KeyObject>();
  private readonly verified = new BoundedCache<string, VerifiedToken>(VERIFIED_TOKENS_KEPT);

  constructor(private readonly options: JwtVerifierOptions) {
    if (!options.secret && !options.jwksUrl)
      throw new Error('JwtVerifier needs a secret (HS256) or a JWKS URL (RS256/ES256)');
    this.jwks = options.jwksUrl
      ? new JwksClient({
          jwksUri: options.jwksUrl,
          cache: true,
          cacheMaxAge: 10 * 60_000,
          rateLimit: true,
          jwksRequestsPerMinute: 10,
          timeout: 5000,
        })
      : null;
    this.secretKey = options.secret ? createSecretKey(Buffer.from(options.secret, 'utf8')) : null;
  }

  private get maxLifetimeSeconds(): number {
    return this.options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  }

  async verify(token: string): Promise<Actor> {
    const kept = this.verified.get(token);
    if (kept && Date.now() < kept.until) {
      this.assertTimes(kept.claims);
      return { ...kept.actor, roles: [...kept.actor.roles] };
    }
    const { claims, actor } = await this.verifySignatureAndClaims(token);
    this.verified.set(token, { claims, actor, until: Date.now() + VERIFIED_FOR_MS });
    return { ...actor, roles: [...actor.roles] };
  }

  /** The token's times (expiry, not before, lifetime) as judged now, with the clock skew. */
  private assertTimes(claims: CadreflowClaims): void {
    const timeProblem = tokenTimeProblem(claims, Math.floor(Date.now() / 1000), {
      maxLifetimeSeconds: this.maxLifetimeSeconds,
      clockSkewSeconds: CLOCK_SKEW_SECONDS,
    });
    if (timeProblem) throw new TokenRejected(timeProblem);
  }

  private async verifySignatureAndClaims(
    token: string,
  ): Promise<{ claims: CadreflowClaims; actor: Actor }> {
    const header = jwt.decode(token, { complete: true })?.header;
    if (!header) throw new TokenRejected('token rejected: not a JWT');
    // RFC 7515 §4.1.11: a header extension marked critical that the reader does not understand
    // makes the token invalid. This service understands none.
    if (header.crit !== undefined)
      throw new TokenRejected(
        `token rejected: its header marks extensions critical (crit: ${JSON.stringify(header.crit)}) that this service does not understand`,
      );
    const algorithm = header.alg as jwt.Algorithm;
    const key = await this.verificationKey(header);
    let claims: CadreflowClaims;
    try {
      // Times are judged below, by one rule with the clock skew; the library checks the signature.
      claims = jwt.verify(token, key, {
        algorithms: [algorithm],
        issuer: this.options.issuer,
        audience: this.options.audience,
        ignoreExpiration: true,
        ignoreNotBefore: true,
      }) as CadreflowClaims;
    } catch (error) {
      if (error instanceof jwt.JsonWebTokenError)
        throw new TokenRejected(`token rejected: ${error.message}`);
      throw new TokenRejected('token rejected');
    }
    this.assertTimes(claims);
    if (typeof claims.sub !== 'string' || claims.sub === '')
      throw new TokenRejected('token has no subject (sub)');
    if (!Array.isArray(claims.roles) || !claims.roles.every((r) => typeof r === 'string')) {
      throw new TokenRejected('token claim "roles" must be a list of role names');
    }
    if (typeof claims.org_unit !== 'string' || claims.org_unit === '') {
      throw new TokenRejected('token claim "org_unit" is missing');
    }
    // A person_id the service cannot read would make the caller nobody's subject: separation of
    // duties would no longer keep them off their own record, so such a token is refused, not trimmed.
    if (
      claims.person_id !== undefined &&
      claims.person_id !== null &&
      (typeof claims.person_id !== 'string' || claims.person_id === '')
    ) {
      throw new TokenRejected('token claim "person_id" must be one person id (a non-empty string)');
    }
    assertClaimsAreText(claims);
    const actor: Actor = {
      userId: claims.sub,
      roles: claims.roles as string[],
      orgUnit: claims.org_unit,
      ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
      ...(typeof claims.person_id === 'string' ? { personId: claims.person_id } : {}),
    };
    return { claims, actor };
  }

  /** The key that checks a token signed with the header's algorithm, if that algorithm is accepted. */
  private async verificationKey(header: jwt.JwtHeader): Promise<KeyObject> {
    const algorithm = header.alg as jwt.Algorithm;
    if (algorithm === 'HS256' && this.secretKey) return this.secretKey;
    if (ASYMMETRIC.includes(algorithm) && this.jwks) {
      if (!header.kid) throw new TokenRejected('token rejected: no key id (kid) in its header');
      try {
        return this.publicKeyObject((await this.jwks.getSigningKey(header.kid)).getPublicKey());
      } catch (error) {
        throw new TokenRejected(
          `token rejected: signing key ${header.kid} not found at the identity provider (${(error as Error).message})`,
        );
      }
    }
    const accepted = [...(this.options.secret ? ['HS256'] : []), ...(this.jwks ? ASYMMETRIC : [])];
    throw new TokenRejected(
      `token rejected: algorithm ${header.alg} is not accepted (${accepted.join(', ')})`,
    );
  }

  /** The JWKS client caches the PEM for ten minutes; the KeyObject made from it is kept with it. */
  private publicKeyObject(pem: string): KeyObject {
    let key = this.publicKeys.get(pem);
    if (!key) {
      // A rotated key set brings new PEMs; the few old ones are dropped rather than kept forever.
      if (this.publicKeys.size >= 32) this.publicKeys.clear();
      key = createPublicKey(pem);
      this.publicKeys.set(pem, key);
    }
    return key;
  }

  /** Mints a development HS256 token (npm run token, tests), never longer-lived than accepted. */
  sign(actor: Actor, expiresInSeconds = Math.min(8 * 3600, this.maxLifetimeSeconds)): string {
    if (!this.options.secret) throw new Error('signing needs the HS256 secret');
    if (!(expiresInSeconds > 0 && expiresInSeconds <= this.maxLifetimeSeconds))
      throw new RangeError(
        `a token may last at most ${this.maxLifetimeSeconds} s (JWT_MAX_LIFETIME_SECONDS); asked for ${expiresInSeconds} s`,
      );
    return jwt.sign(
      {
        roles: actor.roles,
        org_unit: actor.orgUnit,
        ...(actor.name ? { name: actor.name } : {}),
        ...(actor.personId ? { person_id: actor.personId } : {}),
      },
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
