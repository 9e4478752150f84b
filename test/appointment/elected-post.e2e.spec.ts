import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/** Elected posts (a commune chair) are filled by election: no appointment or re-appointment case. */
describe('an elected post', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('elected_post');
    staff = {
      Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
    };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-vice', rank: 3 }],
      people: [
        {
          id: 'p-candidate',
          posts: [{ positionId: 'pos-vice', from: '2024-01-02', termEnd: null }],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is registered as filled by election and refuses an appointment case, naming the election route', async () => {
    const created = await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-commune-chair',
        title: 'Chủ tịch UBND xã',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 4,
        filledBy: 'election',
      })
      .expect(201);
    expect(created.body).toMatchObject({ filledBy: 'election' });
    const bad = await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-x',
        title: 'Chức danh thử',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        filledBy: 'lottery',
      })
      .expect(400);
    expect(bad.body).toMatchObject({ field: 'filledBy' });

    const refused = await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-elected',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-candidate',
        positionId: 'pos-commune-chair',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm chủ tịch xã',
      })
      .expect(422);
    expect(refused.body).toMatchObject({ rule: 'position.elected', field: 'positionId' });
    expect(refused.body.message).toMatch(/filled by election \(bầu cử\)/);
    // Nor is it moved into: a rotation or a transfer is refused the same way, and a transfer
    // batch's check names it on its entry. Before: both opened, and the decision filled the post.
    // The streams an opening or a batch moving p-candidate into the post would write: its slot,
    // the case's stream and id (chosen by the service), any batch's, the post's seats.
    const moves = () =>
      streamEventCount(t.db.pool, [
        'caseslot-%/p-candidate/pos-commune-chair',
        'rotation-%',
        'caseid-%',
        'transferbatch-%',
        'postseat-pos-commune-chair',
      ]);
    const before = await moves();
    for (const [procedure, definition] of [
      ['rotation', 'rotation.standard'],
      ['transfer', 'transfer.standard'],
    ]) {
      const moved = await http()
        .post('/cases')
        .set(staff)
        .send({
          procedure,
          definition,
          personId: 'p-candidate',
          positionId: 'pos-commune-chair',
          orgUnitId: 'ou-town',
          summary: 'Luân chuyển về xã',
        })
        .expect(422);
      expect(moved.body).toMatchObject({ rule: 'position.elected', field: 'positionId' });
    }
    const batch = await http()
      .post('/transfer-batches/check')
      .set(staff)
      .send({
        entries: [
          {
            personId: 'p-candidate',
            currentPositionId: 'pos-vice',
            positionId: 'pos-commune-chair',
            orgUnitId: 'ou-town',
            reason: 'Sắp xếp tổ chức bộ máy',
          },
        ],
      })
      .expect(200);
    expect(batch.body).toMatchObject({
      valid: false,
      errors: [expect.objectContaining({ index: 0, rule: 'position.elected' })],
    });
    expect(await moves()).toBe(before);
    const listed = await http().get('/positions?orgUnit=ou-town').set(staff).expect(200);
    expect(listed.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'pos-commune-chair', filledBy: 'election' }),
      ]),
    );
  });

  it('is recorded by hand only as an election held outside the system, with the day of the vote', async () => {
    await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-commune-vice-chair',
        title: 'Phó Chủ tịch UBND xã',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 3,
        filledBy: 'election',
      })
      .expect(201);
    const record = (body: object) =>
      http()
        .post('/cadres/p-candidate/posts')
        .set(staff)
        .send({
          positionId: 'pos-commune-vice-chair',
          from: '2021-06-25',
          termEnd: '2026-06-25',
          decisionRef: '05/NQ-HĐND',
          ...body,
        });
    // The streams a post record of p-candidate writes: her record and the posts' seats.
    const records = () =>
      streamEventCount(t.db.pool, [
        'cadre-p-candidate',
        'postseat-pos-commune-vice-chair',
        'postseat-pos-vice',
      ]);
    const before = await records();
    // Before: the elected post went on the record as if the clerk had appointed to it.
    const unelected = await record({}).expect(422);
    expect(unelected.body).toMatchObject({ rule: 'post.held_by_election', field: 'positionId' });
    expect(unelected.body.message).toMatch(/filled by election \(bầu cử\).*electedOn/);
    const beforeVote = await record({ from: '2021-06-20', electedOn: '2021-06-25' }).expect(400);
    expect(beforeVote.body).toMatchObject({
      rule: 'person.dates_out_of_order',
      field: 'electedOn',
    });
    const appointed = await http()
      .post('/cadres/p-candidate/posts')
      .set(staff)
      .send({
        positionId: 'pos-vice',
        from: '2024-01-02',
        termEnd: null,
        decisionRef: '1-QĐ',
        electedOn: '2024-01-02',
      })
      .expect(422);
    expect(appointed.body).toMatchObject({ rule: 'post.not_elected', field: 'electedOn' });
    expect(await records()).toBe(before);

    const recorded = await record({ electedOn: '2021-06-25' }).expect(201);
    expect(recorded.body.posts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          positionId: 'pos-commune-vice-chair',
          from: '2021-06-25',
          electedOn: '2021-06-25',
          decisionRef: '05/NQ-HĐND',
        }),
      ]),
    );
  });
});
