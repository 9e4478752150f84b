import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointService } from '../../src/audit/checkpoints/checkpoint.service';
import { Keyring, signingKeyFromPem } from '../../src/audit/checkpoints/checkpoint-keys';
import { WitnessDirectory } from '../../src/audit/checkpoints/witness-directory';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Where workers run, a checkpoint is signed every CHECKPOINT_INTERVAL_MS; 0 signs none. */
describe('checkpoints on an interval', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const work = mkdtempSync(join(tmpdir(), 'cf-checkpoint-interval-'));

  beforeAll(async () => {
    db = await createTestDatabase('checkpoint_interval');
    store = new PostgresEventStore(db.pool);
    await store.append(
      'appointment-i-1',
      [
        {
          id: 'i-1-0',
          type: 'CaseOpened',
          data: { orgUnitId: 'ou-a' },
          metadata: {
            actorId: 'u',
            correlationId: 'c',
            causationId: null,
            occurredAt: '2026-12-01T00:00:00Z',
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
    rmSync(work, { recursive: true, force: true });
  });

  const service = (dir: string, intervalMs: number) => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const key = signingKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    return new CheckpointService(
      {
        dir: new WitnessDirectory(dir),
        key,
        keyring: new Keyring([{ keyId: key.keyId, publicKey: key.publicKey }]),
        tsaUrl: null,
        intervalMs,
      },
      true,
      store,
      db.pool,
    );
  };

  it('signs on its own after the interval, once per change', async () => {
    const dir = join(work, 'on');
    const checkpoints = service(dir, 100);
    checkpoints.onModuleInit();
    for (let tries = 0; tries < 100 && new WitnessDirectory(dir).sequences().length === 0; tries++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await checkpoints.onModuleDestroy();
    expect(new WitnessDirectory(dir).sequences()).toEqual([1]);
    const { rows } = await db.pool.query('SELECT sequence FROM audit_checkpoints');
    expect(rows).toEqual([{ sequence: '1' }]);
  });

  it('signs nothing by itself with an interval of 0', async () => {
    const dir = join(work, 'off');
    const checkpoints = service(dir, 0);
    checkpoints.onModuleInit();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await checkpoints.onModuleDestroy();
    expect(new WitnessDirectory(dir).sequences()).toEqual([]);
  });
});
