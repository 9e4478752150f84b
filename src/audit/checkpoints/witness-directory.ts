import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
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

/**
 * The copy of checkpoints outside the database (CHECKPOINT_DIR): per checkpoint a signed
 * `NNNNNNNNNN.checkpoint.json` and `NNNNNNNNNN.events.ndjson`, the content digest of every event it
 * added since the previous one. Files are created exclusively (`wx`) and never rewritten; point the
 * directory at storage the database's administrators cannot write (another host, a WORM bucket).
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

  readCheckpoint(sequence: number): SignedCheckpoint {
    return JSON.parse(
      readFileSync(join(this.dir, `${pad(sequence)}.checkpoint.json`), 'utf8'),
    ) as SignedCheckpoint;
  }

  /** The events file of a checkpoint, line by line. */
  *readEvents(sequence: number): Generator<WitnessLine> {
    const text = readFileSync(join(this.dir, `${pad(sequence)}.events.ndjson`), 'utf8');
    for (const line of text.split('\n')) if (line) yield JSON.parse(line) as WitnessLine;
  }

  /** Writes the events file, then the signed checkpoint; refuses to overwrite either. */
  write(signed: SignedCheckpoint, lines: readonly WitnessLine[]): void {
    mkdirSync(this.dir, { recursive: true });
    const base = join(this.dir, pad(signed.checkpoint.sequence));
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

function writeExclusive(path: string, chunks: readonly string[]): void {
  const fd = openSync(path, 'wx');
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
}
