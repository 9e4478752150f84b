import { CheckpointRefused } from './checkpoint-witness';

/**
 * A file of CHECKPOINT_PUBLIC_KEYS_DIR that cannot be read (a `.retired` without an ISO time, a
 * `.pem` that is no public key). While it is there no checkpoint is verified or signed: which keys
 * are trusted, and since when retired, is not known, and a possibly retired key is not trusted.
 * Verification answers it as a refusal (`keys_unreadable`), signing as 503 checkpoint.keys_unreadable.
 */
export class KeysDirectoryUnreadable extends CheckpointRefused {
  constructor(
    readonly dir: string,
    /** The file at fault; null when the directory itself cannot be read (missing, not a folder). */
    readonly file: string | null,
    readonly problem: string,
  ) {
    super(
      `CHECKPOINT_PUBLIC_KEYS_DIR ${dir} cannot be read: ${file === null ? problem : `${file} ${problem}`}`,
      undefined,
      'keys_unreadable',
    );
    this.name = 'KeysDirectoryUnreadable';
  }
}
