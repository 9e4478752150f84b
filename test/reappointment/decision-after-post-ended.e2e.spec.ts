import request from 'supertest';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A re-appointment opened while the person held the post, and a transfer batch's case moving them
 * out of it, both run their steps; meanwhile a rotation is decided that ends the post (no
 * kiêm nhiệm). The rotation withdraws the re-appointment (its definition's
 * `withdrawnWhenPostEnds`); the transfer's decision, read against the record when taken, is
 * refused, naming the decision that ended the post; neither writes anything. Before, both were
 * decided (200): the re-appointment gave the post back beside the new one, the transfer moved the
 * person out of a post they no longer held and ended the one the rotation had just given.
 */
describe('a decision about a post another decision has ended', () => {
  let t: TestApp;
  const today = vietnamToday();
  const rotationEffective = addDays(today, 30);
  // After the rotation's day: on or before it, decision.pending_post refuses the transfer already.
  const transferEffective = addDays(today, 31);
  const http = () => request(t.server as never);
  const as = (role: string, unit: string) => ({
    Authorization: `Bearer ${t.token(`u-${role}-${unit}`, [role], unit)}`,
  });
  const provinceStaff = () => as('organization_staff', 'ou-province');
  const staff = (unit: string) => as('organization_staff', unit);
  const leader = (unit: string) => as('leadership', unit);
  const secretary = (unit: string) => as('ballot_secretary', unit);
  const tally = { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 };
  const cleared = (items: string[]) => items.map((item) => ({ item, result: 'cleared' }));
  const checks = ['background', 'asset_declaration', 'political_standards'];
  type Step = [string, Record<string, string>, object];

  beforeAll(async () => {
    t = await startTestApp('decision_after_post_ended', { RUN_WORKERS: 'true' });
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
      .set(staff('ou-commune'))
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

  const takeSteps = async (caseId: string, steps: Step[]) => {
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  };
  const decide = (caseId: string, unit: string, number: string, effectiveFrom: string) =>
    http()
      .post(`/cases/${caseId}/steps/decision`)
      .set(leader(unit))
      .send({ heldOn: today, number, signer: 'Chủ tịch', effectiveFrom });
  const record = () => http().get('/cadres/p-quynh').set(provinceStaff()).expect(200);

  it('runs a re-appointment and a transfer batch case to their decisions while the post is held', async () => {
    await http()
      .post('/cases')
      .set(provinceStaff())
      .send({
        id: 'r-commune',
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-quynh',
        positionId: 'pos-commune-head',
        orgUnitId: 'ou-commune',
        summary: 'Bổ nhiệm lại',
      })
      .expect(201);
    await takeSteps('r-commune', [
      ['self-assessment', staff('ou-commune'), { conclusion: 'ok' }],
      ['key-officials-confidence', secretary('ou-commune'), { minutesRef: 'BB-1', tally }],
      ['head-evaluation', leader('ou-commune'), { conclusion: 'Recommended' }],
      ['leadership-ballot', secretary('ou-commune'), { minutesRef: 'BB-2', tally }],
      ['vetting', staff('ou-commune'), { items: cleared([...checks, 'health']) }],
    ]);
    const batch = await http()
      .post('/transfer-batches')
      .set(provinceStaff())
      .send({
        id: 'tb-office',
        entries: [
          {
            personId: 'p-quynh',
            currentPositionId: 'pos-commune-head',
            positionId: 'pos-office-head',
            orgUnitId: 'ou-department',
            reason: 'Sắp xếp tổ chức bộ máy',
          },
        ],
      })
      .expect(201);
    expect(batch.body.caseIds).toEqual(['tb-office-1']);
    await takeSteps('tb-office-1', [
      [
        'consult-receiving-unit',
        staff('ou-department'),
        { minutesRef: 'BB-T1', conclusion: 'Agreed' },
      ],
      ['candidate-unit-ballot', secretary('ou-department'), { minutesRef: 'BB-T2', tally }],
      [
        'evaluation-and-meeting',
        staff('ou-department'),
        { minutesRef: 'BB-T3', conclusion: 'Met' },
      ],
      ['vetting', staff('ou-department'), { items: cleared(checks) }],
    ]);
  });

  it('a rotation is decided that ends the commune post on its day', async () => {
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
    await takeSteps('rot-deputy', [
      ['proposal', staff('ou-department'), { summary: 'Luân chuyển' }],
      ['discussion', staff('ou-department'), { minutesRef: 'BB-R1', conclusion: 'Agreed' }],
      ['meet-person', leader('ou-department'), { conclusion: 'Met', personOpinion: 'Agrees' }],
      ['vetting', staff('ou-department'), { items: cleared(checks) }],
      ['leadership-vote', secretary('ou-department'), { minutesRef: 'BB-R2', tally }],
    ]);
    await decide('rot-deputy', 'ou-department', 'QĐ-rot', rotationEffective).expect(200);
    await eventually(record, (r) => r.body.posts?.[0]?.endsOn === rotationEffective);
  });

  it('the rotation withdrew the re-appointment of the post it ended; its decision is refused and writes nothing', async () => {
    // Before: the re-appointment stayed open in the inbox, its decision refused as
    // reappointment.post_ended (a decision taken before the withdrawal still is).
    const withdrawn = await eventually(
      () => http().get('/cases/r-commune').set(provinceStaff()).expect(200),
      (r) => r.body.status !== 'open',
    );
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(JSON.stringify(withdrawn.body)).toContain(
      `withdrawn: the post ended by QĐ-rot (${today}) (case rot-deputy)`,
    );
    const refused = await decide('r-commune', 'ou-commune', 'QĐ-bnl', '2028-06-01').expect(409);
    expect(refused.body).toMatchObject({ rule: 'case.closed' });
    const still = await http().get('/cases/r-commune').set(provinceStaff()).expect(200);
    expect(still.body).toMatchObject({ status: 'withdrawn' });
  });

  it('the transfer’s decision is refused: the person no longer holds the post it moves them out of', async () => {
    const refused = await decide('tb-office-1', 'ou-department', 'QĐ-tr', transferEffective).expect(
      422,
    );
    // Before: 200, and the transfer ended the deputy post the rotation gave the day before.
    expect(refused.body).toMatchObject({
      rule: 'rotation.post_ended',
      field: 'leavesPositionId',
      leavesPositionId: 'pos-commune-head',
      endedOn: rotationEffective,
      endedBy: 'QĐ-rot',
    });
    expect(refused.body.message).toContain(
      `moves p-quynh out of pos-commune-head (its transfer batch entry's currentPositionId), which they no longer hold on ${transferEffective}: decision QĐ-rot ended it on ${rotationEffective}`,
    );
    const still = await http().get('/cases/tb-office-1').set(provinceStaff()).expect(200);
    expect(still.body).toMatchObject({ status: 'open', currentStep: { id: 'decision' } });
  });

  it('the record holds the commune post until the rotation’s day and the deputy post from it, nothing else', async () => {
    const { body } = await record();
    expect(body.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-commune-head', endsOn: rotationEffective }),
    ]);
    expect(body.upcomingPosts).toEqual([
      expect.objectContaining({ positionId: 'pos-deputy-director', from: rotationEffective }),
    ]);
  });
});
