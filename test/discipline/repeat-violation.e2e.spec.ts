import request from 'supertest';
import { movableClock } from '../support/movable-clock';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 200 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/**
 * A legal reviewer's finding: a civil servant reprimanded (in effect one year) committed a new
 * violation while the reprimand was in effect, and the second case was decided as a reprimand
 * again. Nghị định 172/2025/NĐ-CP art. 2(3): a form at least one level heavier applies.
 */
describe('a violation while a reprimand is in effect is not decided as a reprimand again', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const clock = movableClock();
  const http = () => request(t.server as never);
  const today = vietnamToday();
  const firstDecidedOn = addDays(today, -100);

  beforeAll(async () => {
    t = await startTestApp('repeat_violation', { RUN_WORKERS: 'true' }, { clock });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    }))
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    await buildRegistry(t, h.staff, {
      positions: [{ id: 'pos-head', rank: 2 }],
      people: [
        { id: 'p-a' },
        { id: 'p-b', posts: [{ positionId: 'pos-head', from: '2020-01-01', termEnd: null }] },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * A civil servant's case up to the council's recommendation of `recommended` (a reprimand
   * unless said), held on `day`; `severity`: the form the violation warrants on its own.
   */
  async function toCouncilRecommendation(
    id: string,
    committedOn: string,
    day: string,
    { personId = 'p-a', severity, recommended = 'reprimand' }: CaseOf = {},
  ) {
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id,
        definition: 'discipline.civil-service',
        personId,
        orgUnitId: 'ou-town',
        summary: 'Vi phạm',
        violation: {
          category: 'land_management',
          committedOn,
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          ...(severity ? { severity } : {}),
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
      ['review', 'inspector', {}],
    ] as const)
      await http()
        .post(`/discipline-cases/${id}/steps/${stepId}`)
        .set(h[who])
        .send({ heldOn: day, minutesRef: 'BB', conclusion: stepId, ...extra })
        .expect(200);
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    await http()
      .post(`/discipline-cases/${id}/steps/ballot`)
      .set(h.secretary)
      .send({
        heldOn: day,
        minutesRef: 'BB-KP',
        tally: { ...tally, votesByForm: { [recommended]: 5 } },
      })
      .expect(200);
  }

  const decide = (id: string, number: string, day: string, form: string, extra = {}) =>
    http()
      .post(`/discipline-cases/${id}/steps/decision`)
      .set(h.leader)
      .send({ heldOn: day, number, signer: 'Chủ tịch UBND', form, effectiveFrom: day, ...extra });

  it('refuses the second reprimand naming the first decision and the least form, and takes a warning', async () => {
    clock.setDay(firstDecidedOn);
    await toCouncilRecommendation('d-first', addDays(firstDecidedOn, -30), firstDecidedOn);
    await decide('d-first', '12/QĐ-UBND', firstDecidedOn, 'reprimand').expect(200);
    clock.reset();
    await eventually(
      async () => (await http().get('/cadres/p-a').set(h.staff).expect(200)).body,
      (body) => body.discipline.length === 1,
    );

    // The new violation, ten days into the reprimand's year.
    const committedOn = addDays(firstDecidedOn, 10);
    await toCouncilRecommendation('d-second', committedOn, today);
    const atDecision = await http().get('/discipline-cases/d-second').set(h.leader).expect(200);
    expect(atDecision.body.heavierFormRequired).toMatchObject({
      rule: 'discipline.repeat_violation_needs_heavier_form',
      inEffect: { form: 'reprimand', decisionRef: `12/QĐ-UBND (${firstDecidedOn})` },
      leastForm: 'warning',
    });

    const refused = await decide('d-second', '30/QĐ-UBND', today, 'reprimand').expect(422);
    expect(refused.body).toMatchObject({
      rule: 'discipline.repeat_violation_needs_heavier_form',
      field: 'form',
    });
    expect(refused.body.message).toContain(`reprimand (12/QĐ-UBND (${firstDecidedOn}))`);
    expect(refused.body.message).toContain(
      'served reprimand (the form the new violation warrants on its own is not on record), needs at least warning (one level above the form served), not reprimand',
    );
    expect(refused.body.message).toContain('Nghị định 172/2025/NĐ-CP, art. 2(3)');
    const unchanged = await http().get('/discipline-cases/d-second').set(h.leader).expect(200);
    expect(unchanged.body.status).toBe('open');

    const decided = await decide('d-second', '30/QĐ-UBND', today, 'warning', {
      reasonForDifferentForm: 'vi phạm trong thời gian thi hành kỷ luật khiển trách',
    }).expect(200);
    expect(decided.body).toMatchObject({ status: 'decided', form: 'warning' });
  });

  it('art. 2(3)(b): a new violation warranting a warning on its own while a reprimand is served needs one level above the warning, not a warning', async () => {
    const day = addDays(today, -100);
    clock.setDay(day);
    await toCouncilRecommendation('d-first-b', addDays(day, -30), day, { personId: 'p-b' });
    await decide('d-first-b', '13/QĐ-UBND', day, 'reprimand').expect(200);
    clock.reset();
    await eventually(
      async () => (await http().get('/cadres/p-b').set(h.staff).expect(200)).body,
      (body) => body.discipline.length === 1,
    );

    await toCouncilRecommendation('d-second-b', addDays(day, 10), today, {
      personId: 'p-b',
      severity: 'warning',
      recommended: 'warning',
    });
    const atDecision = await http().get('/discipline-cases/d-second-b').set(h.leader).expect(200);
    expect(atDecision.body.heavierFormRequired).toMatchObject({
      newViolationForm: 'warning',
      basis: 'new_violation',
      leastForm: 'removal_from_post',
    });

    const refused = await decide('d-second-b', '31/QĐ-UBND', today, 'warning').expect(422);
    expect(refused.body).toMatchObject({
      rule: 'discipline.repeat_violation_needs_heavier_form',
      field: 'form',
      newViolationForm: 'warning',
      leastForm: 'removal_from_post',
    });
    expect(refused.body.message).toContain(
      "served reprimand, the new violation warrants warning on its own, needs at least removal_from_post (one level above the new violation's own form), not warning",
    );
    const unchanged = await http().get('/discipline-cases/d-second-b').set(h.leader).expect(200);
    expect(unchanged.body.status).toBe('open');

    const decided = await decide('d-second-b', '31/QĐ-UBND', today, 'removal_from_post', {
      reasonForDifferentForm: 'vi phạm trong thời gian thi hành kỷ luật khiển trách',
    }).expect(200);
    expect(decided.body).toMatchObject({ status: 'decided', form: 'removal_from_post' });
  });
});

interface CaseOf {
  personId?: string;
  severity?: string;
  recommended?: string;
}
