import request from 'supertest';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A rotation decided today puts the person into the department's deputy post in 30 days and ends
 * their commune post then. A transfer into another post decided next, effective in 10 days, would
 * end the deputy post before it began and leave the commune post held beside the new one for
 * twenty days. It is refused, naming the decision still to begin (before: it was recorded, the
 * deputy post vanished from the record and two posts overlapped), and saying what can be done: a
 * decided decision is neither withdrawn nor corrected (before, the refusal said "annul or
 * withdraw that decision first", which nobody could do). A transfer opened once the rotation is
 * decided is refused at its opening, and a batch's dry run flags its entry, by the same rule
 * (before: the batch check said the list was valid, every step ran and the decision alone was
 * refused).
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
    for (const [id, unit, title] of [
      ['pos-commune-head', 'ou-commune', 'Chủ tịch UBND xã'],
      ['pos-deputy-director', 'ou-department', 'Phó Giám đốc Sở Nội vụ'],
      ['pos-office-head', 'ou-department', 'Chánh Văn phòng Sở'],
      ['pos-inspector', 'ou-department', 'Chánh Thanh tra Sở'],
    ])
      await http()
        .post('/positions')
        .set(provinceStaff())
        .send({
          id,
          title,
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
    // A transfer opened while nothing was pending yet: its decision meets the rotation's.
    await open('tr-office', 'transfer.standard', 'pos-office-head').expect(201);
    await open('rot-deputy', 'rotation.standard', 'pos-deputy-director').expect(201);
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

  it('a transfer opened now is refused at its opening, and flagged by a batch check, naming the post by its title', async () => {
    const refused = await open('tr-inspector', 'transfer.standard', 'pos-inspector').expect(422);
    // Before: 201, every step ran and the decision was refused.
    expect(refused.body).toMatchObject({ rule: 'decision.pending_post', field: 'personId' });
    expect(refused.body.message).toContain(
      `takes up Phó Giám đốc Sở Nội vụ (pos-deputy-director) on ${rotationEffective} by decision QĐ-rot (${today})`,
    );
    expect(refused.body.message).toContain(`open this case from ${rotationEffective}`);
    const entry = {
      personId: 'p-quynh',
      currentPositionId: 'pos-commune-head',
      positionId: 'pos-inspector',
      orgUnitId: 'ou-department',
      reason: 'Sắp xếp tổ chức bộ máy',
    };
    const checked = await http()
      .post('/transfer-batches/check')
      .set(provinceStaff())
      .send({ entries: [entry] })
      .expect(200);
    // Before: valid, and the batch opened the case.
    expect(checked.body).toMatchObject({
      valid: false,
      errors: [
        expect.objectContaining({
          index: 0,
          field: 'entries[0].personId',
          rule: 'decision.pending_post',
          message: expect.stringContaining('Phó Giám đốc Sở Nội vụ (pos-deputy-director)'),
        }),
      ],
    });
  });

  it('a transfer opened before and effective before that day is refused at its decision, naming the decision and what can be done', async () => {
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
      `takes up Phó Giám đốc Sở Nội vụ (pos-deputy-director) on ${rotationEffective} by decision QĐ-rot (${today})`,
    );
    // Before: "annul or withdraw that decision first", which no route does.
    expect(refused.body.message).not.toMatch(/annul|withdraw that decision/);
    expect(refused.body.message).toContain(
      `give this decision an effective day after ${rotationEffective}, or keep the posts held (keepsPreviousPost)`,
    );
    // Indeed: the decided rotation is not withdrawn.
    await http()
      .post('/cases/rot-deputy/withdraw')
      .set(staff())
      .send({ reason: 'Để điều động' })
      .expect(409);
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

  function open(id: string, definition: string, positionId: string) {
    return http().post('/cases').set(provinceStaff()).send({
      id,
      procedure: 'rotation',
      definition,
      personId: 'p-quynh',
      positionId,
      orgUnitId: 'ou-department',
      summary: 'Điều động, luân chuyển',
    });
  }
});
