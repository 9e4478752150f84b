import { Logger } from '@nestjs/common';
import { createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring, TrustedKey } from './checkpoint-keys';
import { KeysDirectoryUnreadable } from './keys-directory-unreadable';

/**
 * How long one read of CHECKPOINT_PUBLIC_KEYS_DIR is relied on: a key retired (its `.retired`
 * file written), added or removed there counts on a running instance within this time, no restart.
 * Short, as a retired key must stop counting soon; long enough that verifying hundreds of
 * checkpoints does not read the directory for each one.
 */
export const KEYS_DIR_REREAD_MS = 5_000;

const logger = new Logger('Checkpoints');

/**
 * A directory of `<keyId>.pem` public keys; a `<keyId>.retired` file beside one holds the ISO
 * time the key was rotated out (checkpoints it signed from then on are refused). Read at start,
 * then again once its last read is KEYS_DIR_REREAD_MS old (before: only at start, so a key
 * retired while the service ran kept being trusted, and signing, until a restart).
 */
export class DirectoryKeyring extends Keyring {
  private lastRead: ReadonlyMap<string, TrustedKey>;
  private readAt: number;
  /** The file that could not be read at the last read, logged once until it is fixed. */
  private problem: KeysDirectoryUnreadable | null = null;

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.lastRead = readKeysDirectory(dir);
    this.readAt = this.now();
  }

  /**
   * A directory that cannot be read again (a key file half written, say) is refused, naming the
   * file, on every use until a read succeeds: a verification that cannot tell which keys are
   * trusted answers nothing rather than an old yes (before: a bare Error, 500 and "Invalid time
   * value" with no file named).
   */
  protected override trusted(): ReadonlyMap<string, TrustedKey> {
    if (this.now() - this.readAt < KEYS_DIR_REREAD_MS) {
      if (this.problem) throw this.problem;
      return this.lastRead;
    }
    try {
      this.lastRead = readKeysDirectory(this.dir);
    } catch (error) {
      const problem =
        error instanceof KeysDirectoryUnreadable
          ? error
          : new KeysDirectoryUnreadable(this.dir, null, (error as Error).message);
      if (problem.message !== this.problem?.message)
        logger.error(
          `${problem.message}: no checkpoint is verified or signed until it is fixed (read again every ${KEYS_DIR_REREAD_MS} ms)`,
        );
      this.problem = problem;
      this.readAt = this.now();
      throw problem;
    }
    if (this.problem) logger.log(`CHECKPOINT_PUBLIC_KEYS_DIR ${this.dir} is readable again`);
    this.problem = null;
    this.readAt = this.now();
    return this.lastRead;
  }

  /** What /health says: the file that cannot be read, or null when every key is read. */
  override unreadable(): string | null {
    try {
      this.trusted();
      return null;
    } catch (error) {
      if (error instanceof KeysDirectoryUnreadable) return error.message;
      throw error;
    }
  }
}

function readKeysDirectory(dir: string): ReadonlyMap<string, TrustedKey> {
  const keys = new Map<string, TrustedKey>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.pem'))) {
    const keyId = name.slice(0, -'.pem'.length);
    const retiredName = `${keyId}.retired`;
    keys.set(keyId, {
      keyId,
      publicKey: readKeyFile(
        dir,
        name,
        () => createPublicKey(readFileSync(join(dir, name), 'utf8')),
        'holds no public key in PEM',
      ),
      ...(existsSync(join(dir, retiredName))
        ? {
            retiredAt: readKeyFile(
              dir,
              retiredName,
              () => retiredAt(join(dir, retiredName)),
              'holds no ISO time',
            ),
          }
        : {}),
    });
  }
  return keys;
}

/** The time a `.retired` file holds, or a throw: a file with none retires the key at no known time. */
function retiredAt(file: string): string {
  const text = readFileSync(file, 'utf8').trim();
  const at = new Date(text);
  if (!text || Number.isNaN(at.getTime()))
    throw new Error(text ? `got "${text.slice(0, 40)}"` : 'it is empty');
  return at.toISOString();
}

/** One file's content, or a refusal naming the file and what it should hold. */
function readKeyFile<T>(dir: string, file: string, read: () => T, rule: string): T {
  try {
    return read();
  } catch (error) {
    throw new KeysDirectoryUnreadable(dir, file, `${rule} (${(error as Error).message})`);
  }
}
