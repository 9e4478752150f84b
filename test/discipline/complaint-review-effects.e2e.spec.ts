import request from 'supertest';
import { addMonths } from '../../src/workflow/rules/retirement';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** The saga writes to the person's record asynchronously: wait until the record shows it. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 100 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** The parts of GET /cadres/:id this suite reads. */
interface PersonRecord {
  posts: unknown[];
  pastPosts: unknown[];
  discipline: unknown[];
  openCases: { caseId: string }[];
}

describe('a complaint review that changes the form applies the new form as its decision would', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (who: string) => headers[who];

  beforeAll(async () => {
    t = await startTestApp('discipline_review_effects', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    })) {
      headers[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    }
    await buildRegistry(t, as('staff'), {
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 5 },
      ],
      people: [
        {
          id: 'p-holder',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -1700), termEnd: addDays(today, 160) },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const meeting = (stepId: string, who: string, extra: Record<string, unknown> = {}) =>
    http()
      .post(`/discipline-cases/d-review/steps/${stepId}`)
      .set(as(who))
      .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: stepId, ...extra })
      .expect(200);
  const record = (done: (body: PersonRecord) => boolean) =>
    eventually(
      async () => (await http().get('/cadres/p-holder').set(as('staff')).expect(200)).body,
      done,
    );

  /** A Party case taken to a decision of reprimand on the deputy. */
  const reprimanded = async () => {
    await http()
      .post('/discipline-cases')
      .set(as('inspector'))
      .send({
        id: 'd-review',
        definition: 'discipline.party',
        personId: 'p-holder',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý tài chính',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -200),
          description: 'Chi sai quy định',
          source: 'inspection',
          severity: 'reprimand',
        },
      })
      .expect(201);
    await meeting('verification', 'inspector', { violationConfirmed: true });
    await meeting('self-criticism', 'staff');
    await meeting('review', 'inspector');
    const tally = { members: 13, summoned: 13, present: 13, invalid: 0, noDiscipline: 4 };
    await http()
      .post('/discipline-cases/d-review/steps/ballot')
      .set(as('secretary'))
      .send({
        heldOn: today,
        minutesRef: 'BB-KP',
        tally: { ...tally, votesByForm: { reprimand: 9 } },
      })
      .expect(200);
    await http()
      .post('/discipline-cases/d-review/steps/decision')
      .set(as('leader'))
      .send({
        heldOn: today,
        number: '45-QĐ/UBKT',
        signer: 'Chủ nhiệm UBKT',
        form: 'reprimand',
        effectiveFrom: today,
      })
      .expect(200);
    await record((body) => body.discipline.length === 1 && body.openCases.length === 0);
  };

  it('reprimand changed to expulsion: in effect without end, the post ends, the open re-appointment is withdrawn', async () => {
    await reprimanded();
    // A decided reprimand bars a higher post, not the re-appointment to the post held.
    await http()
      .post('/cases')
      .set(as('staff'))
      .send({
        id: 'r-holder',
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-holder',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại',
      })
      .expect(201);
    await record((body) => body.openCases.some((c) => c.caseId === 'r-holder'));
    await http()
      .post('/discipline-cases/d-review/complaints')
      .set(as('staff'))
      .send({ filedOn: today, grounds: 'x' })
      .expect(200);
    const reviewed = await http()
      .post('/discipline-cases/d-review/complaints/review')
      .set(as('leader'))
      .send({
        heldOn: today,
        number: '10-QĐ/TU',
        outcome: 'change',
        form: 'expulsion',
        reason: 'heavier',
      })
      .expect(200);
    expect(reviewed.body).toMatchObject({
      form: 'expulsion',
      barEndsOn: null,
      inEffectUntil: null,
    });

    const after = await record((body) => body.posts.length === 0);
    expect(after.discipline[0]).toMatchObject({
      form: 'expulsion',
      barEndsOn: null,
      inEffectUntil: null,
      status: 'in_effect',
      // The decision keeps its own number; the review is named apart, as in the register.
      decisionRef: expect.stringMatching(/^45-QĐ\/UBKT/),
      revisedByRef: `10-QĐ/TU (${today})`,
      revisedOn: today,
    });
    // Before: the post stayed held and the expulsion lapsed with the reprimand's year.
    expect(after.pastPosts).toEqual([
      expect.objectContaining({
        positionId: 'pos-deputy',
        endedOn: today,
        reason: 'discipline: expulsion (case d-review)',
      }),
    ]);
    const reappointment = await http().get('/cases/r-holder').set(as('staff')).expect(200);
    expect(reappointment.body.status).toBe('withdrawn');

    const laterDay = addMonths(today, 13);
    const register = await eventually(
      async () =>
        (
          await http()
            .get(`/discipline-records?person=p-holder&asOf=${laterDay}`)
            .set(as('inspector'))
            .expect(200)
        ).body.items,
      (items: { form: string }[]) => items[0]?.form === 'expulsion',
    );
    expect(register[0]).toMatchObject({
      form: 'expulsion',
      inEffectUntil: null,
      barEndsOn: null,
      status: 'in_effect',
      inEffect: true,
      barred: true,
      // The decision keeps its own number; the review that changed the form is named apart
      // (before: the review's number replaced the decision's, beside the decision's day).
      decisionRef: expect.stringMatching(/^45-QĐ\/UBKT/),
      revisedByRef: `10-QĐ/TU (${today})`,
      revisedOn: today,
    });
  });
});
