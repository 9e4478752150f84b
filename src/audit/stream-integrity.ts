import { Pool } from 'pg';
import { EventStore } from '../event-store/event-store.port';
import { StreamCheck } from './audit-verification';
import { Keyring } from './checkpoints/checkpoint-keys';
import {
  checkStreamAgainstCheckpoint,
  StreamCheckpointCheck,
} from './checkpoints/checkpoint-ledger';
import { WitnessDirectory } from './checkpoints/witness-directory';
import { latestRecordedCheckpoint } from './checkpoints/recorded-checkpoint';
import {
  HistoryDisagreement,
  streamHistoryDisagreements,
  withContentHashes,
} from './history-agreement';

/**
 * A stream's own chain check, with its verdict against the latest signed checkpoint and against
 * the audit history. `intact`: all three agree (a refused checkpoint is no agreement); a chain that agrees with itself alone is not
 * integrity (whoever rewrites an event can recompute it, or delete the last events of a stream and
 * their history lines: only the checkpoint sees that tail gone).
 */
export type StreamCheckWithCheckpoint = StreamCheck & {
  checkpoint?: StreamCheckpointCheck;
  historyDisagreements: HistoryDisagreement[];
  intact: boolean;
};

/**
 * One stream checked as `GET /audit/verify?stream=` and `npm run audit -- verify --stream` both
 * report it: its chain, then (with `checkpoints`, the outside copy) the latest checkpoint, then the
 * audit history's lines.
 */
export async function verifyStreamIntegrity(input: {
  pool: Pool;
  store: EventStore;
  streamId: string;
  checkpoints?: { dir: WitnessDirectory; keyring: Keyring };
}): Promise<StreamCheckWithCheckpoint> {
  const { pool, store, streamId } = input;
  const result = await store.verifyStream(streamId);
  const checkpoint = input.checkpoints
    ? await checkStreamAgainstCheckpoint({
        store,
        ...input.checkpoints,
        streamId,
        recorded: await latestRecordedCheckpoint(pool),
      })
    : undefined;
  const historyDisagreements = await withContentHashes(
    store,
    await streamHistoryDisagreements(pool, store, streamId),
  );
  // A refused checkpoint vouches for nothing: the case cannot be called intact against it.
  const intact =
    result.ok &&
    checkpoint?.status !== 'parted' &&
    checkpoint?.status !== 'refused' &&
    historyDisagreements.length === 0;
  return {
    streamId,
    ...result,
    ...(checkpoint ? { checkpoint } : {}),
    historyDisagreements,
    intact,
  };
}
