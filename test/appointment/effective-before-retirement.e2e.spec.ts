import request from 'supertest';
import { buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An appointment's decision takes effect before the appointee retires (the retirement day the
 * vetting's years to retirement counts to). Before, a decision effective 2060-01-01 gave a term
 * 2060–2065 to a person retiring in the 2040s.
 */
describe('an appointment effective on or after the appointee’s retirement', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('appointment_retirement');
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
        { id: 'pos-head', rank: 5 },
      ],
      people: [
        { id: 'p-an', posts: [deputy], pool: ['pos-head'] },
        { id: 'p-binh', posts: [deputy] },
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
  const nomination = {
    minutesRef: 'BB-N',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId: 'p-an', votes: 17 },
      { personId: 'p-binh', votes: 7 },
    ],
  };
  const vetting = {
    items: [
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
  };

  it('refuses the decision naming effectiveFrom and the retirement day, writing nothing; effective before it, it is decided', async () => {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: 'c-retire',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-an',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      })
      .expect(201);
    const steps: [string, string, object][] = [
      ['leadership-round-1', 'staff', { minutesRef: 'BB-1', conclusion: 'agreed' }],
      ['expanded-nomination', 'secretary', nomination],
      ['leadership-round-2', 'secretary', { minutesRef: 'BB-2', tally }],
      ['key-officials-nomination', 'secretary', nomination],
      ['leadership-round-3', 'secretary', { minutesRef: 'BB-3', tally }],
      ['vetting', 'staff', vetting],
    ];
    for (const [step, who, body] of steps)
      await http()
        .post(`/cases/c-retire/steps/${step}`)
        .set(h[who])
        .send({ heldOn: today, ...body })
        .expect(200);
    const decide = (effectiveFrom: string) =>
      http()
        .post('/cases/c-retire/steps/decision')
        .set(h.leader)
        .send({ heldOn: today, number: 'QĐ-c-retire', signer: 'Bí thư', effectiveFrom });
    const streams = ['appointment-c-retire', 'cadre-p-an', 'postseat-pos-head'];
    const before = await streamEventCount(t.db.pool, streams);
    // Before: 200, a term 2060–2065 for a person born 1982 (retiring in the 2040s).
    const far = await decide('2060-01-01').expect(422);
    expect(far.body).toMatchObject({
      rule: 'appointment.effective_at_or_after_retirement',
      field: 'effectiveFrom',
    });
    const retires = far.body.retirementDate as string;
    expect(retires > today && retires < '2060-01-01').toBe(true);
    expect(far.body.message).toContain(
      `effectiveFrom: 2060-01-01 is on or after ${retires}, when p-an retires`,
    );
    // The retirement day itself is refused too.
    const onTheDay = await decide(retires).expect(422);
    expect(onTheDay.body.rule).toBe('appointment.effective_at_or_after_retirement');
    expect(await streamEventCount(t.db.pool, streams)).toBe(before);
    const still = await http().get('/cases/c-retire').set(h.staff).expect(200);
    expect(still.body).toMatchObject({ status: 'open', currentStep: { id: 'decision' } });

    const decided = await decide(today).expect(200);
    expect(decided.body).toMatchObject({ status: 'decided', decision: { effectiveFrom: today } });
  });
});
