import request from 'supertest';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A rotation decided today puts the person into the department's deputy post in 30 days and ends
 * their commune post then. A transfer into another post decided next, effective in 10 days, would
 * end the deputy post before it began and leave the commune post held beside the new one for
 * twenty days. It is refused, naming the decision still to begin (before: it was recorded, the
 * deputy post vanished from the record and two posts overlapped).
 */
describe('a decision that would end a post another decision has not yet begun is refused', () => {
  let t: TestApp;
  const today = vietnamToday();
  const rotationEffective = addDays(today, 30);
  const transferEffective = addDays(today, 10);
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
    t = await startTestApp('decision_over_pending_post', { RUN_WORKERS: 'true' });
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

  const record = () => http().get('/cadres/p-quynh').set(provinceStaff()).expect(200);

  it('the first decision: the deputy post comes on its day, the commune post ends then', async () => {
    await open('rot-deputy', 'rotation.standard', 'pos-deputy-director');
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
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/rot-deputy/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
    const { body } = await eventually(record, (r) => r.body.upcomingPosts?.length === 1);
    expect(body.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-commune-head', endsOn: rotationEffective }),
    ]);
  });

  it('a transfer effective before that day is refused at its decision, naming the decision still to begin', async () => {
    await open('tr-office', 'transfer.standard', 'pos-office-head');
    const steps: [string, Record<string, string>, object][] = [
      ['consult-receiving-unit', staff(), { minutesRef: 'BB-T1', conclusion: 'Agreed' }],
      ['candidate-unit-ballot', secretary(), { minutesRef: 'BB-T2', tally }],
      ['evaluation-and-meeting', staff(), { minutesRef: 'BB-T3', conclusion: 'Met' }],
      ['vetting', staff(), { items: cleared }],
    ];
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/tr-office/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
    const refused = await http()
      .post('/cases/tr-office/steps/decision')
      .set(leader())
      .send({
        heldOn: today,
        number: 'QĐ-tr',
        signer: 'Giám đốc',
        effectiveFrom: transferEffective,
      })
      .expect(409);
    // Before: 200, and the record lost the deputy post and held two posts for twenty days.
    expect(refused.body).toMatchObject({ rule: 'decision.pending_post' });
    expect(refused.body.message).toContain(
      `takes up pos-deputy-director on ${rotationEffective} by decision QĐ-rot (${today})`,
    );
    expect(refused.body.message).toMatch(/annul or withdraw that decision first/);
    const { body } = await record();
    expect(body.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-commune-head', endsOn: rotationEffective }),
    ]);
    expect(body.upcomingPosts).toEqual([
      expect.objectContaining({ positionId: 'pos-deputy-director', from: rotationEffective }),
    ]);
    expect(body.pastPosts).toEqual([]);
  });

  it('kept concurrently (kiêm nhiệm), the transfer ends no post and is decided', async () => {
    const decided = await http()
      .post('/cases/tr-office/steps/decision')
      .set(leader())
      .send({
        heldOn: today,
        number: 'QĐ-tr',
        signer: 'Giám đốc',
        effectiveFrom: transferEffective,
        keepsPreviousPost: true,
      })
      .expect(200);
    expect(decided.body).toMatchObject({ status: 'decided' });
  });

  async function open(id: string, definition: string, positionId: string) {
    await http()
      .post('/cases')
      .set(provinceStaff())
      .send({
        id,
        procedure: 'rotation',
        definition,
        personId: 'p-quynh',
        positionId,
        orgUnitId: 'ou-department',
        summary: 'Điều động, luân chuyển',
      })
      .expect(201);
  }
});
