import request from 'supertest';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A case is not opened for a post the person holds and keeps (a transfer or rotation into it: the
 * same rule as an appointment's), nor for one they are leaving (a re-appointment for a post a
 * decision ends before its term does). Before, both opened and ran their steps: the transfer's
 * decision was refused at the end, the re-appointment renewed a post the person was leaving.
 */
describe('opening a case for a post the person holds or is leaving', () => {
  let t: TestApp;
  const today = vietnamToday();
  const rotationEffective = addDays(today, 30);
  const http = () => request(t.server as never);
  const as = (role: string, unit: string) => ({
    Authorization: `Bearer ${t.token(`u-${role}-${unit}`, [role], unit)}`,
  });
  const provinceStaff = () => as('organization_staff', 'ou-province');
  const staff = as.bind(null, 'organization_staff', 'ou-department');
  const leader = as.bind(null, 'leadership', 'ou-department');
  const secretary = as.bind(null, 'ballot_secretary', 'ou-department');
  const tally = { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 };
  const cleared = ['background', 'asset_declaration', 'political_standards'].map((item) => ({
    item,
    result: 'cleared',
  }));

  beforeAll(async () => {
    t = await startTestApp('post_held_or_leaving', { RUN_WORKERS: 'true' });
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-province')}` };
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-province', name: 'Thành phố Demo', kind: 'province' })
      .expect(201);
    for (const [id, name, kind] of [
      ['ou-commune', 'Xã Đoài Phương', 'commune'],
      ['ou-department', 'Sở Nội vụ', 'department'],
    ])
      await http()
        .post('/org-units')
        .set(admin)
        .send({ id, name, kind, parentId: 'ou-province' })
        .expect(201);
    for (const [id, unit] of [
      ['pos-commune-head', 'ou-commune'],
      ['pos-deputy-director', 'ou-department'],
      ['pos-office-head', 'ou-department'],
    ])
      await http()
        .post('/positions')
        .set(provinceStaff())
        .send({
          id,
          title: id,
          orgUnitId: unit,
          appointingAuthority: unit,
          rank: 5,
          isLeadership: true,
        })
        .expect(201);
    await http()
      .post('/cadres')
      .set(as('organization_staff', 'ou-commune'))
      .send({
        id: 'p-quynh',
        fullName: 'Phan Thị Quỳnh',
        dateOfBirth: '1985-03-03',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-commune',
      })
      .expect(201);
    await http()
      .post('/cadres/p-quynh/posts')
      .set(provinceStaff())
      .send({
        positionId: 'pos-commune-head',
        from: '2023-06-01',
        termEnd: '2028-06-01',
        decisionRef: '21-QĐ/UBND',
      })
      .expect(201);
    await http()
      .post('/cadres/p-quynh/planning-pool')
      .set(provinceStaff())
      .send({ positionId: 'pos-deputy-director', term: '2025-2030', decisionRef: '112-QĐ/TU' })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const opening = (definition: string, positionId: string, orgUnitId: string) =>
    http()
      .post('/cases')
      .set(provinceStaff())
      .send({
        procedure: definition.split('.')[0],
        definition,
        personId: 'p-quynh',
        positionId,
        orgUnitId,
        summary: 'Mở hồ sơ',
      });

  it('a transfer or a rotation into the post held is refused at opening, as an appointment is', async () => {
    for (const definition of ['transfer.standard', 'rotation.standard']) {
      const refused = await opening(definition, 'pos-commune-head', 'ou-commune').expect(422);
      // Before: 201, every step ran and the decision was refused (409 decision.post_already_held).
      expect(refused.body).toMatchObject({
        rule: 'appointment.already_holds_post',
        field: 'positionId',
      });
      expect(refused.body.message).toMatch(
        /p-quynh already holds pos-commune-head; use re-appointment/,
      );
    }
  });

  it('a re-appointment for a post another decision ends before its term does is refused, naming that decision', async () => {
    const steps: [string, Record<string, string>, object][] = [
      ['proposal', staff(), { summary: 'Luân chuyển' }],
      ['discussion', staff(), { minutesRef: 'BB-1', conclusion: 'Both units agree' }],
      ['meet-person', leader(), { conclusion: 'Met', personOpinion: 'Agrees' }],
      ['vetting', staff(), { items: cleared }],
      ['leadership-vote', secretary(), { minutesRef: 'BB-2', tally }],
      [
        'decision',
        leader(),
        { number: 'QĐ-rot', signer: 'Giám đốc', effectiveFrom: rotationEffective },
      ],
    ];
    await http()
      .post('/cases')
      .set(provinceStaff())
      .send({
        id: 'rot-deputy',
        procedure: 'rotation',
        definition: 'rotation.standard',
        personId: 'p-quynh',
        positionId: 'pos-deputy-director',
        orgUnitId: 'ou-department',
        summary: 'Luân chuyển',
      })
      .expect(201);
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/rot-deputy/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
    await eventually(
      () => http().get('/cadres/p-quynh').set(provinceStaff()).expect(200),
      (r) => r.body.posts?.[0]?.endsOn === rotationEffective,
    );
    const refused = await opening(
      'reappointment.standard',
      'pos-commune-head',
      'ou-commune',
    ).expect(422);
    // Before: 201, a re-appointment for a post ending on the rotation's day, two years before its term.
    expect(refused.body).toMatchObject({
      rule: 'reappointment.post_ending',
      field: 'positionId',
    });
    expect(refused.body.message).toContain(
      `decision QĐ-rot ends pos-commune-head on ${rotationEffective}, before its term ends on 2028-06-01`,
    );
  });
});
