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
