import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { importPeopleInPost } from './people-in-post';

/**
 * With the workers in the process, a batch's chunks are written while the projections and sagas
 * wait (BULK_WRITE_HOLD_MS): the request does not share the thread with the first chunks' read
 * model writes, and the read models take every case once it has answered.
 */
describe.each([
  ['60000', 'the read models wait for the batch, then list all of it', 0],
  ['0', 'without the hold the read models list cases while the batch is written', null],
])('a transfer batch with BULK_WRITE_HOLD_MS=%s', (holdMs, title, listedWhileWriting) => {
  const PEOPLE = 1_600;
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const personId = (i: number) => `p-wait-${i}`;
  const upload = (file: Buffer, name: string) =>
    http().post('/imports').set(staff).attach('file', file, name).expect(200);
  const casesListed = async () =>
    (
      await t.db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM case_summaries WHERE case_id LIKE 'tb-wait-%'",
      )
    ).rows[0].n;
  /** The most of the batch's cases the case list showed before `request` was answered. */
  const mostListedUntil = async (request: Promise<unknown>) => {
    let answered = false;
    const settle = () => (answered = true);
    void request.then(settle, settle);
    let most = 0;
    while (!answered) {
      most = Math.max(most, await casesListed());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return most;
  };

  beforeAll(async () => {
    t = await startTestApp(`transfer_batch_wait_${holdMs}`, {
      TRANSFER_BATCH_MAX_ENTRIES: '2000',
      RUN_WORKERS: 'true',
      BULK_WRITE_HOLD_MS: holdMs,
    });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-old', rank: 3 },
        { id: 'pos-new', rank: 4 },
      ],
      people: [],
    });
    await importPeopleInPost(
      upload,
      Array.from({ length: PEOPLE }, (_, i) => personId(i)),
      'pos-old',
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it(
    title,
    async () => {
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
      const most = await mostListedUntil(answered);
      expect((await answered).body).toMatchObject({ openedNow: PEOPLE });
      if (listedWhileWriting === null) expect(most).toBeGreaterThan(0);
      else expect(most).toBe(listedWhileWriting);
      for (let i = 0; i < 1500 && (await casesListed()) < PEOPLE; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await casesListed()).toBe(PEOPLE);
    },
    120_000,
  );
});
