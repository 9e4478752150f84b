import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { postSeatStream } from '../../src/cadres/post-seat-claims';
import { systemMetadata } from '../../src/event-store/event-envelope';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, workbook } from './spreadsheets';

/**
 * An imported post row takes a seat of a post with a seat limit as `POST /cadres/:id/posts` takes
 * it: both claim it on the post's seat stream, so of an import and a record sent at once for the
 * last seat one is taken and the other refused (an outside tester's finding: before, both were
 * accepted every time, the import judging the post by the lagging projection alone, and the
 * one-seat post had two holders).
 */
describe('an imported post row and a record of another holder sent at once', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });
  const upload = (file: Buffer, name: string, dryRun = false) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(staff())
      .attach('file', file, name);
  const onePost = (id: string) =>
    http()
      .post('/positions')
      .set(staff())
      .send({
        id,
        title: `Trưởng phòng ${id}`,
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 5,
        seats: 1,
      })
      .expect(201);
  const postRow = (personId: string, positionId: string) => ({
    'Mã cán bộ': personId,
    'Mã chức vụ': positionId,
    'Từ ngày': '02/01/2025',
    'Số quyết định': `QĐ-${personId}-${positionId}`,
  });
  /** Who the people's records (the store, not a projection) put in the post. */
  const holdersOnRecord = async (positionId: string) =>
    (
      await t.db.pool.query<{ personId: string }>(
        `SELECT data->>'personId' AS "personId" FROM events
          WHERE stream_id LIKE 'cadre-%' AND type LIKE 'PostAssigned%' AND data->>'positionId' = $1`,
        [positionId],
      )
    ).rows.map((row) => row.personId);
  const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    t = await startTestApp('import_post_seat_race', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: [],
      people: [{ id: 'p-an' }, { id: 'p-binh' }, { id: 'p-cuong' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('takes one of them for the last seat and refuses the other, every time', async () => {
    // The record sent at once, and a little later, into the import's check and write.
    for (const [round, lag] of [0, 0, 0, 10, 25, 50, 100, 200].entries()) {
      const positionId = `pos-race-${round}`;
      await onePost(positionId);
      const [imported, recorded] = await Promise.all([
        upload(csv('posts', [postRow('p-an', positionId)]), `chuc-vu-${round}.csv`),
        delay(lag).then(() =>
          http()
            .post('/cadres/p-binh/posts')
            .set(staff())
            .send({ positionId, from: '2025-01-02', termEnd: null, decisionRef: `QĐ-${round}` }),
        ),
      ]);
      // Before: 200 and 201 in every round, p-an and p-binh both on record in the post.
      expect(await holdersOnRecord(positionId)).toHaveLength(1);
      if (imported.status === 200) {
        expect(recorded.status).toBe(409);
        expect(recorded.body).toMatchObject({ rule: 'post.held_by_another' });
      } else {
        expect(recorded.status).toBe(201);
        expect([409, 422]).toContain(imported.status);
        expect(JSON.stringify(imported.body)).toContain('post.held_by_another');
      }
    }
  });

  it('counts a holder whose seat is claimed but whose record is still being written', async () => {
    await onePost('pos-claimed');
    // What POST /cadres/p-cuong/posts has appended just before it writes p-cuong's record.
    await t.app.get<EventStore>(EVENT_STORE).append(
      postSeatStream('pos-claimed'),
      [
        {
          id: randomUUID(),
          type: 'PostSeatClaimed',
          data: { claimant: 'p-cuong', from: '2024-12-01', termEnd: null },
          metadata: systemMetadata('u-staff', 'c-claim', new Date()),
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const file = csv('posts', [postRow('p-an', 'pos-claimed')]);
    // Before: valid, the projection naming nobody.
    const dry = await upload(file, 'dang-ghi.csv', true).expect(200);
    expect(dry.body).toMatchObject({
      valid: false,
      errors: [expect.objectContaining({ line: 2, rule: 'post.held_by_another' })],
    });
    expect(dry.body.errors[0].message).toContain('by 1 of 1 seat: Người p-cuong (p-cuong)');
    await upload(file, 'dang-ghi.csv').expect(422);
    expect(await holdersOnRecord('pos-claimed')).toEqual([]);
  });

  it('refuses in the dry run the second of two rows into a one-seat post, writing nothing', async () => {
    await onePost('pos-twice');
    const file = await workbook({
      posts: [postRow('p-an', 'pos-twice'), postRow('p-cuong', 'pos-twice')],
    });
    const dry = await upload(file, 'hai-nguoi.xlsx', true).expect(200);
    expect(dry.body).toMatchObject({
      valid: false,
      errors: [
        expect.objectContaining({ sheet: 'Chức vụ', line: 3, rule: 'post.held_by_another' }),
      ],
    });
    expect(dry.body.errors).toHaveLength(1);
    expect(dry.body.errors[0].message).toContain('by 1 of 1 seat: Người p-an (p-an)');
    await upload(file, 'hai-nguoi.xlsx').expect(422);
    expect(await holdersOnRecord('pos-twice')).toEqual([]);
  });
});
