import {
  createHash,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';

/**
 * Ed25519 keys for checkpoints. The signing key lives in a file (or the environment) on the
 * service's host, never in the database; verifiers hold only public keys, by key id.
 */
export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface TrustedKey {
  keyId: string;
  publicKey: KeyObject;
  /** Checkpoints this key signed at or after this time are refused (the key was rotated out). */
  retiredAt?: string;
}

/** A key's id when none is given: the first 16 hex digits of sha256 of its raw public key. */
export function keyFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** From a PEM (PKCS#8) private key; the key id is given or the key's fingerprint. */
export function signingKeyFromPem(pem: string, keyId?: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`checkpoint signing key must be Ed25519, got ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyId ?? keyFingerprint(publicKey), privateKey, publicKey };
}

export function signBytes(key: SigningKey, bytes: Buffer): string {
  return sign(null, bytes, key.privateKey).toString('base64');
}

/** The public keys a verifier trusts, by id. */
export class Keyring {
  private readonly keys = new Map<string, TrustedKey>();

  constructor(keys: TrustedKey[] = []) {
    for (const key of keys) this.keys.set(key.keyId, key);
  }

  /** The keys trusted now (a keyring read from a directory reads it again now and then). */
  protected trusted(): ReadonlyMap<string, TrustedKey> {
    return this.keys;
  }

  /** Why the trusted keys cannot be read now (a file of their directory), or null. */
  unreadable(): string | null {
    return null;
  }

  ids(): string[] {
    return [...this.trusted().keys()];
  }

  /** Why a signature is refused, or null when it is good. */
  check(
    keyId: string,
    bytes: Buffer,
    signature: string,
    signedAt: string,
  ): { code: 'unknown_key' | 'key_rotated_out' | 'bad_signature'; message: string } | null {
    const key = this.trusted().get(keyId);
    if (!key) return { code: 'unknown_key', message: `signed by unknown key ${keyId}` };
    if (key.retiredAt && signedAt >= key.retiredAt)
      return {
        code: 'key_rotated_out',
        message: `signed by key ${keyId} at ${signedAt}, after it was rotated out (${key.retiredAt})`,
      };
    if (!verify(null, bytes, key.publicKey, Buffer.from(signature, 'base64')))
      return { code: 'bad_signature', message: `signature does not match key ${keyId}` };
    return null;
  }
}
