import { existsSync, statSync } from 'node:fs';
import { Pool } from 'pg';
import { ConfigError } from '../../config/app-config';
import { CheckpointRefused } from './checkpoint-witness';
import { checkpointFileName, WitnessDirectory } from './witness-directory';

/** The latest checkpoint the database records as written (`audit_checkpoints`). */
export interface RecordedCheckpoint {
  sequence: number;
  createdAt: string;
}

export async function latestRecordedCheckpoint(pool: Pool): Promise<RecordedCheckpoint | null> {
  const { rows } = await pool.query<{ sequence: string; created_at: Date }>(
    'SELECT sequence::text, created_at FROM audit_checkpoints ORDER BY sequence DESC LIMIT 1',
  );
  if (rows.length === 0) return null;
  return { sequence: Number(rows[0].sequence), createdAt: rows[0].created_at.toISOString() };
}

/**
 * Why the folder does not hold the checkpoint the database records, or null when it does. A
 * checkpoint is written to the folder before the database records it, so a folder without it is
 * not the one it was written to: a mistyped CHECKPOINT_DIR, a storage not mounted, or one emptied.
 */
export function folderLacks(dir: WitnessDirectory, recorded: RecordedCheckpoint): string | null {
  const lacking = !existsSync(dir.dir)
    ? 'no such folder'
    : !statSync(dir.dir).isDirectory()
      ? 'not a folder'
      : dir.sequences().includes(recorded.sequence)
        ? null
        : `no ${checkpointFileName(recorded.sequence)} in it`;
  if (!lacking) return null;
  return `CHECKPOINT_DIR "${dir.dir}" lacks checkpoint ${recorded.sequence}, which the database records as written at ${recorded.createdAt} (${lacking})`;
}

/**
 * Refuses a folder that lacks the latest checkpoint the database records: verified against it, the
 * store would read as never checkpointed (`no-checkpoint`), and a signing would start a second
 * chain of checkpoints from 1 in it (the folder created anew). A database with none recorded (a
 * first start) takes any folder, a new one too.
 */
export function assertHoldsRecorded(
  dir: WitnessDirectory,
  recorded: RecordedCheckpoint | null | undefined,
): void {
  const lacking = recorded && folderLacks(dir, recorded);
  if (lacking)
    throw new CheckpointRefused(
      `${lacking}: set CHECKPOINT_DIR to the folder the checkpoints were written to`,
      recorded.sequence,
      'recorded_checkpoint_missing',
    );
}

/** The same, reading what the database records. */
export async function assertFolderHoldsRecorded(pool: Pool, dir: WitnessDirectory): Promise<void> {
  assertHoldsRecorded(dir, await latestRecordedCheckpoint(pool));
}

/**
 * At start, once the schema is there: a CHECKPOINT_DIR that lacks the latest checkpoint the
 * database records stops the start with one line naming the variable, as a missing
 * DEFINITIONS_DIR does (before: a mistyped one was created at the first signing, which began a
 * second chain from 1 there, and verification said `no-checkpoint`).
 */
export async function refuseFolderLackingRecorded(
  databaseUrl: string,
  checkpointDir: string | undefined,
): Promise<void> {
  if (!checkpointDir) return;
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const recorded = await latestRecordedCheckpoint(pool);
    const lacking = recorded && folderLacks(new WitnessDirectory(checkpointDir), recorded);
    if (lacking)
      throw new ConfigError(
        `invalid configuration: ${lacking}: set CHECKPOINT_DIR to the folder the checkpoints were written to`,
      );
  } finally {
    await pool.end();
  }
}
