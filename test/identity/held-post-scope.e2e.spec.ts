import request from 'supertest';
import { eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A commune's elected vice chair rotated to a city department keeps the elected post until the
 * commune's council relieves her, while the department manages her record. The commune must still
 * see her and open the relief its council votes on (before: search [], record 403, case 403);
 * her record itself stays the department's to write.
 */
describe('a person is seen by the units of the posts they hold, not only where the record lies', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (role: string, unit: string) => ({
    Authorization: `Bearer ${t.token(`u-${role}-${unit}`, [role], unit)}`,
  });
  const communeStaff = () => as('organization_staff', 'ou-commune');

  beforeAll(async () => {
    t = await startTestApp('held_post_scope', { RUN_WORKERS: 'true' });
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-province')}` };
    const units = [
      { id: 'ou-province', name: 'Thành phố Hà Nội', kind: 'province' },
      { id: 'ou-commune', name: 'Xã Đoài Phương', kind: 'commune', parentId: 'ou-province' },
      { id: 'ou-other-commune', name: 'Xã khác', kind: 'commune', parentId: 'ou-province' },
      { id: 'ou-department', name: 'Sở Nội vụ', kind: 'department', parentId: 'ou-province' },
      { id: 'ou-commune-pc', name: 'UBND xã', kind: 'peoples_committee', parentId: 'ou-commune' },
    ];
    for (const unit of units) await http().post('/org-units').set(admin).send(unit).expect(201);
    const province = as('organization_staff', 'ou-province');
    await http()
      .post('/positions')
      .set(province)
      .send({
        id: 'pos-vice-chair',
        title: 'Phó Chủ tịch UBND xã',
        orgUnitId: 'ou-commune-pc',
        appointingAuthority: 'ou-commune-pc',
        rank: 5,
        filledBy: 'election',
      })
      .expect(201);
    await http()
      .post('/cadres')
      .set(as('organization_staff', 'ou-department'))
      .send({
        id: 'p-giang',
        fullName: 'Vũ Thị Giang',
        dateOfBirth: '1982-05-04',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-department',
      })
      .expect(201);
    // The city, whose grant reaches both units, records the elected post she still holds.
    await http()
      .post('/cadres/p-giang/posts')
      .set(province)
      .send({
        positionId: 'pos-vice-chair',
        from: '2021-06-25',
        electedOn: '2021-06-25',
        decisionRef: '12/NQ-HĐND',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the commune finds her, reads her record and opens the relief of its own post', async () => {
    const found = await eventually(
      () => http().get('/cadres?q=giang').set(communeStaff()),
      (response) => response.body.length === 1,
    );
    expect(found.body).toEqual([
      expect.objectContaining({ id: 'p-giang', orgUnitId: 'ou-department' }),
    ]);
    const record = await http().get('/cadres/p-giang').set(communeStaff()).expect(200);
    expect(record.body).toMatchObject({
      orgUnitId: 'ou-department',
      posts: [expect.objectContaining({ positionId: 'pos-vice-chair' })],
    });
    await http()
      .post('/cases')
      .set(communeStaff())
      .send({
        id: 'c-relief',
        procedure: 'removal',
        definition: 'removal.relief',
        personId: 'p-giang',
        positionId: 'pos-vice-chair',
        orgUnitId: 'ou-commune-pc',
        summary: 'Miễn nhiệm Phó Chủ tịch UBND xã',
        grounds: { kind: 'own_request', reference: 'Đơn ngày 01/12' },
      })
      .expect(201);
  });

  it('her record is written by the unit managing it only; a unit with no post of hers sees nothing', async () => {
    const refused = await http()
      .post('/cadres/p-giang/statuses')
      .set(communeStaff())
      .send({ status: 'under_investigation', from: today, note: 'x' })
      .expect(403);
    expect(refused.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'id' });
    const statuses = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'cadre-p-giang' AND type = 'PersonStatusRecorded'",
    );
    expect(statuses.rows[0].n).toBe(0);
    const other = () => as('organization_staff', 'ou-other-commune');
    await http().get('/cadres/p-giang').set(other()).expect(403);
    expect((await http().get('/cadres?q=giang').set(other()).expect(200)).body).toEqual([]);
  });
});
