import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** Elected posts (a commune chair) are filled by election: no appointment or re-appointment case. */
describe('an elected post', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('elected_post');
    staff = {
      Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
    };
    await buildRegistry(t, staff, {
      positions: [],
      people: [{ id: 'p-candidate' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is registered as filled by election and refuses an appointment case, naming the election route', async () => {
    const created = await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-commune-chair',
        title: 'Chủ tịch UBND xã',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 4,
        filledBy: 'election',
      })
      .expect(201);
    expect(created.body).toMatchObject({ filledBy: 'election' });
    const bad = await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-x',
        title: 'Chức danh thử',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        filledBy: 'lottery',
      })
      .expect(400);
    expect(bad.body).toMatchObject({ field: 'filledBy' });

    const refused = await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-elected',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-candidate',
        positionId: 'pos-commune-chair',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm chủ tịch xã',
      })
      .expect(422);
    expect(refused.body).toMatchObject({ rule: 'position.elected', field: 'positionId' });
    expect(refused.body.message).toMatch(/filled by election \(bầu cử\)/);
    const listed = await http().get('/positions?orgUnit=ou-town').set(staff).expect(200);
    expect(listed.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'pos-commune-chair', filledBy: 'election' }),
      ]),
    );
  });
});
