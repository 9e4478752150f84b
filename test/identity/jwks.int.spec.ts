import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import * as jwt from 'jsonwebtoken';
import { JwtVerifier, TokenRejected } from '../../src/identity/jwt-verifier';

/** An identity provider's JWKS endpoint, served for real on a local port. */
describe('bearer tokens from an OIDC identity provider (JWKS, RS256 and ES256)', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let server: Server;
  let jwksUrl: string;
  const jwk = (key: KeyObject, kid: string, alg: string) => ({
    ...key.export({ format: 'jwk' }),
    kid,
    alg,
    use: 'sig',
  });

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(
        JSON.stringify({
          keys: [jwk(rsa.publicKey, 'rsa-1', 'RS256'), jwk(ec.publicKey, 'ec-1', 'ES256')],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const claims = { roles: ['inspector'], org_unit: 'ou-town', person_id: 'p-9' };
  const sign = (
    key: KeyObject,
    algorithm: jwt.Algorithm,
    kid: string,
    options: jwt.SignOptions = {},
  ) =>
    jwt.sign(claims, key.export({ format: 'pem', type: 'pkcs8' }), {
      algorithm,
      keyid: kid,
      subject: 'u-oidc',
      issuer: 'https://idp.example.gov.vn',
      audience: 'cadreflow',
      expiresIn: 300,
      ...options,
    });
  const verifier = () =>
    new JwtVerifier({ jwksUrl, issuer: 'https://idp.example.gov.vn', audience: 'cadreflow' });
  const rejection = async (token: string, v = verifier()) => {
    try {
      await v.verify(token);
    } catch (error) {
      expect(error).toBeInstanceOf(TokenRejected);
      return (error as Error).message;
    }
    throw new Error('the token was accepted');
  };

  it('accepts RS256 and ES256 tokens signed by the provider’s keys, with their claims', async () => {
    await expect(verifier().verify(sign(rsa.privateKey, 'RS256', 'rsa-1'))).resolves.toEqual({
      userId: 'u-oidc',
      roles: ['inspector'],
      orgUnit: 'ou-town',
      personId: 'p-9',
    });
    await expect(verifier().verify(sign(ec.privateKey, 'ES256', 'ec-1'))).resolves.toMatchObject({
      userId: 'u-oidc',
    });
  });

  it('refuses a forged, expired, unknown-key, wrong-audience or HS256 token with a one-line reason', async () => {
    expect(await rejection(sign(stranger.privateKey, 'RS256', 'rsa-1'))).toBe(
      'token rejected: invalid signature',
    );
    expect(await rejection(sign(rsa.privateKey, 'RS256', 'rsa-1', { expiresIn: -120 }))).toMatch(
      /^token expired at /,
    );
    expect(await rejection(sign(rsa.privateKey, 'RS256', 'rsa-404'))).toMatch(
      /^token rejected: signing key rsa-404 not found/,
    );
    expect(await rejection(sign(rsa.privateKey, 'RS256', 'rsa-1', { audience: 'other' }))).toMatch(
      /jwt audience invalid/,
    );
    const hs = jwt.sign(claims, 'a-shared-secret-of-sixteen', { algorithm: 'HS256', subject: 'u' });
    expect(await rejection(hs)).toBe(
      'token rejected: algorithm HS256 is not accepted (RS256, ES256)',
    );
    expect(await rejection('not-a-jwt')).toBe('token rejected: not a JWT');
  });
});
