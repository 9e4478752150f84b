import request from 'supertest';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A rotation decided today, effective in 30 days: until that day the person still holds the
 * commune post and not yet the department's (before: the record showed the new post as held and
 * the old one as ended at once, and every rule judged the person by posts not yet theirs).
 */
describe('a decision effective on a later day changes the posts held on that day, not before', () => {
  let t: TestApp;
  const today = vietnamToday();
  const effective = addDays(today, 30);
  // The service's clock, moved on at the end to after the effective day.
  let shiftDays = 0;
  const clock = { now: () => new Date(Date.now() + shiftDays * 86_400_000) };
  const http = () => request(t.server as never);
  const as = (role: string, unit: string) => ({
    Authorization: `Bearer ${t.token(`u-${role}-${unit}`, [role], unit)}`,
  });
  const provinceStaff = () => as('organization_staff', 'ou-province');
  const departmentStaff = () => as('organization_staff', 'ou-department');

  beforeAll(async () => {
    t = await startTestApp('decision_effective_later', { RUN_WORKERS: 'true' }, { clock });
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
        id: 'p-moving',
        fullName: 'Người p-moving',
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
      .post('/cadres/p-moving/posts')
      .set(provinceStaff())
      .send({
        positionId: 'pos-commune-head',
        from: '2021-06-01',
        termEnd: '2026-06-01',
        decisionRef: '21-QĐ/UBND',
      })
      .expect(201);
    await http()
      .post('/cadres/p-moving/planning-pool')
      .set(provinceStaff())
      .send({ positionId: 'pos-deputy-director', term: '2025-2030', decisionRef: '112-QĐ/TU' })
      .expect(201);
    await rotateEffectiveLater();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A rotation into the department's post, decided today, effective in 30 days. */
  async function rotateEffectiveLater() {
    const staff = departmentStaff();
    const leader = as('leadership', 'ou-department');
    const secretary = as('ballot_secretary', 'ou-department');
    await http()
      .post('/cases')
      .set(provinceStaff())
      .send({
        id: 'rot-later',
        procedure: 'rotation',
        definition: 'rotation.standard',
        personId: 'p-moving',
        positionId: 'pos-deputy-director',
        orgUnitId: 'ou-department',
        summary: 'Luân chuyển về Sở',
      })
      .expect(201);
    const tally = {
      members: 9,
      summoned: 9,
      present: 9,
      for: 8,
      against: 1,
      abstain: 0,
      invalid: 0,
    };
    const cleared = ['background', 'asset_declaration', 'political_standards'].map((item) => ({
      item,
      result: 'cleared',
    }));
    const steps: [string, Record<string, string>, object][] = [
      ['proposal', staff, { summary: 'Luân chuyển' }],
      ['discussion', staff, { minutesRef: 'BB-1', conclusion: 'Both units agree' }],
      ['meet-person', leader, { conclusion: 'Met', personOpinion: 'Agrees' }],
      ['vetting', staff, { items: cleared }],
      ['leadership-vote', secretary, { minutesRef: 'BB-2', tally }],
      [
        'decision',
        leader,
        { number: 'QĐ-rot-later', signer: 'Giám đốc', effectiveFrom: effective },
      ],
    ];
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/rot-later/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  }

  const record = () => http().get('/cadres/p-moving').set(provinceStaff()).expect(200);

  it('the person view: the commune post still held until the effective day, the department post upcoming from it', async () => {
    const { body } = await eventually(record, (r) => r.body.upcomingPosts?.length === 1);
    // Before: posts = [pos-deputy-director] and pos-commune-head among the past posts, today.
    expect(body.posts).toEqual([
      expect.objectContaining({
        positionId: 'pos-commune-head',
        from: '2021-06-01',
        endsOn: effective,
      }),
    ]);
    expect(body.upcomingPosts).toEqual([
      expect.objectContaining({
        positionId: 'pos-deputy-director',
        from: effective,
        decisionRef: `QĐ-rot-later (${today})`,
      }),
    ]);
    expect(body.pastPosts).toEqual([]);
  });

  it('eligibility judges the posts held on the day asked: today the commune post, from the effective day the new one', async () => {
    const rules = async (positionId: string, asOf?: string) =>
      (
        await http()
          .get(`/cadres/p-moving/eligibility?for=${positionId}${asOf ? `&asOf=${asOf}` : ''}`)
          .set(provinceStaff())
          .expect(200)
      ).body.reasons.map((reason: { rule: string }) => reason.rule);
    // Before: today it "already held" the department post and no longer the commune one.
    expect(await rules('pos-commune-head')).toContain('appointment.already_holds_post');
    expect(await rules('pos-deputy-director')).not.toContain('appointment.already_holds_post');
    // Today: not held yet, but taken up on the effective day (before: only "not in the
    // planning pool" was said of a post already decided).
    const { body } = await http()
      .get('/cadres/p-moving/eligibility?for=pos-deputy-director')
      .set(provinceStaff())
      .expect(200);
    expect(body.reasons).toContainEqual({
      rule: 'appointment.takes_up_post',
      reason: `takes up pos-deputy-director on ${effective} (QĐ-rot-later (${today}))`,
    });
    expect(await rules('pos-commune-head', effective)).not.toContain(
      'appointment.already_holds_post',
    );
    expect(await rules('pos-deputy-director', effective)).toContain(
      'appointment.already_holds_post',
    );
  });

  it('a rotation into the post taken up on the effective day: taken up then, not "already held" with re-appointment to use', async () => {
    const { body } = await http()
      .get('/cadres/p-moving/eligibility?for=pos-deputy-director&procedure=rotation')
      .set(provinceStaff())
      .expect(200);
    // Before: appointment.already_holds_post "p-moving already holds …; use re-appointment".
    const takesUp = `p-moving takes up pos-deputy-director on ${effective} (QĐ-rot-later (${today})): a decided decision gives them the post from that day`;
    expect(body.reasons).toContainEqual({ rule: 'appointment.takes_up_post', reason: takesUp });
    expect(body.reasons.map((r: { rule: string }) => r.rule)).not.toContain(
      'appointment.already_holds_post',
    );
    const opened = await http()
      .post('/cases')
      .set(provinceStaff())
      .send({
        id: 'rot-again',
        procedure: 'rotation',
        definition: 'rotation.standard',
        personId: 'p-moving',
        positionId: 'pos-deputy-director',
        orgUnitId: 'ou-department',
        summary: 'Luân chuyển lần nữa',
      })
      .expect(422);
    expect(opened.body).toMatchObject({
      rule: 'appointment.takes_up_post',
      field: 'positionId',
      message: takesUp,
      takesUpOn: effective,
    });
  });

  it('the leaders the report counts today: the commune still has its head, the department not yet its deputy', async () => {
    // The decision's posts have reached the read model (the department post's row).
    await eventually(
      () => t.db.pool.query("SELECT 1 FROM person_posts WHERE position_id = 'pos-deputy-director'"),
      ({ rowCount }) => rowCount === 1,
    );
    const leaders = async (unit: string) =>
      (await http().get(`/reports/personnel?orgUnit=${unit}`).set(provinceStaff()).expect(200)).body
        .nonLocalLeaders.leaders;
    // Before: 0 and 1 (the ended post's row was deleted, the new one counted at once).
    expect(await leaders('ou-commune')).toBe(1);
    expect(await leaders('ou-department')).toBe(0);
  });

  it('from the effective day on, the posts switch', async () => {
    shiftDays = 31;
    const { body } = await record();
    expect(body.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-deputy-director', from: effective, endsOn: null }),
    ]);
    expect(body.upcomingPosts).toEqual([]);
    expect(body.pastPosts).toEqual([
      expect.objectContaining({ positionId: 'pos-commune-head', endedOn: effective }),
    ]);
    const leaders = async (unit: string) =>
      (await http().get(`/reports/personnel?orgUnit=${unit}`).set(provinceStaff()).expect(200)).body
        .nonLocalLeaders.leaders;
    expect(await leaders('ou-commune')).toBe(0);
    expect(await leaders('ou-department')).toBe(1);
  });
});
