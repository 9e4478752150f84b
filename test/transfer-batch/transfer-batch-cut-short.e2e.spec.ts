import request from 'supertest';
import { TestApp } from '../support/test-app';
import { appWithPeopleInPost } from './people-in-post';

/**
 * A batch of three chunks whose second chunk the database refuses: the next chunk, already
 * prepared and sent after it, must write nothing either; the first stays, the batch's progress
 * says so, and the same batch sent again opens the rest.
 */
describe('a transfer batch cut short by a chunk the database refuses', () => {
  const PEOPLE = 1_100;
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const personId = (i: number) => `p-cut-${i}`;
  const casesWritten = async () =>
    (
      await t.db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'caseid-tb-cut-%'",
      )
    ).rows[0].n;

  beforeAll(async () => {
    ({ t, staff } = await appWithPeopleInPost(
      'transfer_batch_cut_short',
      { TRANSFER_BATCH_MAX_ENTRIES: '2000' },
      Array.from({ length: PEOPLE }, (_, i) => personId(i)),
    ));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the chunks before the refused one, writes none after it, and continues', async () => {
    const body = {
      id: 'tb-cut',
      entries: Array.from({ length: PEOPLE }, (_, i) => ({
        personId: personId(i),
        currentPositionId: 'pos-old',
        positionId: 'pos-new',
        orgUnitId: 'ou-town',
        reason: `Sắp xếp tổ chức bộ máy, mục ${i + 1}`,
      })),
    };
    // Entry 600 (case tb-cut-601, its id reserved in `caseid-tb-cut-601`) is in the second chunk.
    await t.db.pool.query(
      "ALTER TABLE events ADD CONSTRAINT chunk_refused CHECK (stream_id <> 'caseid-tb-cut-601') NOT VALID",
    );
    try {
      const cut = await http().post('/transfer-batches').set(staff).send(body);
      expect(cut.status).toBeGreaterThanOrEqual(500);
      expect(await casesWritten()).toBe(500);
      const progress = await http().get('/transfer-batches/tb-cut').set(staff).expect(200);
      expect(progress.body).toMatchObject({ total: PEOPLE, opened: 500, status: 'opening' });
    } finally {
      await t.db.pool.query('ALTER TABLE events DROP CONSTRAINT IF EXISTS chunk_refused');
    }
    const rest = await http().post('/transfer-batches').set(staff).send(body).expect(201);
    expect(rest.body).toMatchObject({ opened: PEOPLE, openedNow: PEOPLE - 500, status: 'opened' });
    expect(await casesWritten()).toBe(PEOPLE);
  }, 120_000);
});
