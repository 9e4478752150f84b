import { randomUUID } from 'node:crypto';
import { systemClock } from '../../src/common/clock';
import { JobsRuntime } from '../../src/jobs/jobs-runtime';
import { Ignore, Saga } from '../../src/sagas/saga';
import { SagasRuntime } from '../../src/sagas/sagas-runtime';
import { TestCommandBus } from './support/test-command-bus';
import { createJobsHarness, JobsHarness, waitFor } from '../jobs/support/jobs-harness';

const EVENTS = 300;

/**
 * A saga's checkpoint is stored once for the events delivered together, not once per event: a
 * burst of events the saga ignores costs one or two checkpoint writes, and the checkpoint still
 * ends at the last event with every event counted.
 */
describe('saga checkpoint batching (PostgreSQL)', () => {
  let h: JobsHarness;
  let jobs: JobsRuntime;
  let sagas: SagasRuntime;
  const seen: string[] = [];

  const ignoringSaga: Saga = {
    name: 'noise-watcher',
    filter: { streamPrefix: 'noise-' },
    handle(event) {
      seen.push(event.id);
      return [Ignore('noise')];
    },
  };

  /** A second saga of the same process, reading the same events. */
  const otherIgnoringSaga: Saga = {
    name: 'noise-listener',
    filter: { streamPrefix: 'noise-' },
    handle: () => [Ignore('noise')],
  };

  beforeAll(async () => {
    h = await createJobsHarness('sagabatch');
    // Counts the checkpoint writes of the saga as PostgreSQL sees them.
    await h.db.pool.query(`
      CREATE TABLE checkpoint_writes (position text);
      CREATE FUNCTION note_checkpoint_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO checkpoint_writes VALUES (NEW.position); RETURN NEW; END $$;
      CREATE TRIGGER checkpoint_written AFTER UPDATE ON saga_checkpoints
        FOR EACH ROW WHEN (NEW.name = 'noise-watcher') EXECUTE FUNCTION note_checkpoint_write();
      CREATE TABLE checkpoint_statements (names text[]);
      CREATE FUNCTION note_checkpoint_statement() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO checkpoint_statements SELECT array_agg(name ORDER BY name) FROM new_rows;
          RETURN NULL;
        END $$;
      CREATE TRIGGER checkpoint_statement AFTER UPDATE ON saga_checkpoints
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION note_checkpoint_statement();`);
    jobs = h.runtime(systemClock);
    sagas = new SagasRuntime({
      store: h.store,
      pool: h.db.pool,
      clock: systemClock,
      jobs,
      commands: new TestCommandBus(),
      log: () => {},
    });
    sagas.register(ignoringSaga);
    sagas.register(otherIgnoringSaga);
    await jobs.start();
    await sagas.start();
  });
  afterAll(async () => {
    await sagas?.stop();
    await h?.close();
  });

  const stored = async () =>
    (
      await h.db.pool.query<{ position: string | null; events_handled: string }>(
        'SELECT position, events_handled FROM saga_checkpoints WHERE name = $1',
        [ignoringSaga.name],
      )
    ).rows[0];

  const noise = (index: number) => ({
    id: randomUUID(),
    type: 'NoiseHeard',
    data: { index },
    metadata: {
      actorId: 'user-1',
      correlationId: 'noise',
      causationId: null,
      occurredAt: new Date().toISOString(),
    },
  });
  const writes = async () =>
    (await h.db.pool.query<{ position: string }>('SELECT position FROM checkpoint_writes')).rows;

  it('a burst of ignored events is checkpointed in one or two writes, ending at the last event', async () => {
    const writesBefore = (await writes()).length;
    const events = Array.from({ length: EVENTS }, (_, index) => noise(index));
    const { position } = await h.store.append(`noise-${randomUUID()}`, events, {
      expectedRevision: 'no_stream',
    });

    await waitFor(async () => (await stored())?.position === position, 'the saga checkpoint');

    expect(seen).toEqual(events.map((event) => event.id));
    expect(Number((await stored()).events_handled)).toBe(EVENTS);
    const rows = (await writes()).slice(writesBefore);
    // Before batching this was one write per event (300).
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows[rows.length - 1].position).toBe(position);
  });

  it('events committed one after another, as a busy saga sees them, share checkpoint writes', async () => {
    const COMMITS = 20;
    const writesBefore = (await writes()).length;
    let position = '';
    for (let i = 0; i < COMMITS; i += 1) {
      ({ position } = await h.store.append(`noise-${randomUUID()}`, [noise(i)], {
        expectedRevision: 'no_stream',
      }));
    }
    await waitFor(async () => (await stored())?.position === position, 'the saga checkpoint');
    const rows = (await writes()).slice(writesBefore);
    // Written a turn after each event, this was a write per commit (20): a busy saga's checkpoint
    // waits a moment for the events that follow.
    expect(rows.length).toBeLessThanOrEqual(COMMITS / 2);
    expect(rows[rows.length - 1].position).toBe(position);
  });

  it("the process's sagas store their checkpoints together, in one statement", async () => {
    const statementsBefore = await checkpointStatements();
    const events = Array.from({ length: 50 }, (_, index) => noise(index));
    const { position } = await h.store.append(`noise-${randomUUID()}`, events, {
      expectedRevision: 'no_stream',
    });

    await waitFor(async () => {
      const { rows } = await h.db.pool.query<{ position: string | null }>(
        `SELECT position FROM saga_checkpoints WHERE name IN ('noise-watcher', 'noise-listener')`,
      );
      return rows.length === 2 && rows.every((row) => row.position === position);
    }, 'both sagas checkpointed');

    const statements = (await checkpointStatements()).slice(statementsBefore.length);
    // Each saga wrote its own before: no statement ever carried both.
    expect(statements).toContainEqual(['noise-listener', 'noise-watcher']);
  });

  const checkpointStatements = async () =>
    (
      await h.db.pool.query<{ names: string[] }>('SELECT names FROM checkpoint_statements')
    ).rows.map((row) => row.names);
});
