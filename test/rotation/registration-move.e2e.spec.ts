import request from 'supertest';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A rotation of a commune official into a post of a city department: the decision moves the
 * person's registration to the department, so the commune they left no longer reads or writes
 * their record (before: it did, and its status "under investigation" blocked the city's own cases).
 */
describe("a decision into another unit's post moves the person's registration", () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (role: string, unit: string) => ({
    Authorization: `Bearer ${t.token(`u-${role}-${unit}`, [role], unit)}`,
  });
  const provinceStaff = () => as('organization_staff', 'ou-province');
  const communeStaff = () => as('organization_staff', 'ou-commune');
  const departmentStaff = () => as('organization_staff', 'ou-department');

  beforeAll(async () => {
    t = await startTestApp('registration_move', { RUN_WORKERS: 'true' });
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
      ['pos-commune-deputy', 'ou-commune'],
      ['pos-deputy-director', 'ou-department'],
      ['pos-deputy-director-2', 'ou-department'],
    ])
      await http()
        .post('/positions')
        .set(provinceStaff())
        .send({ id, title: id, orgUnitId: unit, appointingAuthority: unit, rank: 5 })
        .expect(201);
    for (const id of ['p-commune', 'p-later'])
      await http()
        .post('/cadres')
        .set(communeStaff())
        .send({
          id,
          fullName: `Người ${id}`,
          dateOfBirth: '1985-03-03',
          gender: 'female',
          ethnicity: 'Kinh',
          partyMember: true,
          educationLevel: 'Thạc sĩ',
          politicalTheoryLevel: 'Cao cấp',
          orgUnitId: 'ou-commune',
        })
        .expect(201);
    for (const [id, post] of [
      ['p-commune', 'pos-deputy-director'],
      ['p-later', 'pos-deputy-director-2'],
    ])
      await http()
        .post(`/cadres/${id}/planning-pool`)
        .set(provinceStaff())
        .send({ positionId: post, term: '2025-2030', decisionRef: '112-QĐ/TU' })
        .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * A rotation into a department post, opened by the city (whose grant reaches the commune's
   * official) in the department, run by the department, decided effective `effectiveFrom`.
   */
  async function rotate(
    caseId: string,
    personId: string,
    positionId: string,
    effectiveFrom: string,
  ) {
    const staff = departmentStaff();
    const leader = as('leadership', 'ou-department');
    const secretary = as('ballot_secretary', 'ou-department');
    await http()
      .post('/cases')
      .set(provinceStaff())
      .send({
        id: caseId,
        procedure: 'rotation',
        definition: 'rotation.standard',
        personId,
        positionId,
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
      ['decision', leader, { number: `QĐ-${caseId}`, signer: 'Giám đốc', effectiveFrom }],
    ];
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  }

  it('the department manages the record from the effective day; the commune gets 403 on read and write', async () => {
    // A case of the commune about the person before the move: its history stays the commune's.
    await http()
      .post('/cases')
      .set(communeStaff())
      .send({
        id: 'c-commune',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-commune',
        positionId: 'pos-commune-deputy',
        orgUnitId: 'ou-commune',
        summary: 'Bổ nhiệm tại xã',
      })
      .expect(201);
    await http()
      .post('/cases/c-commune/withdraw')
      .set(communeStaff())
      .send({ reason: 'Chuyển sang luân chuyển' })
      .expect(200);
    await rotate('rot-move', 'p-commune', 'pos-deputy-director', today);

    const record = await eventually(
      () => http().get('/cadres/p-commune').set(departmentStaff()),
      (response) => response.status === 200,
    );
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      orgUnitId: 'ou-department',
      registrationMoves: [
        {
          orgUnitId: 'ou-department',
          previousOrgUnitId: 'ou-commune',
          from: today,
          caseId: 'rot-move',
        },
      ],
    });
    const read = await http().get('/cadres/p-commune').set(communeStaff()).expect(403);
    expect(read.body).toMatchObject({ rule: 'scope.out_of_scope' });
    // The status periods on her record, where the refused write would go: the move's sagas may
    // still be writing her record's other events, and the other cases' elsewhere in the store.
    const statuses =
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'cadre-p-commune' AND type LIKE 'PersonStatus%'";
    const before = await t.db.pool.query(statuses);
    await http()
      .post('/cadres/p-commune/statuses')
      .set(communeStaff())
      .send({ status: 'under_investigation', from: today, note: 'x' })
      .expect(403);
    const after = await t.db.pool.query(statuses);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    await http()
      .post('/cadres/p-commune/statuses')
      .set(departmentStaff())
      .send({ status: 'abroad', from: today, until: addDays(today, 5), note: 'Công tác' })
      .expect(201);

    // The person's history holds what the reader's grant reaches: the department's auditor reads
    // the move and the rotation, not the commune's own case (its history is 403 to them too);
    // the commune's auditors still read that case, no longer the person.
    const history = await eventually(
      () => http().get('/cadres/p-commune/history').set(as('auditor', 'ou-department')),
      (response) =>
        response.status === 200 &&
        response.body.events.some((e: { type: string }) => e.type === 'RegistrationMoved'),
    );
    const streams = new Set(history.body.events.map((e: { streamId: string }) => e.streamId));
    expect(streams).toEqual(new Set(['cadre-p-commune', 'rotation-rot-move']));
    await http().get('/cases/c-commune/history').set(as('auditor', 'ou-department')).expect(403);
    await http().get('/cadres/p-commune/history').set(as('auditor', 'ou-commune')).expect(403);
    await http().get('/cases/c-commune/history').set(as('auditor', 'ou-commune')).expect(200);
  });

  it("the moved person's stream is audited by the department now, no longer by the commune", async () => {
    const exportedTo = async (unit: string) => {
      const response = await http()
        .get('/audit/export?format=ndjson')
        .set(as('auditor', unit))
        .expect(200);
      return response.text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { streamId: string; type: string });
    };
    const streamsOf = (lines: { streamId: string }[]) => new Set(lines.map((l) => l.streamId));
    // The city reads every unit's streams: wait until the department's status after the move
    // has reached the audit history.
    await eventually(
      () => exportedTo('ou-province'),
      (lines) =>
        lines.some((l) => l.streamId === 'cadre-p-commune' && l.type === 'PersonStatusRecorded'),
    );
    const department = await exportedTo('ou-department');
    expect(department.filter((l) => l.streamId === 'cadre-p-commune').map((l) => l.type)).toEqual(
      expect.arrayContaining(['RegistrationMoved', 'PersonStatusRecorded']),
    );
    expect(streamsOf(department)).toContain('rotation-rot-move');
    expect(streamsOf(department)).not.toContain('appointment-c-commune');
    // Before: the commune, where the record was first registered, exported the whole stream,
    // the department's decisions about the person after the move included; the department none.
    const commune = streamsOf(await exportedTo('ou-commune'));
    expect(commune).not.toContain('cadre-p-commune');
    expect(commune).toContain('appointment-c-commune');
    expect(commune).toContain('cadre-p-later');

    const refused = await http()
      .get('/audit/verify?stream=cadre-p-commune')
      .set(as('auditor', 'ou-commune'))
      .expect(403);
    expect(refused.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'stream' });
    const verified = await http()
      .get('/audit/verify?stream=cadre-p-commune')
      .set(as('auditor', 'ou-department'))
      .expect(200);
    expect(verified.body).toMatchObject({ streamId: 'cadre-p-commune', ok: true });
  });

  it('a decision effective later leaves the record with the commune until that day', async () => {
    await rotate('rot-later', 'p-later', 'pos-deputy-director-2', addDays(today, 10));
    const record = await eventually(
      () => http().get('/cadres/p-later').set(communeStaff()),
      (response) => response.body.upcomingPosts?.length === 1,
    );
    expect(record.status).toBe(200);
    // The post is theirs from that day: not yet among the posts held.
    expect(record.body).toMatchObject({
      orgUnitId: 'ou-commune',
      registrationMoves: [],
      posts: [],
    });
  });
});
