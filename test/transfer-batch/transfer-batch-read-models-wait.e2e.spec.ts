import request from 'supertest';
import { TestApp } from '../support/test-app';
import { appWithPeopleInPost } from './people-in-post';

/**
 * With the workers in the process, a batch's chunks are written while the caught-up projections
 * and sagas wait (BULK_WRITE_HOLD_MS): the request does not share the thread with the first
 * chunks' read-model writes, and the read models take every case once it has answered. The third
 * chunk is slowed down in the database (a trigger sleeps on one of its rows), so that without the
 * hold the case list has time to show the first two while the batch is still written.
 */
describe.each([
  ['60000', 'lists none of the batch while it is written, then all of it', false],
  ['0', 'lists the first chunks while the rest is written without the hold', true],
])('a transfer batch with BULK_WRITE_HOLD_MS=%s', (holdMs, title, listsWhileWriting) => {
  const PEOPLE = 1_100;
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const personId = (i: number) => `p-wait-${i}`;
  const casesListed = async () =>
    (
      await t.db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM case_summaries WHERE case_id LIKE 'tb-wait-%'",
      )
    ).rows[0].n;
  const stored = async (streamId: string) =>
    (
      await t.db.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM events WHERE stream_id = $1',
        [streamId],
      )
    ).rows[0].n > 0;
  /**
   * The most of the batch's cases the case list showed before `streamId` was written (or `request`
   * failed). Not until the answer: once the last chunk is written the hold ends, and the read
   * models may take the batch in the moment before the answer reaches the test.
   */
  const mostListedBefore = async (streamId: string, request: Promise<unknown>) => {
    let failed = false;
    request.catch(() => (failed = true));
    let most = 0;
    while (!failed && !(await stored(streamId))) {
      most = Math.max(most, await casesListed());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return most;
  };
  /** A projection still catching up (here: on the import) reads on; a caught-up one holds. */
  const caseListCaughtUp = async () => {
    for (let i = 0; i < 1500; i += 1) {
      const health = await http().get('/health');
      if (health.body.details?.projections?.case_summaries?.lag === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the case list did not catch up with the import');
  };

  /** The INSERT that writes `streamId` takes 2 s longer. */
  const slowDownRow = async (streamId: string) => {
    await t.db.pool.query(`CREATE FUNCTION slow_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$`);
    await t.db.pool.query(`CREATE TRIGGER slow_row BEFORE INSERT ON events FOR EACH ROW
      WHEN (NEW.stream_id = '${streamId}') EXECUTE FUNCTION slow_row()`);
  };

  beforeAll(async () => {
    ({ t, staff } = await appWithPeopleInPost(
      `transfer_batch_wait_${holdMs}`,
      { TRANSFER_BATCH_MAX_ENTRIES: '2000', RUN_WORKERS: 'true', BULK_WRITE_HOLD_MS: holdMs },
      Array.from({ length: PEOPLE }, (_, i) => personId(i)),
    ));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it(
    title,
    async () => {
      await caseListCaughtUp();
      await slowDownRow('caseid-tb-wait-1001');
      const entries = Array.from({ length: PEOPLE }, (_, i) => ({
        personId: personId(i),
        currentPositionId: 'pos-old',
        positionId: 'pos-new',
        orgUnitId: 'ou-town',
        reason: `Sắp xếp tổ chức bộ máy, mục ${i + 1}`,
      }));
      const answered = http()
        .post('/transfer-batches')
        .set(staff)
        .send({ id: 'tb-wait', entries })
        .expect(201);
      // The third chunk, slowed down in the database: the first two are written by then.
      const most = await mostListedBefore('caseid-tb-wait-1001', answered);
      if (listsWhileWriting) expect(most).toBeGreaterThanOrEqual(500);
      else expect(most).toBe(0);
      expect((await answered).body).toMatchObject({ openedNow: PEOPLE });
      for (let i = 0; i < 1500 && (await casesListed()) < PEOPLE; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await casesListed()).toBe(PEOPLE);
    },
    120_000,
  );
});
