import { Pool, PoolClient } from 'pg';
import { EventIdConflict, WrongExpectedRevision } from '../../src/event-store/event-store.errors';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { batchJsonb } from '../../src/event-store/postgres/prepared-event-json';
import { prepareEvents } from '../../src/event-store/postgres/prepared-events';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { NewEvent } from '../../src/event-store/event-envelope';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { anEvent } from './event-store.contract';

const READ_REVISION = 'SELECT max(revision) AS revision FROM events WHERE stream_id = $1';

/**
 * A pool whose reads of `streamId`'s revision (the store's, after a refused write, to say which
 * stream refused it) first run `before`: another writer commits in between, as under load.
 */
function poolCommittingBeforeRevisionRead(
  pool: Pool,
  streamId: string,
  before: () => Promise<void>,
) {
  return new Proxy(pool, {
    get(target, key) {
      if (key !== 'query') {
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      }
      return async (...args: unknown[]) => {
        const [text, values] = args as [unknown, unknown[] | undefined];
        if (text === READ_REVISION && values?.[0] === streamId) await before();
        return (target.query as (...a: unknown[]) => Promise<unknown>)(...args);
      };
    },
  });
}

/** `events` appended to `streamId` at `expected` in a transaction left open: commit it later. */
async function heldAppend(
  db: TestDatabase,
  streamId: string,
  expected: number,
  events: NewEvent[],
) {
  const client: PoolClient = await db.pool.connect();
  await client.query('BEGIN');
  const [batch] = prepareEvents(new StoredEventNames(), [{ streamId, events }]);
  await client.query('SELECT * FROM cf_append($1, $2, $3)', [
    streamId,
    expected,
    batchJsonb(batch),
  ]);
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    await client.query('COMMIT');
    client.release();
  };
}

/**
 * A step's write with a cancel of its next step's timer, refused because that timer's stream was
 * not there yet, while the saga scheduling it commits before the store looks which stream refused
 * the write: the refusal is still the port's (the timer stream's wrong revision), which the case
 * command takes to decide again without its timers, never the database's raw error (an HTTP 500).
 */
describe('a multi-stream append refused while the refusing stream moves on', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('es_refusal_race');
  });
  afterAll(async () => {
    await db.drop();
  });

  it.each([
    ['with its case stream alone', ['case-a'], 'timer-a'],
    ['with more streams (the set-based statement)', ['case-b', 'slot-b'], 'timer-b'],
  ])('names the timer stream a write %s was refused on', async (_, checked, timer) => {
    const plain = new PostgresEventStore(db.pool, new StoredEventNames());
    for (const stream of checked)
      await plain.append(stream, [anEvent('Opened')], { expectedRevision: 'no_stream' });
    const commitSchedule = await heldAppend(db, timer, -1, [anEvent('TimerScheduled')]);
    const pool = poolCommittingBeforeRevisionRead(db.pool, timer, commitSchedule);
    const store = new PostgresEventStore(pool, new StoredEventNames());
    try {
      const refused = await store
        .appendMany([
          ...checked.map((streamId) => ({
            streamId,
            events: [anEvent('StepCorrected')],
            expectedRevision: 0,
          })),
          { streamId: timer, events: [anEvent('TimerCancelled')], expectedRevision: 0 },
        ])
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(refused).toBeInstanceOf(WrongExpectedRevision);
      expect(refused).toMatchObject({ streamId: timer, expected: 0 });
      // Nothing of the refused write was stored; the timer is the saga's, as it wrote it.
      await commitSchedule();
      for (const stream of checked) expect(await plain.streamRevision(stream)).toBe(0);
      expect(await plain.streamRevision(timer)).toBe(0);
    } finally {
      await commitSchedule();
      await store.close();
      await plain.close();
    }
  });

  it('a cancel whose id another writer stored meanwhile, with other content, is that stream’s conflict', async () => {
    const plain = new PostgresEventStore(db.pool, new StoredEventNames());
    await plain.append('case-c', [anEvent('Opened')], { expectedRevision: 'no_stream' });
    await plain.append('timer-c', [anEvent('TimerScheduled')], { expectedRevision: 'no_stream' });
    const cancel = anEvent('TimerCancelled', { reason: 'step completed by its correction' });
    const swept = { ...cancel, data: { reason: 'case closed' } };
    const commitSweep = await heldAppend(db, 'timer-c', 0, [swept]);
    const written = plain
      .appendMany([
        { streamId: 'case-c', events: [anEvent('StepCorrected')], expectedRevision: 0 },
        { streamId: 'timer-c', events: [cancel], expectedRevision: 0 },
      ])
      .then(
        () => null,
        (error: unknown) => error,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await commitSweep();
    const refused = await written;
    expect(refused instanceof EventIdConflict || refused instanceof WrongExpectedRevision).toBe(
      true,
    );
    expect(await plain.streamRevision('case-c')).toBe(0);
    await plain.close();
  });
});
