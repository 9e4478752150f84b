import { PoolClient } from 'pg';
import request from 'supertest';
import { TestApp } from '../support/test-app';
import { appWithPeopleInPost } from './people-in-post';

/**
 * With the workers in the process, a batch's chunks are written while the caught-up projections
 * and sagas wait (BULK_WRITE_HOLD_MS): the request does not share the thread with the first
 * chunks' read-model writes, and the read models take every case once it has answered. The third
 * chunk is slowed down in the database (a trigger sleeps on one of its rows), so that without the
 * hold the case list has time to show the first two while the batch is still written. The slowed
 * row waits on an advisory lock the test holds: without the hold, until the case list shows the
 * first chunks (however loaded the machine); with it, for two seconds in which it must show none.
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
  /**
   * The most of the batch's cases the case list showed while the third chunk waited: from the moment
   * it waits, polled until `enough` are listed or `waitMs` has passed (or `request` failed), then
   * the chunk is let go.
   */
  const mostListedWhileHeld = async (
    request: Promise<unknown>,
    { enough, waitMs }: { enough: number; waitMs: number },
  ) => {
    let failed = false;
    request.catch(() => (failed = true));
    while (!failed && !(await rowWaits())) await new Promise((resolve) => setTimeout(resolve, 5));
    let most = 0;
    const until = Date.now() + waitMs;
    while (!failed && most < enough && Date.now() < until) {
      most = Math.max(most, await casesListed());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await releaseRow();
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

  /** Held by the test: the INSERT that writes the slowed row waits for it. */
  const ROW_LOCK = 7_310_021;
  let lockHolder: PoolClient | null = null;
  const releaseRow = async () => {
    if (!lockHolder) return;
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [ROW_LOCK]);
    lockHolder.release();
    lockHolder = null;
  };

  /** Whether the slowed row's INSERT is waiting for the test's lock. */
  const rowWaits = async () =>
    (
      await t.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
        [ROW_LOCK],
      )
    ).rows[0].n > 0;

  /** The INSERT that writes `streamId` waits until the test lets it go (`releaseRow`). */
  const slowDownRow = async (streamId: string) => {
    lockHolder = await t.db.pool.connect();
    await lockHolder.query('SELECT pg_advisory_lock($1)', [ROW_LOCK]);
    await t.db.pool.query(`CREATE FUNCTION slow_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock_shared(${ROW_LOCK}); RETURN NEW; END $$`);
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
    await releaseRow();
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
      // The third chunk, held in the database: the first two are written by then.
      const most = await mostListedWhileHeld(
        answered,
        listsWhileWriting ? { enough: 500, waitMs: 60_000 } : { enough: 1, waitMs: 2_000 },
      );
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
