import request from 'supertest';
import { buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A transfer (điều động) decided effective on or after the person's retirement day gives no post:
 * 422 `age.retirement_reached` on `effectiveFrom`, nothing written, whether the case was opened
 * here or recorded from paper. Before, only the opening looked at the retirement day (on the
 * opening's day): the decision was issued (200) and the record showed the post upcoming from a
 * day the person had already retired, for a five-year term. Decided the day before, the post's
 * term ends on the retirement day, with no re-appointment notice.
 */
describe('a transfer decided effective on or after the person’s retirement', () => {
  let t: TestApp;
  const today = vietnamToday();
  // Women born 1982-05-05 retire at 60 (Nghị định 135/2020 schedule, capped from 2035): the end
  // of May 2042.
  const retires = '2042-05-31';
  const http = () => request(t.server as never);
  const as = (who: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}`,
  });
  const staff = () => as('staff', ['organization_staff']);
  const clerk = () => as('clerk', ['organization_staff', 'records_clerk']);
  const secretary = () => as('secretary', ['ballot_secretary']);
  const leader = () => as('leader', ['leadership']);
  const tally = { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 };
  const cleared = ['background', 'asset_declaration', 'political_standards'].map((item) => ({
    item,
    result: 'cleared',
  }));

  beforeAll(async () => {
    t = await startTestApp('transfer_after_retirement', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: [
        { id: 'pos-a', rank: 5 },
        { id: 'pos-b', rank: 5 },
        { id: 'pos-new-a', rank: 5 },
        { id: 'pos-new-b', rank: 5 },
      ],
      people: [
        {
          id: 'p-a',
          dateOfBirth: '1982-05-05',
          gender: 'female',
          posts: [{ positionId: 'pos-a', from: '2020-01-02', termEnd: null }],
        },
        {
          id: 'p-b',
          dateOfBirth: '1982-05-05',
          gender: 'female',
          posts: [{ positionId: 'pos-b', from: '2020-01-02', termEnd: null }],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A transfer of the person to the new post, at its decision step. */
  async function transferToDecision(
    caseId: string,
    personId: string,
    positionId: string,
    fromPaper?: { openedOn: string; paperRecordRef: string },
  ) {
    await http()
      .post('/cases')
      .set(fromPaper ? clerk() : staff())
      .send({
        id: caseId,
        procedure: 'transfer',
        definition: 'transfer.standard',
        personId,
        positionId,
        orgUnitId: 'ou-town',
        summary: 'Điều động',
        ...fromPaper,
      })
      .expect(201);
    const steps: [string, Record<string, string>, object][] = [
      ['consult-receiving-unit', staff(), { minutesRef: 'BB-T1', conclusion: 'Agreed' }],
      ['candidate-unit-ballot', secretary(), { minutesRef: 'BB-T2', tally }],
      ['evaluation-and-meeting', staff(), { minutesRef: 'BB-T3', conclusion: 'Met' }],
      ['vetting', staff(), { items: cleared }],
    ];
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  }
  const decide = (caseId: string, effectiveFrom: string) =>
    http()
      .post(`/cases/${caseId}/steps/decision`)
      .set(leader())
      .send({ heldOn: today, number: `QĐ-${caseId}`, signer: 'Chủ tịch', effectiveFrom });

  it.each([
    ['opened here', 't-a', 'p-a', 'pos-new-a', undefined],
    [
      'recorded from paper',
      't-b',
      'p-b',
      'pos-new-b',
      { openedOn: '2026-10-01', paperRecordRef: '12/HS' },
    ],
  ])(
    'a transfer %s: refused on the retirement day and after it, decided the day before',
    async (_how, caseId, personId, positionId, fromPaper) => {
      await transferToDecision(caseId, personId, positionId, fromPaper);
      const written = () => streamEventCount(t.db.pool, [`%${caseId}`], { requestsOnly: true });
      const before = await written();
      for (const effectiveFrom of [retires, '2042-06-01']) {
        const refused = await decide(caseId, effectiveFrom);
        // Before: 200, the post upcoming from a day the person had retired.
        expect(refused.status).toBe(422);
        expect(refused.body).toMatchObject({
          rule: 'age.retirement_reached',
          field: 'effectiveFrom',
          retirementDate: retires,
        });
        // The person retires after today, before the effective day: told they will have
        // retired by it, and that no post is given (before: "reached the retirement age … no
        // appointment takes effect", of a transfer).
        expect(refused.body.message).toMatch(
          new RegExp(
            `^effectiveFrom: ${personId} will have reached the retirement age by the effective day: retires on ${retires}, on or before the effective day ${effectiveFrom}; no post is given on or after the retirement day \\(`,
          ),
        );
      }
      expect(await written()).toBe(before);
      await decide(caseId, '2042-05-30').expect(200);
      const record = await eventually(
        () => http().get(`/cadres/${personId}`).set(staff()).expect(200),
        (r) => r.body.upcomingPosts?.length === 1,
      );
      // The leadership post's five-year term ends on the retirement day instead, as a
      // re-appointment's does, and no re-appointment notice is due before it. Before: termEnd
      // 2047-05-30 and a notice in 2047, five years after the retirement.
      expect(record.body.upcomingPosts).toEqual([
        expect.objectContaining({ positionId, from: '2042-05-30', termEnd: retires }),
      ]);
      expect(record.body.upcomingPosts[0].reappointmentNoticeOn).toBeUndefined();
    },
  );

  it('a rotation asked of the person after their retirement: the retirement first, no negative years', async () => {
    // p-a takes up pos-new-a on 2042-05-30 (above) and retires on 2042-05-31.
    const asked = await http()
      .get('/cadres/p-a/eligibility')
      .query({ procedure: 'rotation', for: 'pos-new-a', asOf: '2043-06-01' })
      .set(staff())
      .expect(200);
    expect(asked.body.eligible).toBe(false);
    // Before: «already holds pos-new-a; use re-appointment» first, and "-1 whole years left".
    expect(asked.body.reasons[0]).toMatchObject({ rule: 'age.retirement_reached' });
    for (const { reason } of asked.body.reasons) expect(reason).not.toMatch(/-\d+ whole years/);
  });
});
