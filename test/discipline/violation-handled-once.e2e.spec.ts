import request from 'supertest';
import { buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { rewriteEvent } from '../support/rewrite-event';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An outside tester's finding: the town's and the city's inspectors each opened a civil-service
 * case on the same violation of the same person, both were decided (a reprimand and a warning)
 * and both stood in effect. One violation is disciplined once, with one form, on each track
 * (Nghị định 112/2020/NĐ-CP art. 2(2); Quy định 69-QĐ/TW for the Party track).
 */
describe('one violation is disciplined once per track', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const http = () => request(t.server as never);
  const person = 'p-vu-thi-giang';
  const budget = { category: 'budget', committedOn: '2026-01-01' };

  beforeAll(async () => {
    t = await startTestApp('violation_handled_once', { RUN_WORKERS: 'true' });
    for (const [who, roles, unit] of [
      ['staff', ['organization_staff'], 'ou-town'],
      ['inspector', ['inspector'], 'ou-town'],
      ['secretary', ['ballot_secretary'], 'ou-town'],
      ['leader', ['leadership'], 'ou-town'],
      ['cityInspector', ['inspector'], 'ou-ha-noi'],
    ] as const)
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, [...roles], unit)}` };
    await buildRegistry(t, h.staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [],
      people: [{ id: person }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const openCase = (
    id: string,
    who: string,
    orgUnitId: string,
    violation: Record<string, string>,
  ) =>
    http()
      .post('/discipline-cases')
      .set(h[who])
      .send({
        id,
        definition: 'discipline.civil-service',
        personId: person,
        orgUnitId,
        summary: 'Vi phạm quản lý ngân sách',
        violation: { description: 'Chi sai dự toán', source: 'inspection', ...violation },
      });

  /** Until the person's record names the case (the record saga notes it a moment after). */
  const onRecord = (caseId: string) =>
    eventually(
      async () => (await http().get(`/cadres/${person}`).set(h.staff).expect(200)).body,
      (body) =>
        [...body.openCases, ...body.discipline].some(
          (c: { caseId: string }) => c.caseId === caseId,
        ),
    );

  it('refuses the second opening, naming the case to a unit that reaches it and not otherwise', async () => {
    await openCase('d-town', 'inspector', 'ou-town', budget).expect(201);
    await onRecord('d-town');
    const byCity = await openCase('d-city', 'cityInspector', 'ou-ha-noi', {
      ...budget,
      description: 'Một mô tả khác của cùng vi phạm',
    }).expect(409);
    expect(byCity.body.rule).toBe('discipline.violation_already_handled');
    expect(byCity.body.detail).toMatch(/by case d-town \(open\)/);

    await openCase('d-city-land', 'cityInspector', 'ou-ha-noi', {
      category: 'land_management',
      committedOn: '2026-02-01',
    }).expect(201);
    await onRecord('d-city-land');
    const byTown = await openCase('d-town-land', 'inspector', 'ou-town', {
      category: 'land_management',
      committedOn: '2026-02-01',
    }).expect(409);
    expect(byTown.body.rule).toBe('discipline.violation_already_handled');
    expect(byTown.body.detail).toMatch(/by a case opened by another unit/);
    expect(JSON.stringify(byTown.body)).not.toContain('d-city-land');

    // Another act of that category that day, said so: opened.
    await openCase('d-town-second', 'inspector', 'ou-town', {
      ...budget,
      distinctViolation: 'Lần chi sai thứ hai trong ngày, ở dự án khác',
    }).expect(201);
  });

  const runToDecision = async (id: string) => {
    const day = vietnamToday();
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
        tally: { ...tally, votesByForm: { reprimand: 5 } },
      })
      .expect(200);
    return (number: string) =>
      http().post(`/discipline-cases/${id}/steps/decision`).set(h.leader).send({
        heldOn: day,
        number,
        signer: 'Chủ tịch UBND',
        form: 'reprimand',
        effectiveFrom: day,
      });
  };

  it('refuses the decision of a duplicate opened before the rule while the other is decided', async () => {
    await (await runToDecision('d-town'))('12/QĐ-UBND').expect(200);
    // A duplicate opened before this rule: opened on another day, then its opening stored as the
    // same violation (what a case opened before the change holds).
    await openCase('d-town-old', 'inspector', 'ou-town', {
      ...budget,
      committedOn: '2026-01-02',
    }).expect(201);
    await rewriteEvent(t.db.pool, 'discipline-d-town-old', 0, (data) => ({
      ...data,
      violation: { ...(data.violation as object), committedOn: budget.committedOn },
    }));
    await onRecord('d-town-old');
    const refused = await (await runToDecision('d-town-old'))('13/QĐ-UBND').expect(409);
    expect(refused.body.rule).toBe('discipline.violation_already_handled');
    expect(refused.body.detail).toMatch(/by case d-town \(decided\)/);
    const records = await http()
      .get(`/cadres/${person}`)
      .set(h.staff)
      .expect(200)
      .then((r) => r.body.discipline as { caseId: string }[]);
    expect(records.map((r) => r.caseId)).toEqual(['d-town']);
  });

  it('takes a violation filed under the older code of its category as the same violation', async () => {
    const landDay = { committedOn: '2026-03-01' };
    await openCase('d-town-old-code', 'inspector', 'ou-town', {
      ...landDay,
      category: 'land',
    }).expect(201);
    await onRecord('d-town-old-code');
    const refused = await openCase('d-town-new-code', 'inspector', 'ou-town', {
      ...landDay,
      category: 'land_management',
    }).expect(409);
    expect(refused.body.rule).toBe('discipline.violation_already_handled');
    expect(refused.body.detail).toMatch(/by case d-town-old-code \(open\)/);
  });

  it('refuses a correction reopening a closed case onto a violation another case handles', async () => {
    const ethics = { category: 'ethics', committedOn: '2026-06-01' };
    const day = vietnamToday();
    const verification = { heldOn: day, minutesRef: 'BB-1', conclusion: 'x' };
    await openCase('d-ethics-a', 'inspector', 'ou-town', ethics).expect(201);
    const closed = await http()
      .post('/discipline-cases/d-ethics-a/steps/verification')
      .set(h.inspector)
      .send({ ...verification, violationConfirmed: false })
      .expect(200);
    expect(closed.body.status).toBe('closed');
    await openCase('d-ethics-b', 'inspector', 'ou-town', ethics).expect(201);
    await onRecord('d-ethics-b');
    const refused = await http()
      .post('/discipline-cases/d-ethics-a/steps/verification/corrections')
      .set(h.inspector)
      .send({ ...verification, violationConfirmed: true, reason: 'nhầm' })
      .expect(409);
    expect(refused.body.rule).toBe('discipline.violation_already_handled');
    expect(refused.body.detail).toMatch(/by case d-ethics-b \(open\)/);
    const a = await http().get('/discipline-cases/d-ethics-a').set(h.inspector).expect(200);
    expect(a.body.status).toBe('closed');
  });
});
