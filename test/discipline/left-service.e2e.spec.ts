import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 100 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/**
 * The forms for a violation found after the person retired or left the service (Luật 80/2025
 * art. 43(3)(c): khiển trách, cảnh cáo, xóa tư cách chức vụ đã đảm nhiệm), and for no one else.
 */
describe('discipline of one who left the service, over HTTP', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (who: string) => headers[who];

  beforeAll(async () => {
    t = await startTestApp('discipline_left_service', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      leader: ['leadership'],
    }))
      headers[who] = {
        Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}`,
      };
    await buildRegistry(t, as('staff'), {
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: [
        { id: 'p-retired', posts: [] },
        { id: 'p-serving', posts: [] },
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
      .send({ from: addDays(today, -60), note: 'Quyết định nghỉ hưu, thôi việc', ...body });
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
        .send({
          heldOn: today,
          minutesRef: `BB-${stepId}`,
          conclusion: stepId,
          ...extra,
        })
        .expect(200);
    await step('verification', { violationConfirmed: true });
    const councilSkip = {
      ground: 'criminal_conviction',
      reference: 'Bản án 12/2026/HS-ST',
    };
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

  it('removes the former title of one who retired (only the three forms), not of one serving', async () => {
    await status('p-retired', {
      status: 'retired',
      from: addDays(today, -200),
    }).expect(201);
    await atDecision('d-retired', 'p-retired');
    const view = await http().get('/discipline-cases/d-retired').set(as('leader')).expect(200);
    expect(view.body.leftService).toEqual({
      status: 'retired',
      from: addDays(today, -200),
    });
    const removal = await decide('d-retired', 'removal_from_post').expect(422);
    expect(removal.body).toMatchObject({
      rule: 'discipline.form_not_after_leaving_service',
      field: 'form',
    });
    expect(removal.body.message).toContain('art. 43(3)(c)');
    const decided = await decide('d-retired', 'removal_of_former_title').expect(200);
    expect(decided.body).toMatchObject({
      form: 'removal_of_former_title',
      decision: { endsPost: false, barEndsOn: today },
    });
    await atDecision('d-serving', 'p-serving');
    const serving = await decide('d-serving', 'removal_of_former_title').expect(422);
    expect(serving.body).toMatchObject({
      rule: 'discipline.form_after_leaving_service_only',
      field: 'form',
    });
  });

  it('names the form in Vietnamese in the register', async () => {
    await eventually(
      async () =>
        (await http().get('/discipline-records?person=p-retired').set(as('inspector'))).body.items,
      (items) => items?.length === 1,
    );
    const csv = await http()
      .get('/discipline-records?format=csv&person=p-retired')
      .set(as('inspector'))
      .set('Accept-Language', 'vi')
      .expect(200);
    expect(csv.text).toContain('Xóa tư cách chức vụ đã đảm nhiệm');
  });
});
