import { Pool } from 'pg';
import { ConfigError } from '../../config/app-config';
import { latestRecordedCheckpoint } from './recorded-checkpoint';

/** The variable that lets the service start without CHECKPOINT_DIR on a database recording checkpoints. */
export const CHECKPOINTS_UNCHECKED = 'CHECKPOINTS_UNCHECKED';

/**
 * At start, once the schema is there: CHECKPOINT_DIR unset on a database that records signed
 * checkpoints stops the start with one line naming the variable, the checkpoint and the opt-out
 * (before: it started silently, and `GET /audit/verify?stream=` said `intact` with no checkpoint
 * part, so a deleted tail went unseen). `CHECKPOINTS_UNCHECKED=true` starts it anyway, for an
 * operator who knows the checkpoints are not checked. A database with none recorded starts as before.
 */
export async function refuseCheckpointDirUnset(input: {
  databaseUrl: string;
  checkpointDir: string | undefined;
  unchecked: string | undefined;
}): Promise<void> {
  const unchecked = input.unchecked ?? '';
  if (!['', 'true', 'false'].includes(unchecked))
    throw new ConfigError(
      `invalid configuration: ${CHECKPOINTS_UNCHECKED} must be "true" or "false" (got "${unchecked}")`,
    );
  if (input.checkpointDir || unchecked === 'true') return;
  const pool = new Pool({ connectionString: input.databaseUrl, max: 1 });
  try {
    const recorded = await latestRecordedCheckpoint(pool);
    if (recorded)
      throw new ConfigError(
        `invalid configuration: CHECKPOINT_DIR is not set, but the database records signed checkpoints (the latest, ${recorded.sequence}, written at ${recorded.createdAt}): set CHECKPOINT_DIR to the folder they were written to, or ${CHECKPOINTS_UNCHECKED}=true to start without checking them`,
      );
  } finally {
    await pool.end();
  }
}
