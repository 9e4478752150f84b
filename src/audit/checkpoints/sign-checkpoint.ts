import { Pool } from 'pg';
import { checkOutClient } from '../../database/checked-out-client';
import { EventStore } from '../../event-store/event-store.port';
import { Keyring, SigningKey } from './checkpoint-keys';
import { createCheckpoint, CreatedCheckpoint } from './checkpoint-ledger';
import { requestTimeStamp } from './rfc3161';
import { WitnessDirectory } from './witness-directory';
import { assertFolderHoldsRecorded } from './recorded-checkpoint';

/** Another instance (or the CLI) holds this while it signs, so two never race for one sequence. */
const CHECKPOINT_LOCK = 7_220_022;

export interface SignCheckpointInput {
  pool: Pool;
  store: EventStore;
  settings: { dir: WitnessDirectory; keyring: Keyring; key: SigningKey; tsaUrl: string | null };
  now: Date;
  /** Stops waiting for the time-stamping authority (the service stopping): nothing is signed. */
  abandon?: AbortSignal;
}

/**
 * Signs a checkpoint under a database-wide lock, writes it to the outside directory (and the TSA
 * when configured), then keeps the database's copy in `audit_checkpoints`. The service's timer,
 * `POST /audit/checkpoints` and `npm run audit -- checkpoint` all come here. Waits for a signing
 * under way elsewhere to end.
 */
export async function signCheckpoint(input: SignCheckpointInput): Promise<CreatedCheckpoint> {
  const signed = await signUnderLock(input, true);
  if (!signed) throw new Error('the checkpoint lock was not taken');
  return signed;
}

/**
 * The same, or `null` at once when another instance, the CLI or a request is signing: the
 * service's timer does not wait, so a signing that takes longer than its interval keeps no
 * connection of the pool waiting for the lock (before: one more every tick, till none was left).
 */
export function signCheckpointUnlessUnderWay(
  input: SignCheckpointInput,
): Promise<CreatedCheckpoint | null> {
  return signUnderLock(input, false);
}

async function signUnderLock(
  input: SignCheckpointInput,
  waitForLock: boolean,
): Promise<CreatedCheckpoint | null> {
  const { pool, store, settings, abandon } = input;
  const tsaUrl = settings.tsaUrl;
  const client = await checkOutClient(pool);
  let locked = false;
  try {
    if (waitForLock) {
      await client.query('SELECT pg_advisory_lock($1)', [CHECKPOINT_LOCK]);
      locked = true;
    } else {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1) AS locked',
        [CHECKPOINT_LOCK],
      );
      locked = rows[0].locked;
      if (!locked) return null;
    }
    // Never a second chain from 1 in a folder that is not the one the database's were written to.
    await assertFolderHoldsRecorded(pool, settings.dir);
    const result = await createCheckpoint({
      store,
      dir: settings.dir,
      key: settings.key,
      keyring: settings.keyring,
      now: input.now,
      abandon,
      ...(tsaUrl ? { timestamp: (bytes: Buffer) => requestTimeStamp(tsaUrl, bytes, abandon) } : {}),
    });
    if (result.created) {
      const payload = result.signed.checkpoint;
      await client.query(
        `INSERT INTO audit_checkpoints
           (sequence, position, events, streams, root, key_id, created_at, signed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (sequence) DO NOTHING`,
        [
          payload.sequence,
          payload.position,
          payload.events,
          payload.streams,
          payload.root,
          payload.keyId,
          payload.createdAt,
          JSON.stringify(result.signed),
        ],
      );
    }
    return result;
  } finally {
    if (locked)
      await client.query('SELECT pg_advisory_unlock($1)', [CHECKPOINT_LOCK]).catch(() => undefined);
    client.release();
  }
}
