import request from 'supertest';
import { buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Two appointment cases for different people open while a one-seat post is free (the open-case
 * slot is per person and post). The first decision fills the seat; the second is refused on the
 * day it would take effect, naming the holder (before: both decided and the post had two heads).
 * A transfer batch moving two people into one free one-seat post is refused its second entry.
 */
describe('a decision into a post whose seats are all held', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  // The streams a batch moving these people into the post would write: the batch's, its entries'
  // cases (rotation streams, ids' reservations, slots), the post's seats and the people's records.
  // Only what requests wrote: the decisions' sagas and timers write as `system:…`, and keep going.
  const eventCount = (personIds: string[], positionId: string) =>
    streamEventCount(
      t.db.pool,
      [
        'transferbatch-%',
        'rotation-%',
        'caseid-%',
        `postseat-${positionId}`,
        ...personIds.flatMap((id) => [`caseslot-%/${id}/${positionId}`, `cadre-${id}`]),
      ],
      { requestsOnly: true },
    );

  beforeAll(async () => {
    t = await startTestApp('decision_seats', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    }))
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    const deputy = { positionId: 'pos-deputy', from: '2020-01-02', termEnd: null };
    await buildRegistry(t, h.staff, {
      positions: [
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-head', rank: 5, seats: 1 },
        { id: 'pos-chief', rank: 5, seats: 1 },
      ],
      people: [
        { id: 'p-an', posts: [deputy], pool: ['pos-head'] },
        { id: 'p-binh', posts: [deputy], pool: ['pos-head'] },
        { id: 'p-cuong', posts: [deputy] },
        { id: 'p-dung', posts: [deputy] },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const tally = {
    members: 13,
    summoned: 13,
    present: 13,
    for: 10,
    against: 3,
    abstain: 0,
    invalid: 0,
  };
  const nomination = (first: string, second: string) => ({
    minutesRef: 'BB-N',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId: first, votes: 17 },
      { personId: second, votes: 7 },
    ],
  });
  const vetting = {
    items: [
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
  };
  const open = (caseId: string, personId: string) =>
    http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId,
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      })
      .expect(201);
  /** Every step up to the decision. */
  const stepsBeforeDecision = async (caseId: string, personId: string, other: string) => {
    const steps: [string, string, object][] = [
      ['leadership-round-1', 'staff', { minutesRef: 'BB-1', conclusion: 'agreed' }],
      ['expanded-nomination', 'secretary', nomination(personId, other)],
      ['leadership-round-2', 'secretary', { minutesRef: 'BB-2', tally }],
      ['key-officials-nomination', 'secretary', nomination(personId, other)],
      ['leadership-round-3', 'secretary', { minutesRef: 'BB-3', tally }],
      ['vetting', 'staff', vetting],
    ];
    for (const [step, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${step}`)
        .set(h[who])
        .send({ heldOn: today, ...body })
        .expect(200);
  };
  const decide = (caseId: string) =>
    http()
      .post(`/cases/${caseId}/steps/decision`)
      .set(h.leader)
      .send({ heldOn: today, number: `QĐ-${caseId}`, signer: 'Bí thư', effectiveFrom: today });

  it('refuses the second case’s decision once the first has filled the one seat, naming the holder', async () => {
    await open('c-an', 'p-an');
    await open('c-binh', 'p-binh');
    await stepsBeforeDecision('c-an', 'p-an', 'p-binh');
    await decide('c-an').expect(200);
    await eventually(
      () =>
        t.db.pool.query(
          "SELECT 1 FROM person_posts WHERE person_id = 'p-an' AND position_id = 'pos-head'",
        ),
      ({ rowCount }) => rowCount === 1,
    );
    // Not p-an beside her: a nomination naming the post's holder is refused since this session.
    await stepsBeforeDecision('c-binh', 'p-binh', 'p-cuong');
    const refused = await decide('c-binh').expect(422);
    expect(refused.body).toMatchObject({ rule: 'post.held_by_another', field: 'effectiveFrom' });
    expect(refused.body.message).toContain(
      `effectiveFrom: pos-head (pos-head) is held on ${today} by 1 of 1 seat: Người p-an (p-an) from ${today}`,
    );
    const second = await http().get('/cases/c-binh').set(h.staff).expect(200);
    expect(second.body.status).not.toBe('decided');
  });

  it('refuses a batch’s second entry into one free one-seat post', async () => {
    const before = await eventCount(['p-cuong', 'p-dung'], 'pos-chief');
    const entry = (personId: string) => ({
      personId,
      currentPositionId: 'pos-deputy',
      positionId: 'pos-chief',
      orgUnitId: 'ou-town',
      reason: 'Sắp xếp tổ chức bộ máy',
    });
    const checked = await http()
      .post('/transfer-batches/check')
      .set(h.staff)
      .send({ entries: [entry('p-cuong'), entry('p-dung')] })
      .expect(200);
    expect(checked.body).toMatchObject({ valid: false });
    expect(checked.body.errors).toEqual([
      expect.objectContaining({
        index: 1,
        rule: 'post.held_by_another',
        field: 'entries[1].positionId',
      }),
    ]);
    expect(checked.body.errors[0].message).toContain('entry 0 already moves someone into it');
    expect(await eventCount(['p-cuong', 'p-dung'], 'pos-chief')).toBe(before);
  });
});
