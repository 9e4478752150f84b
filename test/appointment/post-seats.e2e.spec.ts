import request from 'supertest';
import { buildRegistry, eventually } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A post with a seat count (a head post: 1) takes no holder past it: the registry's direct record
 * (409 post.held_by_another) and the opening of a case that would fill it (422, same rule) say who
 * holds the seats; a post without one takes any number (a unit's deputies). Before: a second head
 * of the department went on the record, and the appointment opened.
 */
describe('a post’s seats', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  // The streams a record of the person in the post, or an opening or batch naming them for it, would
  // write: the person's record, the post's seats, the slot, id and stream of any case opened (its
  // id chosen by the service), any batch. Only what requests wrote: the workers write as `system:…`.
  const eventCount = (personId: string, positionId: string) =>
    streamEventCount(
      t.db.pool,
      [
        `cadre-${personId}`,
        `postseat-${positionId}`,
        `caseslot-%/${personId}/${positionId}`,
        'caseid-%',
        'appointment-%',
        'rotation-%',
        'transferbatch-%',
      ],
      { requestsOnly: true },
    );
  const createPost = (id: string, body: Record<string, unknown>) =>
    http()
      .post('/positions')
      .set(staff)
      .send({
        id,
        title: `Chức vụ ${id}`,
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 5,
        ...body,
      });
  const record = (personId: string, positionId: string, from: string, termEnd: string | null) =>
    http()
      .post(`/cadres/${personId}/posts`)
      .set(staff)
      .send({ positionId, from, termEnd, decisionRef: `QĐ-${personId}` });
  /** Who holds a post is read from the registry's projection of posts. */
  const projected = (personId: string, positionId: string) =>
    eventually(
      () =>
        t.db.pool.query('SELECT 1 FROM person_posts WHERE person_id = $1 AND position_id = $2', [
          personId,
          positionId,
        ]),
      ({ rowCount }) => rowCount === 1,
    );
  const open = (procedure: string, definition: string, personId: string, positionId: string) =>
    http().post('/cases').set(staff).send({
      procedure,
      definition,
      personId,
      positionId,
      orgUnitId: 'ou-town',
      summary: 'Bổ nhiệm Trưởng phòng',
    });

  beforeAll(async () => {
    t = await startTestApp('post_seats', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    // Four deputies in one post without a seat count: recorded as before.
    const deputy = { positionId: 'pos-deputy', from: '2020-01-02', termEnd: null };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-deputy', rank: 4 }],
      people: ['p-an', 'p-binh', 'p-cuong', 'p-dung'].map((id) => ({ id, posts: [deputy] })),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is registered from 1 to 50 and listed', async () => {
    for (const seats of [0, 51, 1.5]) {
      const bad = await createPost('pos-bad', { seats }).expect(400);
      expect(bad.body).toMatchObject({ field: 'seats' });
    }
    const created = await createPost('pos-head', { seats: 1 }).expect(201);
    expect(created.body).toMatchObject({ id: 'pos-head', seats: 1 });
    const listed = await http().get('/positions?orgUnit=ou-town').set(staff).expect(200);
    expect(listed.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'pos-head', seats: 1 }),
        expect.objectContaining({ id: 'pos-deputy', seats: null }),
      ]),
    );
  });

  it('refuses a second holder of a one-seat post on the record and at an appointment’s, a rotation’s or a transfer’s opening, naming the holder', async () => {
    await record('p-an', 'pos-head', '2024-01-02', null).expect(201);
    await projected('p-an', 'pos-head');
    const before = await eventCount('p-binh', 'pos-head');
    const second = await record('p-binh', 'pos-head', '2025-03-01', null).expect(409);
    expect(second.body).toMatchObject({ rule: 'post.held_by_another', field: 'positionId' });
    expect(second.body.message).toContain(
      'is held on 2025-03-01 by 1 of 1 seat: Người p-an (p-an)',
    );
    for (const [procedure, definition] of [
      ['appointment', 'appointment.internal'],
      ['rotation', 'rotation.standard'],
      ['transfer', 'transfer.standard'],
    ]) {
      const opened = await open(procedure, definition, 'p-binh', 'pos-head').expect(422);
      expect(opened.body).toMatchObject({ rule: 'post.held_by_another', field: 'positionId' });
      expect(opened.body.message).toMatch(
        /by 1 of 1 seat: Người p-an \(p-an\).*the day the case opens/,
      );
    }
    // A transfer batch's entry into it is named as refused on its check.
    const batch = await http()
      .post('/transfer-batches/check')
      .set(staff)
      .send({
        entries: [
          {
            personId: 'p-binh',
            currentPositionId: 'pos-deputy',
            positionId: 'pos-head',
            orgUnitId: 'ou-town',
            reason: 'Sắp xếp tổ chức bộ máy',
          },
        ],
      })
      .expect(200);
    expect(batch.body).toMatchObject({
      valid: false,
      errors: [expect.objectContaining({ index: 0, rule: 'post.held_by_another' })],
    });
    expect(await eventCount('p-binh', 'pos-head')).toBe(before);
    // A one-seat post nobody holds opens as before.
    await createPost('pos-head-free', { seats: 1 }).expect(201);
    await open('appointment', 'appointment.internal', 'p-binh', 'pos-head-free').expect(201);
  });

  it('takes a two-seat post’s second holder and refuses its third until a seat falls free', async () => {
    await createPost('pos-vice', { seats: 2, rank: 4 }).expect(201);
    await record('p-cuong', 'pos-vice', '2024-01-02', null).expect(201);
    await record('p-dung', 'pos-vice', '2024-02-01', '2025-06-01').expect(201);
    await projected('p-dung', 'pos-vice');
    const third = await record('p-binh', 'pos-vice', '2025-03-01', null).expect(409);
    expect(third.body).toMatchObject({ rule: 'post.held_by_another', field: 'positionId' });
    expect(third.body.message).toContain(
      'by 2 of 2 seats: Người p-cuong (p-cuong) from 2024-01-02 with no end of term recorded; Người p-dung (p-dung) from 2024-02-01 until 2025-06-01',
    );
    // p-dung's term ended on 2025-06-01: the seat is free from then.
    await record('p-binh', 'pos-vice', '2025-06-01', null).expect(201);
  });

  it('counts a holder recorded from a later day: a hold reaching into their term is refused on the day it begins', async () => {
    await createPost('pos-later', { seats: 1 }).expect(201);
    await record('p-cuong', 'pos-later', '2023-06-01', null).expect(201);
    // Read at once from the records, not the lagging projection. Before: free on 2023-03-01, 201.
    const before = await eventCount('p-dung', 'pos-later');
    const reaching = await record('p-dung', 'pos-later', '2023-03-01', null).expect(409);
    expect(reaching.body).toMatchObject({ rule: 'post.held_by_another', field: 'positionId' });
    expect(reaching.body.message).toContain(
      'is held on 2023-06-01 by 1 of 1 seat: Người p-cuong (p-cuong) from 2023-06-01 with no end of term recorded',
    );
    expect(await eventCount('p-dung', 'pos-later')).toBe(before);
    // A term ending the day the later holder's begins shares no day with it.
    await record('p-dung', 'pos-later', '2023-03-01', '2023-06-01').expect(201);
  });

  it('takes one of two records of two people into a one-seat post sent at once, and refuses the other', async () => {
    await createPost('pos-race', { seats: 1 }).expect(201);
    const [first, second] = await Promise.all([
      record('p-cuong', 'pos-race', '2024-05-02', null),
      record('p-dung', 'pos-race', '2024-05-02', null),
    ]);
    // Before: both 201, two heads of one post.
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const refused = first.status === 409 ? first : second;
    expect(refused.body).toMatchObject({ rule: 'post.held_by_another', field: 'positionId' });
  });
});
