import { Pool } from 'pg';
import { checkOutClient } from '../../database/checked-out-client';
import { EventStore } from '../../event-store/event-store.port';
import { Keyring, SigningKey } from './checkpoint-keys';
import { createCheckpoint, CreatedCheckpoint } from './checkpoint-ledger';
import { requestTimeStamp } from './rfc3161';
import { WitnessDirectory } from './witness-directory';

/** Another instance (or the CLI) holds this while it signs, so two never race for one sequence. */
const CHECKPOINT_LOCK = 7_220_022;

/**
 * Signs a checkpoint under a database-wide lock, writes it to the outside directory (and the TSA
 * when configured), then keeps the database's copy in `audit_checkpoints`. The service's timer,
 * `POST /audit/checkpoints` and `npm run audit -- checkpoint` all come here.
 */
export async function signCheckpoint(input: {
  pool: Pool;
  store: EventStore;
  settings: { dir: WitnessDirectory; keyring: Keyring; key: SigningKey; tsaUrl: string | null };
  now: Date;
}): Promise<CreatedCheckpoint> {
  const { pool, store, settings } = input;
  const tsaUrl = settings.tsaUrl;
  const client = await checkOutClient(pool);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [CHECKPOINT_LOCK]);
    const result = await createCheckpoint({
      store,
      dir: settings.dir,
      key: settings.key,
      keyring: settings.keyring,
      now: input.now,
      ...(tsaUrl ? { timestamp: (bytes: Buffer) => requestTimeStamp(tsaUrl, bytes) } : {}),
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
    await client.query('SELECT pg_advisory_unlock($1)', [CHECKPOINT_LOCK]).catch(() => undefined);
    client.release();
  }
}
