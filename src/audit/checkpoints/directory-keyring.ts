import { createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring, TrustedKey } from './checkpoint-keys';

/**
 * How long one read of CHECKPOINT_PUBLIC_KEYS_DIR is relied on: a key retired (its `.retired`
 * file written), added or removed there counts on a running instance within this time, no restart.
 * Short, as a retired key must stop counting soon; long enough that verifying hundreds of
 * checkpoints does not read the directory for each one.
 */
export const KEYS_DIR_REREAD_MS = 5_000;

/**
 * A directory of `<keyId>.pem` public keys; a `<keyId>.retired` file beside one holds the ISO
 * time the key was rotated out (checkpoints it signed from then on are refused). Read at start,
 * then again once its last read is KEYS_DIR_REREAD_MS old (before: only at start, so a key
 * retired while the service ran kept being trusted, and signing, until a restart).
 */
export class DirectoryKeyring extends Keyring {
  private lastRead: ReadonlyMap<string, TrustedKey>;
  private readAt: number;

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.lastRead = readKeysDirectory(dir);
    this.readAt = this.now();
  }

  /**
   * A directory that cannot be read again (a key file half written, say) throws, naming it: a
   * verification that cannot tell which keys are trusted answers nothing rather than an old yes.
   */
  protected override trusted(): ReadonlyMap<string, TrustedKey> {
    if (this.now() - this.readAt < KEYS_DIR_REREAD_MS) return this.lastRead;
    try {
      this.lastRead = readKeysDirectory(this.dir);
    } catch (error) {
      throw new Error(
        `CHECKPOINT_PUBLIC_KEYS_DIR ${this.dir} cannot be read: ${(error as Error).message}`,
      );
    }
    this.readAt = this.now();
    return this.lastRead;
  }
}

function readKeysDirectory(dir: string): ReadonlyMap<string, TrustedKey> {
  const keys = new Map<string, TrustedKey>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.pem'))) {
    const keyId = name.slice(0, -'.pem'.length);
    const retiredFile = join(dir, `${keyId}.retired`);
    keys.set(keyId, {
      keyId,
      publicKey: createPublicKey(readFileSync(join(dir, name), 'utf8')),
      ...(existsSync(retiredFile)
        ? { retiredAt: new Date(readFileSync(retiredFile, 'utf8').trim()).toISOString() }
        : {}),
    });
  }
  return keys;
}
