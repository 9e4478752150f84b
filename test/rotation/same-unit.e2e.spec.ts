import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A rotation (luân chuyển) moves a cadre to another agency, unit, level or locality (Quy định
 * 65-QĐ/TW): one to a post of the unit whose post the person holds now is refused, and the
 * eligibility asked before opening lists it. Before, a deputy head was "rotated" to the head of
 * the same unit (201, then decided): a promotion under the rotation's name.
 */
describe('a rotation within the unit of the post held', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('rotation_same_unit');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-deputy-culture', rank: 1 },
        { id: 'pos-head-culture', rank: 2 },
      ],
      people: [
        {
          id: 'p-phan-thi-quynh',
          posts: [{ positionId: 'pos-deputy-culture', from: '2023-06-01', termEnd: '2028-06-01' }],
          pool: ['pos-head-culture'],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to open it, naming the post held in that unit, and writes nothing', async () => {
    const refused = await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'rot-same',
        procedure: 'rotation',
        definition: 'rotation.standard',
        personId: 'p-phan-thi-quynh',
        positionId: 'pos-head-culture',
        orgUnitId: 'ou-town',
        summary: 'Luân chuyển',
      })
      .expect(422);
    expect(refused.body).toMatchObject({ rule: 'rotation.same_unit', field: 'positionId' });
    expect(refused.body.message).toContain('pos-deputy-culture');
    const cases = await http().get('/cases?person=p-phan-thi-quynh').set(staff).expect(200);
    expect(JSON.stringify(cases.body)).not.toContain('rot-same');
  });

  it("lists it among the rotation's opening refusals before opening", async () => {
    const { body } = await http()
      .get('/cadres/p-phan-thi-quynh/eligibility?for=pos-head-culture&procedure=rotation')
      .set(staff)
      .expect(200);
    expect(body.reasons).toContainEqual(expect.objectContaining({ rule: 'rotation.same_unit' }));
  });
});
