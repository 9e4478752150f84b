import { Logger } from '@nestjs/common';
import { leasesLog } from '../../src/leases/leases.module';
import { LeasedWork, WorkerLeases } from '../../src/leases/worker-leases';
import { waitFor } from '../jobs/support/jobs-harness';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** A work that counts its starts; `stop` is given, or resolves at once. */
function work(name: string, stop: () => Promise<void> = async () => undefined) {
  const counted = { starts: 0 };
  const leased: LeasedWork = {
    name,
    start: async () => void (counted.starts += 1),
    stop,
  };
  return { leased, counted };
}

const never = () => new Promise<void>(() => undefined);

/**
 * The lease keeper on a real PostgreSQL: one work whose stop hangs (as the timer worker's did on
 * BullMQ's close after Redis cut it) may not keep the other leases from being retaken, nor a
 * shutdown from finishing; and leases nobody holds make `/health`'s problem, not "ok".
 */
describe('the lease keeper when a work will not stop or start', () => {
  let db: TestDatabase;
  const keepers: WorkerLeases[] = [];
  const lines: string[] = [];
  const leveled: { line: string; level: string }[] = [];
  const keeper = (options: { stopTimeoutMs?: number; unclaimedAlarmMs?: number } = {}) => {
    const leases = new WorkerLeases({
      connectionString: db.url,
      retryMs: 200,
      ...options,
      log: (line, level) => {
        lines.push(line);
        leveled.push({ line, level });
      },
    });
    keepers.push(leases);
    return leases;
  };

  beforeAll(async () => {
    db = await createTestDatabase('faults_lease_keeper');
    db.pool.on('error', () => undefined);
  });
  afterAll(async () => {
    // A keeper whose stop already returned is left alone: stop() would wait on its loop again.
    await Promise.all(keepers.map((leases) => leases.pause().catch(() => undefined)));
    await db?.drop();
  }, 30_000);

  async function killLeaseConnection(): Promise<number> {
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE application_name = 'cadreflow-leases' AND datname = current_database()`,
    );
    return rows[0].n;
  }

  it('retakes the other leases after losing the connection, though one work never stops', async () => {
    const leases = keeper({ stopTimeoutMs: 1000 });
    const stuck = work('stuck', never);
    const projection = work('projection');
    const saga = work('saga');
    for (const { leased } of [stuck, projection, saga]) leases.add(leased);
    await waitFor(async () => leases.heldNames().length === 3, 'every lease to be taken');

    expect(await killLeaseConnection()).toBe(1);
    await waitFor(
      async () => projection.counted.starts === 2 && saga.counted.starts === 2,
      'the other works to be started again under their retaken leases',
      5_000,
    );
    await waitFor(async () => leases.heldNames().length === 3, 'every lease to be held again');
    expect(lines.join('\n')).toMatch(/stopping stuck did not finish within 1000 ms/);

    // Nor does the hung work hold a shutdown: stop() ends within its stop bound.
    const stopping = Date.now();
    await leases.stop();
    expect(Date.now() - stopping).toBeLessThan(3_000);
  }, 30_000);

  it('reports a problem when a lease is held by no instance past the alarm, and none once held', async () => {
    const leases = keeper({ unclaimedAlarmMs: 1000 });
    let failing = true;
    leases.add({
      name: 'refuses-to-start',
      start: async () => {
        if (failing) throw new Error('the event store is away');
      },
      stop: async () => undefined,
    });
    const problem = await waitFor(
      async () => leases.describe().problem ?? undefined,
      'the unclaimed lease to be reported',
      5_000,
    );
    expect(problem).toMatch(/held by no instance for over 1000 ms: refuses-to-start/);

    failing = false;
    await waitFor(async () => leases.heldNames().length === 1, 'the lease to be taken');
    expect(leases.describe().problem).toBeNull();
    await leases.stop();
  }, 30_000);

  it('reports no problem for a lease another instance holds', async () => {
    const holder = keeper({ unclaimedAlarmMs: 500 });
    const other = keeper({ unclaimedAlarmMs: 500 });
    holder.add(work('shared').leased);
    await waitFor(async () => holder.heldNames().length === 1, 'the first instance to hold it');
    other.add(work('shared').leased);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(other.describe()).toMatchObject({ held: [], waiting: ['shared'], problem: null });
    await other.stop();
    await holder.stop();
  }, 30_000);

  it('logs the loss of its leases at warn (its work stopped) and their retaking at info', async () => {
    const leases = keeper();
    leases.add(work('projection:levels').leased);
    await waitFor(async () => leases.heldNames().length === 1, 'the lease to be taken');
    leveled.length = 0;
    expect(await killLeaseConnection()).toBe(1);
    // Held still until the loss is noticed: wait for the retaking's line, not for the lease.
    await waitFor(
      async () => leveled.some(({ line }) => line === '[leases] took the lease projection:levels'),
      'the lease to be taken again',
    );
    expect(leveled).toEqual(
      expect.arrayContaining([
        {
          line: expect.stringMatching(
            /^\[leases\] the lease connection was lost; stopping projection:levels$|^\[leases\] lease connection failed: .*; stopping projection:levels$/,
          ),
          level: 'warn',
        },
        { line: '[leases] took the lease projection:levels', level: 'info' },
      ]),
    );
    await leases.stop();

    // As the service logs them: Nest's logger at warn and at log (pino's info).
    const logger = { log: jest.fn(), warn: jest.fn() } as unknown as Logger;
    leasesLog(logger)('[leases] the lease connection was lost; stopping timers', 'warn');
    leasesLog(logger)('[leases] took the lease timers', 'info');
    expect(logger.warn).toHaveBeenCalledWith(
      '[leases] the lease connection was lost; stopping timers',
    );
    expect(logger.log).toHaveBeenCalledWith('[leases] took the lease timers');
  }, 30_000);
});
