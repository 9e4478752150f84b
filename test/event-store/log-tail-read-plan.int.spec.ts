import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { anEvent } from './event-store.contract';

const EVENTS = 15_000;
const PER_APPEND = 500;
const TAIL = 12;

describe("the log's tail read on a table with statistics", () => {
  let db: TestDatabase;
  let onePool: Pool;
  let store: PostgresEventStore;
  let positions: string[];

  beforeAll(async () => {
    db = await createTestDatabase('log_tail_read_plan');
    // One connection: the statement it prepares and the scans it counts are this test's own.
    onePool = new Pool({ connectionString: db.url, max: 1 });
    // The database's drop at the end (WITH (FORCE)) may cut a connection the pool is still
    // closing: an idle client's error then has no other listener and would fail the suite.
    onePool.on('error', () => undefined);
    store = new PostgresEventStore(onePool, new StoredEventNames());
    for (let stream = 0; stream < EVENTS / PER_APPEND; stream += 1) {
      const events = Array.from({ length: PER_APPEND }, () => anEvent());
      await store.append(`ledger-${stream}`, events, { expectedRevision: 'no_stream' });
    }
    // What autovacuum does on a live database: with statistics, the planner knows the table is
    // large enough to choose between the primary key and a scan of every row.
    await onePool.query('ANALYZE events');
    const { rows } = await onePool.query<{ position: string }>(
      `SELECT transaction_id::text || '/' || global_position AS position FROM events
        ORDER BY transaction_id, global_position`,
    );
    positions = rows.map((row) => row.position);
  });
  afterAll(async () => {
    await store.close();
    await onePool.end();
    await db.drop();
  });

  const sequentialScansOfTheLog = async () => {
    await onePool.query('SELECT pg_stat_force_next_flush()');
    const { rows } = await onePool.query<{ seq_scan: string }>(
      "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'events'",
    );
    return Number(rows[0].seq_scan);
  };

  /** Reads `calls` pages from `from`; each must be `expected`, and none may scan every event. */
  const expectPagesWithoutAScanOfTheLog = async (
    from: string,
    expected: string[],
    calls: number,
  ) => {
    const before = await sequentialScansOfTheLog();
    for (let call = 0; call < calls; call += 1) {
      const page = await store.readAll(from, { limit: 1000 });
      expect(page.map((event) => event.position)).toEqual(expected);
    }
    expect(await sequentialScansOfTheLog()).toBe(before);
  };

  it('answers the last events in log order without scanning the whole log, call after call', async () => {
    // Past the five calls after which PostgreSQL may keep one plan for every position.
    await expectPagesWithoutAScanOfTheLog(
      positions[positions.length - TAIL - 1],
      positions.slice(-TAIL),
      8,
    );
  });

  it('still does when PostgreSQL keeps one plan for every position', async () => {
    // Whether it does is PostgreSQL's estimate, which changes as the log grows.
    await onePool.query('SET plan_cache_mode = force_generic_plan');
    try {
      await expectPagesWithoutAScanOfTheLog(
        positions[positions.length - TAIL - 1],
        positions.slice(-TAIL),
        3,
      );
    } finally {
      await onePool.query('RESET plan_cache_mode');
    }
  });

  it('reads a page of 1,000 from the start the same way', async () => {
    await expectPagesWithoutAScanOfTheLog('start', positions.slice(0, 1000), 8);
  });
});
