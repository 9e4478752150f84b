import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A father's deferral for a child under 12 months, which Nghị định 172/2025 grants only where his
 * wife died or cannot raise the child (a mother's stands as before).
 */
describe('a father’s deferral of discipline for a child under 12 months, over HTTP', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (who: string) => headers[who];

  beforeAll(async () => {
    t = await startTestApp('discipline_father_deferral', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      leader: ['leadership'],
    }))
      headers[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    await buildRegistry(t, as('staff'), {
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: [
        { id: 'p-father', gender: 'male', posts: [] },
        { id: 'p-widower', gender: 'male', posts: [] },
        { id: 'p-mother', gender: 'female', posts: [] },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const status = (personId: string, body: Record<string, unknown>) =>
    http()
      .post(`/cadres/${personId}/statuses`)
      .set(as('staff'))
      .send({ from: addDays(today, -60), note: 'Giấy khai sinh', ...body });
  /** A civil-service case at its decision: a conviction passes over the council. */
  const atDecision = async (id: string, personId: string) => {
    await http()
      .post('/discipline-cases')
      .set(as('inspector'))
      .send({
        id,
        definition: 'discipline.civil-service',
        personId,
        positionId: null,
        orgUnitId: 'ou-town',
        summary: 'Vi phạm trong thời gian công tác',
        violation: {
          category: 'other',
          committedOn: addDays(today, -400),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(201);
    const step = (stepId: string, extra: Record<string, unknown>) =>
      http()
        .post(`/discipline-cases/${id}/steps/${stepId}`)
        .set(as(stepId === 'verification' ? 'inspector' : 'staff'))
        .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: stepId, ...extra })
        .expect(200);
    await step('verification', { violationConfirmed: true });
    const councilSkip = { ground: 'criminal_conviction', reference: 'Bản án 12/2026/HS-ST' };
    return step('self-criticism', { councilSkip });
  };
  const decide = (id: string, form: string) =>
    http().post(`/discipline-cases/${id}/steps/decision`).set(as('leader')).send({
      heldOn: today,
      number: '12/QĐ-UBND',
      signer: 'Chủ tịch UBND',
      form,
      effectiveFrom: today,
    });

  it('defers a father only on his wife’s death or inability, and refuses the ground for a woman', async () => {
    const child = { status: 'child_under_12_months', from: addDays(today, -60) };
    await status('p-father', child).expect(201);
    await status('p-widower', { ...child, fatherCareGround: 'wife_died' }).expect(201);
    const woman = await status('p-mother', { ...child, fatherCareGround: 'wife_died' }).expect(400);
    expect(woman.body).toMatchObject({
      rule: 'status.father_care_ground_for_a_woman',
      field: 'fatherCareGround',
    });
    await atDecision('d-widower', 'p-widower');
    const deferred = await decide('d-widower', 'warning').expect(422);
    expect(deferred.body).toMatchObject({ rule: 'discipline.deferred' });
    expect(deferred.body.message).toContain('child under 12 months');
    await atDecision('d-father', 'p-father');
    await decide('d-father', 'warning').expect(200);
  });
});
