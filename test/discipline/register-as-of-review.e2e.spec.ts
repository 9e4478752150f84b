import request from 'supertest';
import { movableClock } from '../support/movable-clock';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** The register's row fields this suite reads. */
interface RegisterRow {
  form: string;
  inEffectUntil: string | null;
  barEndsOn: string | null;
  decisionRef: string;
  revisedByRef: string | null;
  revisedOn: string | null;
}

describe('the discipline register judged on a day shows the decision as it stood that day', () => {
  let t: TestApp;
  const today = vietnamToday();
  const decidedOn = addDays(today, -20);
  const reviewedOn = addDays(today, -5);
  const clock = movableClock();
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => ({
    Authorization: `Bearer ${t.token(`u-${who}`, [role], 'ou-town')}`,
  });
  const inspector = () => as('inspector', 'inspector');
  const leader = () => as('leader', 'leadership');

  beforeAll(async () => {
    t = await startTestApp('discipline_register_as_of', { RUN_WORKERS: 'true' }, { clock });
    await buildRegistry(t, as('staff', 'organization_staff'), {
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: [
        {
          id: 'p-held',
          posts: [{ positionId: 'pos-deputy', from: addDays(today, -900), termEnd: null }],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A Party case opened and decided (reprimand, 45-QĐ/UBKT) on `decidedOn`. */
  async function reprimandedOn(day: string) {
    clock.setDay(day);
    await http()
      .post('/discipline-cases')
      .set(inspector())
      .send({
        id: 'd-asof',
        definition: 'discipline.party',
        personId: 'p-held',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý tài chính',
        violation: {
          category: 'finance',
          committedOn: addDays(day, -60),
          description: 'Chi sai quy định',
          source: 'inspection',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', inspector(), { violationConfirmed: true }],
      ['self-criticism', as('staff', 'organization_staff'), {}],
      ['review', inspector(), {}],
    ] as const)
      await http()
        .post(`/discipline-cases/d-asof/steps/${stepId}`)
        .set(who)
        .send({ heldOn: day, minutesRef: 'BB', conclusion: 'Kết luận', ...extra })
        .expect(200);
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    await http()
      .post('/discipline-cases/d-asof/steps/ballot')
      .set(as('secretary', 'ballot_secretary'))
      .send({ heldOn: day, minutesRef: 'BB', tally: { ...tally, votesByForm: { reprimand: 5 } } })
      .expect(200);
    const decided = await http()
      .post('/discipline-cases/d-asof/steps/decision')
      .set(leader())
      .send({
        heldOn: day,
        number: '45-QĐ/UBKT',
        signer: 'Chủ nhiệm UBKT',
        form: 'reprimand',
        effectiveFrom: day,
      })
      .expect(200);
    clock.reset();
    return decided.body as { inEffectUntil: string | null; barEndsOn: string | null };
  }

  const registerOn = (day: string, done: (row: RegisterRow | undefined) => boolean) =>
    eventually(
      async () =>
        (
          await http()
            .get(`/discipline-records?person=p-held&asOf=${day}`)
            .set(inspector())
            .expect(200)
        ).body.items[0] as RegisterRow | undefined,
      done,
    );

  it('a review changing the form shows only from its own day; before it, the decision as decided', async () => {
    const decision = await reprimandedOn(decidedOn);
    await http()
      .post('/discipline-cases/d-asof/complaints')
      .set(as('staff', 'organization_staff'))
      .send({ filedOn: addDays(today, -15), grounds: 'Hình thức quá nặng' })
      .expect(200);
    const reviewed = await http()
      .post('/discipline-cases/d-asof/complaints/review')
      .set(leader())
      .send({
        heldOn: reviewedOn,
        number: '10-QĐ/TU',
        outcome: 'change',
        form: 'warning',
        reason: 'Vi phạm nghiêm trọng hơn',
      })
      .expect(200);

    const now = await registerOn(today, (row) => row?.form === 'warning');
    expect(now).toMatchObject({
      form: 'warning',
      decisionRef: expect.stringMatching(/^45-QĐ\/UBKT/),
      revisedByRef: `10-QĐ/TU (${reviewedOn})`,
      revisedOn: reviewedOn,
      inEffectUntil: reviewed.body.inEffectUntil,
    });
    // Before: the register on a day before the review showed the review's number and its form.
    const before = await registerOn(addDays(reviewedOn, -1), (row) => row !== undefined);
    expect(before).toMatchObject({
      form: 'reprimand',
      decisionRef: expect.stringMatching(/^45-QĐ\/UBKT/),
      revisedByRef: null,
      revisedOn: null,
      inEffectUntil: decision.inEffectUntil,
      barEndsOn: decision.barEndsOn,
    });
  });
});
