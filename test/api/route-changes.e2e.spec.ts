import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** Routes whose shape changed with the OpenAPI review: what the document promises, the API does. */
describe('routes as documented', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('api_routes');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-head', rank: 5 },
      ],
      people: [{ id: 'p-an', pool: ['pos-head'] }],
    });
  });
  afterAll(() => t?.close());

  const open = (id: string, procedure: string, definition: string) =>
    http().post('/cases').set(staff).send({
      id,
      procedure,
      definition,
      personId: 'p-an',
      positionId: 'pos-head',
      orgUnitId: 'ou-town',
      summary: 'Transfer to the town',
    });

  it('opens a transfer with procedure "transfer"; it runs as a rotation case', async () => {
    const transfer = await open('tr-1', 'transfer', 'transfer.standard').expect(201);
    expect(transfer.body).toMatchObject({
      procedure: 'rotation',
      definition: 'transfer.standard@2',
      facts: { kind: 'transfer' },
    });
    const wrong = await open('tr-2', 'transfer', 'rotation.standard').expect(400);
    expect(wrong.body).toMatchObject({ rule: 'definition.wrong_procedure', field: 'definition' });
    const discipline = await open('tr-3', 'discipline', 'discipline.party').expect(400);
    expect(discipline.body).toMatchObject({ rule: 'procedure.unknown', field: 'procedure' });
  });

  it('takes a person off the planning pool with a DELETE that has no body', async () => {
    const removed = await http()
      .delete('/cadres/p-an/planning-pool/pos-head')
      .query({ decisionRef: '91-QĐ/TU', reason: 'no longer meets the standards' })
      .set(staff)
      .expect(200);
    expect(removed.body.planningPool).toEqual([]);
    const missing = await http().delete('/cadres/p-an/planning-pool/pos-head').set(staff);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ rule: 'query.invalid', field: 'decisionRef' });
    expect(missing.body.detail).toBe('decisionRef is required');
  });
});
