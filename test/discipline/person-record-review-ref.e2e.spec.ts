import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { bearerIn } from './support/party-reprimand';

interface OnRecord {
  caseId: string;
  form: string;
  decisionRef: string;
  revisedByRef: string | null;
  revisedOn: string | null;
  revisions: { form: string; decisionRef: string }[];
}

/**
 * A complaint review that changes a civil-service discipline decision's form: the person's record
 * keeps the decision's own number in `decisionRef` and names the review apart, as the discipline
 * register does; eligibility cites both. Before, the record's `decisionRef` was the review's
 * number (the decision's own only inside `revisions`) and eligibility cited the review alone.
 */
describe("a discipline decision changed by a complaint review, on the person's record", () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => bearerIn(t)(who, role);
  const staff = () => as('staff', 'organization_staff');
  const leader = () => as('leader', 'leadership');
  const inspector = () => as('inspector', 'inspector');

  beforeAll(async () => {
    t = await startTestApp('discipline_person_review_ref', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 4 },
      ],
      people: ['p-dismissed', 'p-warned'].map((id) => ({
        id,
        posts: [{ positionId: 'pos-deputy', from: addDays(today, -900), termEnd: null }],
      })),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A civil servant's case decided as a reprimand numbered 12/QĐ-UBND, then changed on review. */
  async function reprimandChangedTo(caseId: string, personId: string, form: string) {
    await http()
      .post('/discipline-cases')
      .set(inspector())
      .send({
        id: caseId,
        definition: 'discipline.civil-service',
        personId,
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý ngân sách',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -30),
          description: 'Chi sai quy định',
          source: 'report',
          severity: 'reprimand',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', inspector(), { violationConfirmed: true }],
      ['self-criticism', staff(), {}],
      ['review', inspector(), {}],
    ] as const)
      await http()
        .post(`/discipline-cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, minutesRef: 'BB', conclusion: 'Kết luận', ...extra })
        .expect(200);
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    await http()
      .post(`/discipline-cases/${caseId}/steps/ballot`)
      .set(as('secretary', 'ballot_secretary'))
      .send({ heldOn: today, minutesRef: 'BB', tally: { ...tally, votesByForm: { reprimand: 5 } } })
      .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/steps/decision`)
      .set(leader())
      .send({
        heldOn: today,
        number: '12/QĐ-UBND',
        signer: 'Chủ tịch',
        form: 'reprimand',
        effectiveFrom: today,
      })
      .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/complaints`)
      .set(staff())
      .send({ filedOn: today, grounds: 'x', complex: true })
      .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/complaints/review`)
      .set(leader())
      .send({ heldOn: today, number: '20/QĐ-UBND', outcome: 'change', form, reason: 'x' })
      .expect(200);
    const person = await eventually(
      async () => (await http().get(`/cadres/${personId}`).set(staff()).expect(200)).body,
      (body) => body.discipline?.[0]?.form === form,
    );
    return person.discipline[0] as OnRecord;
  }

  it('keeps the decision’s own number, names the review apart, as the register does', async () => {
    const record = await reprimandChangedTo('d-dismissed', 'p-dismissed', 'dismissal');
    // Before: decisionRef "20/QĐ-UBND (…)", the decision's own number only inside revisions.
    expect(record).toMatchObject({
      form: 'dismissal',
      decisionRef: expect.stringMatching(/^12\/QĐ-UBND/),
      revisedByRef: expect.stringMatching(/^20\/QĐ-UBND/),
      revisedOn: today,
      revisions: [expect.objectContaining({ form: 'reprimand', decisionRef: record.decisionRef })],
    });
    const register = await eventually(
      async () =>
        (await http().get('/discipline-records?person=p-dismissed').set(inspector()).expect(200))
          .body.items[0],
      (row) => row?.form === 'dismissal',
    );
    expect(register).toMatchObject({
      decisionRef: record.decisionRef,
      revisedByRef: record.revisedByRef,
      revisedOn: record.revisedOn,
    });
  });

  it('eligibility cites the decision as changed by the review', async () => {
    const record = await reprimandChangedTo('d-warned', 'p-warned', 'warning');
    expect(record.decisionRef).toMatch(/^12\/QĐ-UBND/);
    const eligibility = await http()
      .get('/cadres/p-warned/eligibility')
      .query({ for: 'pos-head' })
      .set(staff())
      .expect(200);
    const bar = (eligibility.body.reasons as { rule: string; reason: string }[]).find((reason) =>
      reason.reason.startsWith('discipline (warning'),
    );
    // Before: "discipline (warning, 20/QĐ-UBND (…)) bars …", the decision's own number not named.
    expect(bar?.reason).toContain(
      `discipline (warning, ${record.decisionRef} as changed by ${record.revisedByRef}) bars`,
    );
  });
});
