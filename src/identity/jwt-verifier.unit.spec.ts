import * as jwt from 'jsonwebtoken';
import { JwtVerifier, TokenRejected } from './jwt-verifier';

const SECRET = 'unit-test-secret-of-enough-length-0123456789';
/** The verifier's full check of a token (signature and claims), which the kept tokens skip. */
const fullChecks = () =>
  jest.spyOn(
    JwtVerifier.prototype as unknown as { verifySignatureAndClaims: () => unknown },
    'verifySignatureAndClaims',
  );

const actor = { userId: 'u-staff', roles: ['organization_staff'], orgUnit: 'ou-town' };

describe('JwtVerifier keeping checked tokens', () => {
  afterEach(() => jest.restoreAllMocks());

  it('checks a token it has seen once per minute, and still judges its expiry on every request', async () => {
    const verifier = new JwtVerifier({ secret: SECRET });
    const token = verifier.sign(actor, 1);
    const signatureChecks = fullChecks();
    const start = Date.now();
    // Thirty seconds after its expiry it is still inside the accepted clock skew (60 s).
    jest.spyOn(Date, 'now').mockReturnValue(start + 31_000);
    await expect(verifier.verify(token)).resolves.toMatchObject({ userId: 'u-staff' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ userId: 'u-staff' });
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    // Kept for a minute, but past expiry and skew it is refused all the same.
    jest.spyOn(Date, 'now').mockReturnValue(start + 62_000);
    await expect(verifier.verify(token)).rejects.toThrow(TokenRejected);
    await expect(verifier.verify(token)).rejects.toThrow(/expired/);
  });

  it('checks the signature again once the minute is over', async () => {
    const verifier = new JwtVerifier({ secret: SECRET });
    const token = verifier.sign(actor, 3600);
    const signatureChecks = fullChecks();
    const start = Date.now();
    await verifier.verify(token);
    jest.spyOn(Date, 'now').mockReturnValue(start + 61_000);
    await verifier.verify(token);
    expect(signatureChecks).toHaveBeenCalledTimes(2);
  });

  it('gives each request its own actor: one request changing it changes no other', async () => {
    const verifier = new JwtVerifier({ secret: SECRET });
    const token = verifier.sign(actor, 3600);
    const first = await verifier.verify(token);
    first.roles.push('admin');
    const second = await verifier.verify(token);
    expect(second.roles).toEqual(['organization_staff']);
  });

  it('keeps nothing of a token it refused', async () => {
    const verifier = new JwtVerifier({ secret: SECRET });
    const forged = new JwtVerifier({ secret: `${SECRET}-other` }).sign(actor, 3600);
    await expect(verifier.verify(forged)).rejects.toThrow(/invalid signature/);
    await expect(verifier.verify(forged)).rejects.toThrow(/invalid signature/);
  });
});

describe('JwtVerifier refusing what it cannot take', () => {
  const signed = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    jwt.sign({ roles: ['organization_staff'], org_unit: 'ou-town', ...claims }, SECRET, {
      algorithm: 'HS256',
      expiresIn: 600,
      header: { alg: 'HS256', typ: 'JWT', ...header },
    });

  it.each([
    ['sub', { sub: 'u-\u0000staff' }],
    ['org_unit', { sub: 'u-staff', org_unit: 'ou-\u0000town' }],
    ['name', { sub: 'u-staff', name: 'Nguyễn\u0000Văn An' }],
    ['person_id', { sub: 'u-staff', person_id: 'p-\u0000an' }],
    ['roles', { sub: 'u-staff', roles: ['organization_staff\u0000'] }],
  ])(
    'refuses a NUL in the claim %s, naming it, as a token refusal (401), not a failed write',
    async (claim, claims) => {
      const verifier = new JwtVerifier({ secret: SECRET });
      const refusal = verifier.verify(signed(claims));
      await expect(refusal).rejects.toThrow(TokenRejected);
      await expect(refusal).rejects.toThrow(
        `token claim "${claim}" contains a NUL character (U+0000)`,
      );
    },
  );

  it('refuses a control character in a claim too', async () => {
    const verifier = new JwtVerifier({ secret: SECRET });
    await expect(verifier.verify(signed({ sub: 'u-\u001bstaff' }))).rejects.toThrow(
      'token claim "sub" contains the control character U+001B',
    );
  });

  it.each([
    ['name', { sub: 'u-staff', name: 'Nguyễn \u202eAn' }, 'U+202E'],
    ['name', { sub: 'u-staff', name: 'An\u2028Bình' }, 'U+2028'],
    ['sub', { sub: 'u-\u200bstaff' }, 'U+200B'],
    ['org_unit', { sub: 'u-staff', org_unit: '\ufeffou-town' }, 'U+FEFF'],
    ['person_id', { sub: 'u-staff', person_id: 'p-\u2029an' }, 'U+2029'],
    ['roles', { sub: 'u-staff', roles: ['organization_staff\u200d'] }, 'U+200D'],
  ])(
    'refuses a format or separator character in the claim %s (401, naming it), never storing a spoofed actor',
    async (claim, claims, code) => {
      // Before: accepted, and a name holding U+202E was stored as actorName, read reversed.
      const refusal = new JwtVerifier({ secret: SECRET }).verify(signed(claims));
      await expect(refusal).rejects.toThrow(TokenRejected);
      await expect(refusal).rejects.toThrow(
        `token claim "${claim}" contains the invisible or line-separating character ${code}`,
      );
    },
  );

  it('keeps a Vietnamese name with its marks', async () => {
    const verifier = new JwtVerifier({ secret: SECRET });
    await expect(
      verifier.verify(signed({ sub: 'u-staff', name: 'Nguyễn Thị Ứng' })),
    ).resolves.toMatchObject({
      name: 'Nguyễn Thị Ứng',
    });
  });

  it('refuses a header marking an extension critical, which it does not understand (RFC 7515 §4.1.11)', async () => {
    const verifier = new JwtVerifier({ secret: SECRET });
    await expect(verifier.verify(signed({ sub: 'u-staff' }, { crit: ['x'] }))).rejects.toThrow(
      /critical \(crit: \["x"\]\)/,
    );
    await expect(verifier.verify(signed({ sub: 'u-staff' }))).resolves.toMatchObject({
      userId: 'u-staff',
    });
  });
});
