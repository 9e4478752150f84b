import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

/** An internal-source appointment over HTTP on real PostgreSQL, as staff would run it. */
describe('appointment over HTTP', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('appointment');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-town')}` };
    // A top-level unit is created by an admin only.
    await http()
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` })
      .send({ id: 'ou-town', name: 'Thị xã Demo', kind: 'town' })
      .expect(201);
    await http()
      .post('/org-units')
      .set(staff)
      .send({
        id: 'ou-town-party',
        name: 'Thị ủy Demo',
        kind: 'party_committee',
        parentId: 'ou-town',
      })
      .expect(201);
    // A top-level unit of someone else's: created by an admin.
    await http()
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` })
      .send({ id: 'ou-elsewhere', name: 'Huyện khác', kind: 'district' })
      .expect(201);
    // A person has one open case per post: tests that leave their case open each fill a post of their own.
    for (const [id, rank] of [
      ['pos-deputy', 4],
      ['pos-head', 5],
      ['pos-stale', 5],
      ['pos-bad', 5],
      ['pos-roles', 5],
      ['pos-idem', 5],
      ['pos-asof', 5],
    ] as const) {
      await http()
        .post('/positions')
        .set(staff)
        .send({
          id,
          title: id,
          orgUnitId: 'ou-town-party',
          appointingAuthority: 'ou-town-party',
          rank,
        })
        .expect(201);
    }
    for (const [id, name] of [
      ['p-an', 'Nguyễn Văn An'],
      ['p-binh', 'Trần Văn Bình'],
      ['p-cuong', 'Lê Văn Cường'],
    ]) {
      await http()
        .post('/cadres')
        .set(staff)
        .send({
          id,
          fullName: name,
          dateOfBirth: '1980-04-12',
          gender: 'male',
          ethnicity: 'Kinh',
          partyMember: true,
          educationLevel: 'Thạc sĩ',
          politicalTheoryLevel: 'Cao cấp',
          orgUnitId: 'ou-town-party',
        })
        .expect(201);
      await http()
        .post(`/cadres/${id}/posts`)
        .set(staff)
        .send({
          positionId: 'pos-deputy',
          from: '2021-03-01',
          termEnd: '2026-03-01',
          decisionRef: '45-QĐ/TU',
        })
        .expect(201);
    }
    for (const id of ['p-an', 'p-binh']) {
      await http()
        .post(`/cadres/${id}/planning-pool`)
        .set(staff)
        .send({ positionId: 'pos-head', term: '2025-2030', decisionRef: '112-QĐ/TU' })
        .expect(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const openCase = (id: string, personId: string, positionId = 'pos-head') =>
    http().post('/cases').set(staff).send({
      id,
      procedure: 'appointment',
      definition: 'appointment.internal',
      personId,
      positionId,
      orgUnitId: 'ou-town-party',
      summary: 'Fill the post of head',
    });
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const meeting = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post and standards agreed' };
  const nomination = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-2',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId, votes: 17 },
      // The runner-up is a registered person of the unit too: candidates must lie in the grant.
      { personId: personId === 'p-cuong' ? 'p-binh' : 'p-cuong', votes: 7 },
    ],
  });
  const ballot = (forVotes: number) => ({
    heldOn: today,
    minutesRef: 'BB-3',
    tally: {
      members: 13,
      summoned: 13,
      present: 12,
      for: forVotes,
      against: 12 - forVotes,
      abstain: 0,
      invalid: 0,
    },
  });
  const staffVetting = (flag?: string) => ({
    heldOn: today,
    items: [
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ].map((item) =>
      item === flag
        ? { item, result: 'flagged', note: 'declaration for 2025 missing' }
        : { item, result: 'cleared', note: 'verified' },
    ),
  });
  const decision = {
    heldOn: today,
    number: '215-QĐ/TU',
    signer: 'Bí thư Thị ủy',
    effectiveFrom: today,
  };

  async function throughFinalBallot(caseId: string, personId: string, finalFor = 9) {
    await openCase(caseId, personId).expect(201);
    await http()
      .post(`/cases/${caseId}/steps/leadership-round-1`)
      .set(staff)
      .send(meeting)
      .expect(200);
    await http()
      .post(`/cases/${caseId}/steps/expanded-nomination`)
      .set(secretary)
      .send(nomination(personId))
      .expect(200);
    await http()
      .post(`/cases/${caseId}/steps/leadership-round-2`)
      .set(secretary)
      .send(ballot(9))
      .expect(200);
    await http()
      .post(`/cases/${caseId}/steps/key-officials-nomination`)
      .set(secretary)
      .send(nomination(personId))
      .expect(200);
    return http()
      .post(`/cases/${caseId}/steps/leadership-round-3`)
      .set(secretary)
      .send(ballot(finalFor));
  }

  it('takes an internal-source appointment from proposal to decision', async () => {
    const opened = await openCase('c-happy', 'p-an').expect(201);
    expect(opened.headers.etag).toMatch(/^"0\./);
    expect(opened.body).toMatchObject({
      status: 'open',
      definition: 'appointment.internal@3',
      ruleSet: 'state-2025-10-08',
      currentStep: { id: 'leadership-round-1', kind: 'meeting' },
    });
    await http()
      .post('/cases/c-happy/steps/leadership-round-1')
      .set(staff)
      .set('If-Match', '"0"')
      .send(meeting)
      .expect(200);
    await http()
      .post('/cases/c-happy/steps/expanded-nomination')
      .set(secretary)
      .send(nomination('p-an'))
      .expect(200);
    await http()
      .post('/cases/c-happy/steps/leadership-round-2')
      .set(secretary)
      .send(ballot(9))
      .expect(200);
    await http()
      .post('/cases/c-happy/steps/key-officials-nomination')
      .set(secretary)
      .send(nomination('p-an'))
      .expect(200);
    await http()
      .post('/cases/c-happy/steps/leadership-round-3')
      .set(secretary)
      .send(ballot(9))
      .expect(200);
    const vetted = await http()
      .post('/cases/c-happy/steps/vetting')
      .set(staff)
      .send(staffVetting())
      .expect(200);
    expect(vetted.body.vetting.planning_pool).toMatchObject({
      result: 'cleared',
      source: 'record',
    });
    expect(vetted.body.vetting.discipline_bar).toMatchObject({
      result: 'cleared',
      source: 'record',
    });
    // The term is the rule set's (appointment.termYears): another figure in the body is refused,
    // naming the field and the rule, and nothing is written.
    const before = await http().get('/cases/c-happy').set(staff).expect(200);
    const otherTerm = await http()
      .post('/cases/c-happy/steps/decision')
      .set(leader)
      .send({ ...decision, termYears: 3 })
      .expect(422);
    expect(otherTerm.body).toMatchObject({
      rule: 'decision.term_set_by_rule_set',
      field: 'termYears',
    });
    expect(otherTerm.body.message).toMatch(/the term is 5 years under state-2025-10-08/);
    const after = await http().get('/cases/c-happy').set(staff).expect(200);
    expect(after.headers.etag).toBe(before.headers.etag);
    expect(after.body.status).toBe('open');
    const decided = await http()
      .post('/cases/c-happy/steps/decision')
      .set(leader)
      .send(decision)
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'decided',
      decision: { number: '215-QĐ/TU', termYears: 5 },
      currentStep: null,
      allowedNext: [],
    });

    // The expanded conference's nomination is not announced: staff and leadership see it, the secretary does not.
    const asSecretary = await http().get('/cases/c-happy').set(secretary).expect(200);
    expect(asSecretary.body.steps[1]).toMatchObject({
      type: 'NominationTallied',
      tally: 'not announced',
    });
    const asStaff = await http().get('/cases/c-happy').set(staff).expect(200);
    expect(asStaff.body.steps[1].tally.candidates[0]).toEqual({ personId: 'p-an', votes: 17 });

    // Every event names its actor and the rule version it was decided under.
    const { rows } = await t.db.pool.query(
      "SELECT type, metadata FROM events WHERE stream_id = 'appointment-c-happy' ORDER BY revision",
    );
    // Stored names carry the version of their data.
    expect(rows.map((r) => r.type)).toEqual([
      'CaseOpened.v1',
      'MeetingRecorded.v1',
      'NominationTallied.v1',
      'BallotTallied.v1',
      'NominationTallied.v1',
      'BallotTallied.v1',
      'VettingItemsRecorded.v1',
      'DecisionIssued.v1',
    ]);
    expect(rows[7].metadata).toMatchObject({
      actorId: 'u-leader',
      definitionVersion: 'appointment.internal@3',
      ruleSet: 'state-2025-10-08',
    });
    expect(rows[3].metadata.actorId).toBe('u-secretary');
  });

  it('rejects the case when the final vote fails, saying why with the numbers', async () => {
    const failed = await throughFinalBallot('c-fail', 'p-an', 6);
    expect(failed.status).toBe(200);
    expect(failed.body.status).toBe('rejected');
    expect(failed.body.rejection).toMatchObject({
      rule: 'ballot.failed',
      reason: 'ballot failed: 6 of 13 members for, needs more than 6.5',
    });
    const after = await http()
      .post('/cases/c-fail/steps/vetting')
      .set(staff)
      .send(staffVetting())
      .expect(409);
    expect(after.body).toMatchObject({ rule: 'case.closed' });
  });

  it('blocks the decision while a vetting item is flagged; the record flags a missing planning-pool entry', async () => {
    expect((await throughFinalBallot('c-flag', 'p-cuong')).status).toBe(200);
    const vetted = await http()
      .post('/cases/c-flag/steps/vetting')
      .set(staff)
      .send(staffVetting('asset_declaration'))
      .expect(200);
    expect(vetted.body.vetting.planning_pool).toMatchObject({
      result: 'flagged',
      note: 'no planning-pool entry for pos-head or an equivalent or higher post',
    });
    const blocked = await http()
      .post('/cases/c-flag/steps/decision')
      .set(leader)
      .send(decision)
      .expect(422);
    expect(blocked.body).toMatchObject({
      rule: 'vetting.flagged_item_blocks_decision',
      flaggedItems: ['asset_declaration', 'planning_pool'],
    });
    expect(blocked.body.message).toMatch(/asset_declaration \(declaration for 2025 missing\)/);
    await http()
      .post('/cases/c-flag/reject')
      .set(staff)
      .send({ reason: 'not in the planning pool' })
      .expect(200);
  });

  it('answers 409 with the current revision on a stale If-Match, and writes nothing', async () => {
    await openCase('c-stale', 'p-binh', 'pos-stale').expect(201);
    await http()
      .post('/cases/c-stale/steps/leadership-round-1')
      .set(staff)
      .set('If-Match', '0')
      .send(meeting)
      .expect(200);
    const stale = await http()
      .post('/cases/c-stale/steps/expanded-nomination')
      .set(secretary)
      .set('If-Match', '0')
      .send(nomination('p-binh'))
      .expect(409);
    expect(stale.body).toMatchObject({ rule: 'concurrency.stale_revision', currentRevision: 1 });
    const current = await http().get('/cases/c-stale').set(staff).expect(200);
    expect(current.headers.etag).toMatch(/^"1\./);
    // The same step sent again without If-Match (a second click, a retry) names the revision too.
    const again = await http()
      .post('/cases/c-stale/steps/leadership-round-1')
      .set(staff)
      .send(meeting)
      .expect(409);
    expect(again.body).toMatchObject({ rule: 'step.out_of_order', currentRevision: 1 });
    expect(again.body.message).toMatch(/already done/);
  });

  it('answers 400 naming the field on a bad body, and the stream is unchanged', async () => {
    await openCase('c-bad', 'p-binh', 'pos-bad').expect(201);
    await http().post('/cases/c-bad/steps/leadership-round-1').set(staff).send(meeting).expect(200);
    const before = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'appointment-c-bad'",
    );
    const badTally = await http()
      .post('/cases/c-bad/steps/expanded-nomination')
      .set(secretary)
      .send({ ...nomination('p-binh'), present: 'twenty' })
      .expect(400);
    expect(badTally.body).toMatchObject({ rule: 'body.invalid', field: 'present' });
    const unknown = await http()
      .post('/cases/c-bad/steps/expanded-nomination')
      .set(secretary)
      .send({ ...nomination('p-binh'), voters: ['a'] })
      .expect(400);
    expect(unknown.body.field).toBe('voters');
    const inconsistent = await http()
      .post('/cases/c-bad/steps/expanded-nomination')
      .set(secretary)
      .send({ ...nomination('p-binh'), present: 30 })
      .expect(400);
    expect(inconsistent.body).toMatchObject({ rule: 'tally.inconsistent' });
    const after = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'appointment-c-bad'",
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses a step by a role the definition does not allow, or out of order', async () => {
    await openCase('c-roles', 'p-binh', 'pos-roles').expect(201);
    const wrongRole = await http()
      .post('/cases/c-roles/steps/leadership-round-1')
      .set(secretary)
      .send(meeting)
      .expect(403);
    expect(wrongRole.body).toMatchObject({ rule: 'step.role_not_allowed' });
    const outOfOrder = await http()
      .post('/cases/c-roles/steps/leadership-round-3')
      .set(secretary)
      .send(ballot(9))
      .expect(409);
    const opened = await http().get('/cases/c-roles').set(secretary).expect(200);
    expect(outOfOrder.body).toMatchObject({
      rule: 'step.out_of_order',
      currentStep: 'leadership-round-1',
      // Without If-Match the conflict still names the revision to reload, as a stale one does.
      currentRevision: opened.body.revision,
    });
    expect(typeof outOfOrder.body.currentRevision).toBe('number');
    // A role the step's definition does not name is told so before the case's current step and
    // before the body (README: 403 before anything about the case's state): before, staff sending
    // the decision were answered 409 naming the current step and revision, and a bad body 400.
    const decision = { heldOn: today, number: '1', signer: 'x', effectiveFrom: today };
    for (const [stepId, body] of [
      ['decision', decision],
      ['leadership-round-2', ballot(9)],
      [
        'expanded-nomination',
        { ...nomination('p-binh'), candidates: [{ personId: 'p-binh', votes: -3 }] },
      ],
    ] as const) {
      const notTheirs = await http()
        .post(`/cases/c-roles/steps/${stepId}`)
        .set(staff)
        .send(body)
        .expect(403);
      expect(notTheirs.body).toMatchObject({ rule: 'step.role_not_allowed' });
      expect(notTheirs.body.message).toMatch(`step ${stepId} is performed by`);
      expect(notTheirs.body.currentRevision).toBeUndefined();
    }
    // A step the definition does not have stays 404, whoever asks.
    const unknown = await http()
      .post('/cases/c-roles/steps/no-such-step')
      .set(staff)
      .send(meeting)
      .expect(404);
    expect(unknown.body).toMatchObject({ rule: 'step.unknown', field: 'stepId' });
    const outsider = {
      Authorization: `Bearer ${t.token('u-out', ['organization_staff'], 'ou-elsewhere')}`,
    };
    await http()
      .post('/cases/c-roles/steps/leadership-round-1')
      .set(outsider)
      .send(meeting)
      .expect(403);
  });

  it('returns the first answer to a retried step with the same Idempotency-Key', async () => {
    await openCase('c-idem', 'p-binh', 'pos-idem').expect(201);
    const first = await http()
      .post('/cases/c-idem/steps/leadership-round-1')
      .set(staff)
      .set('Idempotency-Key', 'step-1')
      .send(meeting)
      .expect(200);
    const retry = await http()
      .post('/cases/c-idem/steps/leadership-round-1')
      .set(staff)
      .set('Idempotency-Key', 'step-1')
      .send(meeting)
      .expect(200);
    expect(retry.body).toEqual(first.body);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'appointment-c-idem'",
    );
    expect(rows[0].n).toBe(2);
  });

  it('shows the case as it stood at an earlier time', async () => {
    await openCase('c-asof', 'p-binh', 'pos-asof').expect(201);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await http()
      .post('/cases/c-asof/steps/leadership-round-1')
      .set(staff)
      .send(meeting)
      .expect(200);
    const then = await http()
      .get(`/cases/c-asof?asOf=${encodeURIComponent(between)}`)
      .set(staff)
      .expect(200);
    expect(then.body).toMatchObject({ revision: 0, currentStep: { id: 'leadership-round-1' } });
    const now = await http().get('/cases/c-asof').set(staff).expect(200);
    expect(now.body).toMatchObject({ revision: 1, currentStep: { id: 'expanded-nomination' } });
  });

  it('refuses to open a case for an unknown definition or a person not registered', async () => {
    const unknown = await http()
      .post('/cases')
      .set(staff)
      .send({
        procedure: 'appointment',
        definition: 'appointment.lottery',
        personId: 'p-an',
        positionId: 'pos-head',
        orgUnitId: 'ou-town-party',
        summary: 'x',
      })
      .expect(400);
    expect(unknown.body).toMatchObject({ rule: 'definition.unknown', field: 'definition' });
    // An unknown person is answered like one outside the grant: existence is not revealed.
    const nobody = await openCase('c-nobody', 'p-nobody').expect(403);
    expect(nobody.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'personId' });
  });
});
