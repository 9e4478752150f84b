import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { canonicalize } from 'json-canonicalize';

/**
 * What a checkpoint signs. `root` is the Merkle root over every stream's head as of `position`
 * (see merkle.ts); `previous` chains checkpoints so none can be dropped from the middle unseen.
 */
export interface CheckpointPayload {
  format: 'cadreflow-checkpoint/1';
  sequence: number;
  /** Last event covered, in the store's global order; null for a checkpoint of an empty store. */
  position: string | null;
  /** Events covered in all (every event up to `position`). */
  events: number;
  streams: number;
  root: string;
  createdAt: string;
  keyId: string;
  /** sha256 of the previous checkpoint's signed bytes, hex; null for the first. */
  previous: string | null;
}

export interface SignedCheckpoint {
  checkpoint: CheckpointPayload;
  /** Ed25519 over the RFC 8785 JSON of `checkpoint`, base64. */
  signature: string;
  /** RFC 3161 time-stamp response over sha256 of the signed bytes, base64, when a TSA is configured. */
  timestampToken?: string;
}

/** One covered event in a checkpoint's events file: `[position, streamId, revision, contentDigest]`. */
export type WitnessLine = [string, string, number, string];

export const signedBytes = (payload: CheckpointPayload): Buffer =>
  Buffer.from(canonicalize(payload), 'utf8');

export const checkpointDigest = (payload: CheckpointPayload): string =>
  createHash('sha256').update(signedBytes(payload)).digest('hex');

const pad = (sequence: number): string => String(sequence).padStart(10, '0');
const CHECKPOINT_FILE = /^(\d{10})\.checkpoint\.json$/;

/** The file name of checkpoint `sequence`, as findings name it. */
export const checkpointFileName = (sequence: number): string => `${pad(sequence)}.checkpoint.json`;

/** A checkpoint file that holds no JSON (empty, cut short): a write that crashed, or damage. */
export class UnreadableCheckpointFile extends Error {
  constructor(
    readonly fileName: string,
    reason: string,
  ) {
    super(`checkpoint file ${fileName} is unreadable: ${reason}`);
    this.name = 'UnreadableCheckpointFile';
  }
}

/**
 * The copy of checkpoints outside the database (CHECKPOINT_DIR): per checkpoint a signed
 * `NNNNNNNNNN.checkpoint.json` and `NNNNNNNNNN.events.ndjson`, the content digest of every event it
 * added since the previous one. Each file is written whole to a temporary file first and then
 * linked into place, which fails if the name exists: a crash never leaves a file cut short under its
 * name, two signers racing cannot both write one, and no file is rewritten. Point the directory at
 * storage the database's administrators cannot write (another host, a WORM bucket).
 */
export class WitnessDirectory {
  constructor(readonly dir: string) {}

  sequences(): number[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .map((name) => CHECKPOINT_FILE.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b);
  }

  /** The signed checkpoint `sequence`; UnreadableCheckpointFile when its file holds no JSON. */
  readCheckpoint(sequence: number): SignedCheckpoint {
    const text = readFileSync(join(this.dir, checkpointFileName(sequence)), 'utf8');
    try {
      return JSON.parse(text) as SignedCheckpoint;
    } catch (error) {
      throw new UnreadableCheckpointFile(
        checkpointFileName(sequence),
        text.trim() === '' ? 'empty' : (error as Error).message,
      );
    }
  }

  /** The events file of a checkpoint, line by line. */
  *readEvents(sequence: number): Generator<WitnessLine> {
    const text = readFileSync(join(this.dir, `${pad(sequence)}.events.ndjson`), 'utf8');
    for (const line of text.split('\n')) if (line) yield JSON.parse(line) as WitnessLine;
  }

  /**
   * Sets aside an unreadable checkpoint file (renamed `….torn-<time>`, kept for inspection) so that
   * its sequence can be signed: the leftover of a crash while the file was written in place (as
   * before writes went through a temporary file). Answers the name it was set aside under.
   */
  setAsideUnreadable(sequence: number): string | null {
    const path = join(this.dir, checkpointFileName(sequence));
    if (!existsSync(path)) return null;
    try {
      this.readCheckpoint(sequence);
      return null;
    } catch (error) {
      if (!(error instanceof UnreadableCheckpointFile)) throw error;
    }
    const aside = `${path}.torn-${Date.now()}`;
    renameSync(path, aside);
    return basename(aside);
  }

  /** Writes the events file, then the signed checkpoint; refuses to overwrite either. */
  write(signed: SignedCheckpoint, lines: readonly WitnessLine[]): void {
    mkdirSync(this.dir, { recursive: true });
    const base = join(this.dir, pad(signed.checkpoint.sequence));
    this.setAsideUnreadable(signed.checkpoint.sequence);
    // An events file without its checkpoint is a write that crashed before signing: never covered.
    if (existsSync(`${base}.events.ndjson`) && !existsSync(`${base}.checkpoint.json`))
      unlinkSync(`${base}.events.ndjson`);
    writeExclusive(
      `${base}.events.ndjson`,
      lines.map((line) => `${JSON.stringify(line)}\n`),
    );
    writeExclusive(`${base}.checkpoint.json`, [`${JSON.stringify(signed, null, 2)}\n`]);
  }
}

/**
 * Writes `path` whole or not at all, and only if it does not exist: the content goes to a temporary
 * file beside it (its name matches no checkpoint file), is synced, then hard-linked to `path` —
 * link fails with EEXIST where another signer got there first — and the directory is synced.
 */
function writeExclusive(path: string, chunks: readonly string[]): void {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const fd = openSync(temporary, 'wx');
    try {
      let buffer = '';
      for (const chunk of chunks) {
        buffer += chunk;
        if (buffer.length > 1 << 20) {
          writeSync(fd, buffer);
          buffer = '';
        }
      }
      if (buffer) writeSync(fd, buffer);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(temporary, path);
  } finally {
    if (existsSync(temporary)) unlinkSync(temporary);
  }
  syncDirectory(dirname(path));
}

/** Makes a new name in `dir` durable (the file's own data was synced before it was linked). */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
