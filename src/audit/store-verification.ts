import { Pool } from 'pg';
import { EventStore } from '../event-store/event-store.port';
import { Keyring } from './checkpoints/checkpoint-keys';
import {
  CheckpointVerification,
  StoreDisagrees,
  verifyAgainstCheckpoint,
} from './checkpoints/checkpoint-ledger';
import { WitnessDirectory } from './checkpoints/witness-directory';
import { latestRecordedCheckpoint } from './checkpoints/recorded-checkpoint';
import {
  HistoryDisagreement,
  wholeStoreHistoryDisagreements,
  withContentHashes,
} from './history-agreement';

/**
 * The whole store against its two other copies: the latest signed checkpoint outside the database
 * and the audit history taken when each event was appended. Either parting is tampering.
 */
export type StoreVerification = CheckpointVerification & {
  historyDisagreements: HistoryDisagreement[];
};

export async function verifyWholeStore(input: {
  pool: Pool;
  store: EventStore;
  dir: WitnessDirectory;
  keyring: Keyring;
}): Promise<StoreVerification> {
  const recorded = await latestRecordedCheckpoint(input.pool);
  const report = await verifyAgainstCheckpoint({ ...input, recorded });
  const historyDisagreements = await withContentHashes(
    input.store,
    await wholeStoreHistoryDisagreements(input.pool, input.store),
  );
  // A history line that differs from the store proves a change whatever the checkpoint says.
  const status = historyDisagreements.length > 0 ? 'tampered' : report.status;
  return { ...report, status, historyDisagreements };
}

/**
 * Refuses to sign over a store the verification reports as changed: an auditor asking for a
 * checkpoint (POST /audit/checkpoints, `npm run audit -- checkpoint`) is told where, and nothing
 * is signed. Names every stream and revision, at most ten, then how many more.
 */
export function assertStoreAgrees(report: StoreVerification): void {
  if (report.status !== 'tampered') return;
  const places = [
    ...report.findings.map(
      (finding) => `${finding.streamId} revision ${finding.revision} (${finding.kind})`,
    ),
    ...report.historyDisagreements.map(
      (found) => `${found.streamId} revision ${found.revision} (${found.code})`,
    ),
  ];
  const shown = places.slice(0, 10).join('; ');
  const more = places.length > 10 ? `; and ${places.length - 10} more` : '';
  throw new StoreDisagrees(
    `the store was changed behind the service at ${shown}${more} (run audit verify)`,
  );
}
