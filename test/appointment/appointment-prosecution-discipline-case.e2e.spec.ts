import request from 'supertest';
import {
  addDays,
  buildPostAppointmentTown,
  eventually,
  townHeaders,
  vietnamToday,
} from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * No one is appointed who is "đang trong thời hạn xử lý kỷ luật, đang bị khởi tố, điều tra, truy
 * tố, xét xử" (the appointment condition, restated; Quy định 377-QĐ/TW's rule sets). Before, a
 * person recorded as detained and on trial was eligible and their appointment went through to its
 * decision (only under_investigation held it back), and an open discipline case held it back only
 * once its verification had confirmed the violation, though Nghị định 172/2025 counts the period
 * of handling from the violation's detection (the case's opening) to the decision. And an open
 * discipline case held the appointment back only at its vetting and decision: the opening naming
 * the person and the nominations naming them went through, as a status holding it back does not.
 */
describe('an appointment of a person prosecuted, on trial, in custody or in a discipline case', () => {
  let t: TestApp;
  let h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const since = addDays(today, -10);
  const http = () => request(t.server as never);
  // Events of the streams that name the case (its own, its id's reservation): the sagas of the
  // steps before may still be writing elsewhere.
  const eventCount = async (caseId: string) =>
    (
      await t.db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM events WHERE stream_id LIKE '%' || $1",
        [caseId],
      )
    ).rows[0].n;
  const record = (personId: string, status: string, from: string) =>
    http()
      .post(`/cadres/${personId}/statuses`)
      .set(h.staff)
      .send({ status, from, note: 'Quyết định của cơ quan tiến hành tố tụng' })
      .expect(201);
  const eligibility = async (personId: string, positionId: string) =>
    (await http().get(`/cadres/${personId}/eligibility?for=${positionId}`).set(h.staff).expect(200))
      .body as { eligible: boolean; reasons: { rule: string; reason: string }[] };
  const step = (caseId: string, stepId: string, who: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body);
  const open = (caseId: string, positionId: string, personId?: string) =>
    http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId,
        ...(personId ? { personId } : {}),
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      });
  const nomination = (candidates: [string, number][]) => ({
    heldOn: today,
    minutesRef: 'BB-2',
    members: 15,
    summoned: 15,
    present: 15,
    invalid: 0,
    candidates: candidates.map(([personId, votes]) => ({ personId, votes })),
  });
  const ballot = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-3',
    tallies: [
      {
        personId,
        tally: { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 },
      },
    ],
  });
  const vetting = {
    heldOn: today,
    items: [
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
  };
  const decision = {
    heldOn: today,
    number: '216-QĐ/TU',
    signer: 'Bí thư Thị ủy',
    effectiveFrom: today,
  };

  /** A Party discipline case about the person, opened by the town's inspector; the record notes it by a saga. */
  async function openDisciplineCase(caseId: string, personId: string) {
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: caseId,
        definition: 'discipline.party',
        personId,
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định về quản lý tài chính',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -60),
          description: 'chi tiết vụ việc',
          source: 'inspection',
        },
      })
      .expect(201);
    await eventually(
      async () => (await http().get(`/cadres/${personId}`).set(h.staff).expect(200)).body,
      (body: { openCases: { caseId: string }[] }) =>
        body.openCases.some((c) => c.caseId === caseId),
    );
  }

  /** A post case carried to its vetting with one nominee chosen at every step. */
  async function toVetting(caseId: string, positionId: string, personId: string) {
    await open(caseId, positionId).expect(201);
    const round1 = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' };
    await step(caseId, 'leadership-round-1', 'staff', round1).expect(200);
    await step(caseId, 'expanded-nomination', 'secretary', nomination([[personId, 12]])).expect(
      200,
    );
    await step(caseId, 'leadership-round-2', 'secretary', ballot(personId)).expect(200);
    await step(
      caseId,
      'key-officials-nomination',
      'secretary',
      nomination([[personId, 12]]),
    ).expect(200);
    const final = await step(caseId, 'leadership-round-3', 'secretary', ballot(personId));
    expect(final.body).toMatchObject({ appointee: personId, currentStep: { id: 'vetting' } });
  }

  beforeAll(async () => {
    t = await startTestApp('appt_prosecution', { RUN_WORKERS: 'true' });
    h = townHeaders(t, {
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
      inspector: ['inspector'],
      clerk: ['organization_staff', 'records_clerk'],
    });
    await buildPostAppointmentTown(t, h.staff, today);
    await record('p-cuong', 'detained', since);
    await record('p-cuong', 'on_trial', since);
    await record('p-dung', 'prosecuted', since);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the eligibility names custody and the trial; the opening naming them is refused, nothing written', async () => {
    const read = await eligibility('p-cuong', 'pos-head-1');
    expect(read.eligible).toBe(false);
    const rules = read.reasons.map((r) => r.rule);
    expect(rules).toEqual(expect.arrayContaining(['status.detained', 'status.on_trial']));
    const custody = read.reasons.find((r) => r.rule === 'status.detained')!;
    expect(custody.reason).toMatch(new RegExp(`^detained since ${since} \\(Quy định 377-QĐ/TW`));
    expect(custody.reason).toContain('đang bị khởi tố, điều tra, truy tố, xét xử');
    const before = await eventCount('c-custody');
    const refused = await open('c-custody', 'pos-head-1', 'p-cuong').expect(422);
    expect(refused.body).toMatchObject({
      rule: 'status.detained',
      field: 'personId',
      status: { status: 'detained', from: since, until: null },
    });
    expect(refused.body.detail).toContain(`p-cuong is ${custody.reason}`);
    expect(await eventCount('c-custody')).toBe(before);
  });

  it('the nomination naming a person prosecuted is refused at their place in the list', async () => {
    expect((await eligibility('p-dung', 'pos-head-5')).reasons).toContainEqual({
      rule: 'status.prosecuted',
      reason: expect.stringMatching(new RegExp(`^prosecuted since ${since} \\(`)),
    });
    await open('c-nominated', 'pos-head-2').expect(201);
    const round1 = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' };
    await step('c-nominated', 'leadership-round-1', 'staff', round1).expect(200);
    const refused = await step(
      'c-nominated',
      'expanded-nomination',
      'secretary',
      nomination([
        ['p-an', 8],
        ['p-dung', 7],
      ]),
    ).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'status.prosecuted',
      field: 'candidates[1].personId',
    });
    expect(refused.body.detail).toContain(`prosecuted since ${since}`);
  });

  it('the decision is refused when the trial began after the vetting cleared the appointee', async () => {
    await toVetting('c-trial', 'pos-head-3', 'p-binh');
    const vetted = await step('c-trial', 'vetting', 'staff', vetting).expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({ result: 'cleared' });
    await record('p-binh', 'on_trial', today);
    const refused = await step('c-trial', 'decision', 'leader', decision).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'status.on_trial',
      status: { status: 'on_trial', from: today, until: null },
    });
    expect(refused.body.detail).toContain('p-binh is on trial since');
    expect(refused.body.detail).toContain('the decision cannot go ahead');
  });

  it('a discipline case opened before the vetting flags it, before any verification', async () => {
    await toVetting('c-disciplined', 'pos-head-4', 'p-an');
    await openDisciplineCase('d-an', 'p-an');
    const read = await eligibility('p-an', 'pos-head-4');
    expect(read.eligible).toBe(false);
    const open = read.reasons.find((r) => r.rule === 'discipline.case_open')!;
    expect(open.reason).toMatch(/^discipline case d-an is open \(Quy định 377-QĐ\/TW/);
    expect(open.reason).toContain('Nghị định 172/2025');
    const vetted = await step('c-disciplined', 'vetting', 'staff', vetting).expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({
      result: 'flagged',
      note: expect.stringMatching(/^open discipline case d-an is pending \(Quy định 377-QĐ\/TW/),
    });
    const refused = await step('c-disciplined', 'decision', 'leader', decision).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'vetting.flagged_item_blocks_decision',
      flaggedItems: ['discipline_bar'],
    });
  });

  it('the opening naming a person in an open discipline case is refused, nothing written', async () => {
    // d-an is open (no verification yet) since the test before.
    const before = await eventCount('c-opened-in-case');
    const refused = await open('c-opened-in-case', 'pos-head-1', 'p-an').expect(422);
    expect(refused.body).toMatchObject({
      rule: 'discipline.case_open',
      field: 'personId',
      disciplineCases: ['d-an'],
      disciplineCasesElsewhere: 0,
    });
    expect(refused.body.detail).toMatch(
      /^personId: p-an is within the period of a discipline case \(discipline case d-an\), open \(Quy định 377-QĐ\/TW/,
    );
    expect(refused.body.detail).toContain('the appointment cannot go ahead until it is decided');
    expect(await eventCount('c-opened-in-case')).toBe(before);
  });

  it('a case kept on paper that began before the discipline case opened is recorded', async () => {
    const began = addDays(today, -5);
    const recorded = await http().post('/cases').set(h.clerk).send({
      id: 'c-on-paper',
      procedure: 'appointment',
      definition: 'appointment.internal',
      positionId: 'pos-head-3',
      personId: 'p-an',
      orgUnitId: 'ou-town',
      summary: 'Bổ nhiệm Trưởng phòng',
      openedOn: began,
      paperRecordRef: 'HS-2026/001',
    });
    expect(recorded.body).toMatchObject({ openedOn: began });
    expect(recorded.status).toBe(201);
  });

  it('the nomination naming a person in an open discipline case is refused at their place', async () => {
    await open('c-nominated-in-case', 'pos-head-1').expect(201);
    const round1 = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' };
    await step('c-nominated-in-case', 'leadership-round-1', 'staff', round1).expect(200);
    const refused = await step(
      'c-nominated-in-case',
      'expanded-nomination',
      'secretary',
      nomination([['p-an', 12]]),
    ).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'discipline.case_open',
      field: 'candidates[0].personId',
      disciplineCases: ['d-an'],
    });
    expect(refused.body.detail).toContain('the nomination cannot go ahead until it is decided');
  });

  it('the decision is refused for a discipline case opened after the vetting cleared the appointee', async () => {
    await http()
      .post('/cadres')
      .set(h.staff)
      .send({
        id: 'p-em',
        fullName: 'Người p-em',
        dateOfBirth: '1982-05-05',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-town',
      })
      .expect(201);
    await http()
      .post('/cadres/p-em/posts')
      .set(h.staff)
      .send({
        positionId: 'pos-deputy',
        from: addDays(today, -1500),
        termEnd: null,
        decisionRef: '1-QĐ',
      })
      .expect(201);
    await http()
      .post('/cadres/p-em/planning-pool')
      .set(h.staff)
      .send({ positionId: 'pos-head-5', term: '2025-2030', decisionRef: '112-QĐ/TU' })
      .expect(201);
    await toVetting('c-late-case', 'pos-head-5', 'p-em');
    const vetted = await step('c-late-case', 'vetting', 'staff', vetting).expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({ result: 'cleared' });
    await openDisciplineCase('d-em', 'p-em');
    const before = await eventCount('c-late-case');
    expect(before).toBeGreaterThan(0);
    const refused = await step('c-late-case', 'decision', 'leader', decision).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'discipline.case_open',
      disciplineCases: ['d-em'],
      disciplineCasesElsewhere: 0,
    });
    expect(refused.body.detail).toMatch(
      /^p-em is within the period of a discipline case \(discipline case d-em\), open \(Quy định 377-QĐ\/TW/,
    );
    expect(refused.body.detail).toContain('the decision cannot go ahead until it is decided');
    expect(await eventCount('c-late-case')).toBe(before);
  });
});
