import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../config/app-config';
import { Keyring, SigningKey, signingKeyFromPem } from './checkpoint-keys';
import { DirectoryKeyring } from './directory-keyring';
import { WitnessDirectory } from './witness-directory';

/** What the checkpoint settings (CHECKPOINT_*) resolve to; `null` pieces are not configured. */
export interface CheckpointSettings {
  dir: WitnessDirectory | null;
  key: SigningKey | null;
  keyring: Keyring | null;
  tsaUrl: string | null;
  intervalMs: number;
}

export interface CheckpointEnv {
  CHECKPOINT_DIR?: string;
  CHECKPOINT_SIGNING_KEY_FILE?: string;
  CHECKPOINT_SIGNING_KEY?: string;
  CHECKPOINT_KEY_ID?: string;
  CHECKPOINT_PUBLIC_KEYS_DIR?: string;
  CHECKPOINT_TSA_URL?: string;
  CHECKPOINT_INTERVAL_MS?: number | string;
}

/**
 * Reads the keys at start: a missing or non-Ed25519 key file fails the start, not the first
 * hourly checkpoint. Without CHECKPOINT_PUBLIC_KEYS_DIR the verifier trusts the signing key alone;
 * with it, the directory is read again while the service runs (DirectoryKeyring), so a key retired
 * there counts without a restart.
 */
export function resolveCheckpointSettings(env: CheckpointEnv): CheckpointSettings {
  const keyFile = env.CHECKPOINT_SIGNING_KEY_FILE;
  const pem = keyFile
    ? setting('CHECKPOINT_SIGNING_KEY_FILE', keyFile, () => readFileSync(keyFile, 'utf8'))
    : env.CHECKPOINT_SIGNING_KEY;
  const key = pem
    ? setting(
        keyFile ? 'CHECKPOINT_SIGNING_KEY_FILE' : 'CHECKPOINT_SIGNING_KEY',
        keyFile ?? '…',
        () => signingKeyFromPem(pem, env.CHECKPOINT_KEY_ID),
        'must hold an Ed25519 private key in PEM',
      )
    : null;
  const keysDir = env.CHECKPOINT_PUBLIC_KEYS_DIR;
  const keyring = keysDir
    ? setting('CHECKPOINT_PUBLIC_KEYS_DIR', keysDir, () => new DirectoryKeyring(keysDir))
    : key
      ? new Keyring([{ keyId: key.keyId, publicKey: createPublicKey(key.privateKey) }])
      : null;
  return {
    dir: env.CHECKPOINT_DIR ? new WitnessDirectory(env.CHECKPOINT_DIR) : null,
    key,
    keyring,
    tsaUrl: env.CHECKPOINT_TSA_URL ?? null,
    intervalMs: Number(env.CHECKPOINT_INTERVAL_MS ?? 3_600_000),
  };
}

/**
 * Reads one setting's file or key, naming the variable when it cannot (before: a bare ENOENT or
 * "DECODER routines::unsupported", and no word of which variable was at fault).
 */
function setting<T>(name: string, shown: string, read: () => T, rule?: string): T {
  try {
    return read();
  } catch (error) {
    const reason = (error as Error).message;
    throw new ConfigError(
      `invalid configuration: ${name} ${rule ?? 'cannot be read'} (got "${shown}": ${reason})`,
    );
  }
}
