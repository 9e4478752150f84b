import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { anEvent } from './event-store.contract';

describe('stream reads as prepared statements (parsed and planned once per connection)', () => {
  let db: TestDatabase;
  let onePool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('prepared_reads');
    // One connection, so the statements the store prepared are the ones this test looks at.
    onePool = new Pool({ connectionString: db.url, max: 1 });
    // The database's drop at the end (WITH (FORCE)) may cut a connection the pool is still
    // closing: an idle client's error then has no other listener and would fail the suite.
    onePool.on('error', () => undefined);
    store = new PostgresEventStore(onePool, new StoredEventNames());
    await store.append('counter-a', [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
    await store.append('counter-b', [anEvent()], { expectedRevision: 'no_stream' });
  });
  afterAll(async () => {
    await store.close();
    await onePool.end();
    await db.drop();
  });

  const prepared = async () =>
    (
      await onePool.query<{ name: string }>(
        "SELECT name FROM pg_prepared_statements WHERE name LIKE 'cf_read_%' ORDER BY name",
      )
    ).rows.map((row) => row.name);

  it('reads every stream of one shape through one statement, and answers as before', async () => {
    const before = await prepared();
    expect((await store.readStream('counter-a')).map((e) => e.revision)).toEqual([0, 1]);
    expect((await store.readStream('counter-b')).map((e) => e.revision)).toEqual([0]);
    expect(await store.readStream('counter-none')).toEqual([]);
    const afterWholeReads = await prepared();
    expect(afterWholeReads.length - before.length).toBe(1);

    expect((await store.readStream('counter-a', { from: 1 })).map((e) => e.revision)).toEqual([1]);
    expect(
      (await store.readStreams([{ streamId: 'counter-a' }, { streamId: 'counter-b' }])).map(
        (events) => events.length,
      ),
    ).toEqual([2, 1]);
    // Another shape (from a revision), and the several-streams read: one statement each.
    expect((await prepared()).length - afterWholeReads.length).toBe(2);
  });
});
