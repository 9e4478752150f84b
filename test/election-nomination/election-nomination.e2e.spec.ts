import request from 'supertest';
import { addMonths } from '../../src/workflow/rules/retirement';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { fireStepDeadline } from '../support/step-deadline-timer';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Introducing a person for the People's Council to elect (giới thiệu nhân sự ứng cử) over HTTP:
 * the Party's steps, the council's vote (> 50% of all delegates) and the province's confirmation
 * (phê chuẩn), which puts the elected post on the person's record for the council's term.
 */
describe('nomination for election over HTTP', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let province: Record<string, string>;
  let otherCommune: Record<string, string>;
  const http = () => request(t.server as never);
  const today = vietnamToday();
  const councilTermFrom = addDays(today, -150);
  const tally = {
    members: 11,
    summoned: 11,
    present: 10,
    for: 8,
    against: 2,
    abstain: 0,
    invalid: 0,
  };

  beforeAll(async () => {
    t = await startTestApp('election-nomination', { RUN_WORKERS: 'true' });
    const token = (user: string, role: string, unit: string) => ({
      Authorization: `Bearer ${t.token(user, [role], unit)}`,
    });
    const admin = token('u-admin', 'admin', 'ou-prov');
    staff = token('u-staff', 'organization_staff', 'ou-commune');
    secretary = token('u-secretary', 'ballot_secretary', 'ou-commune');
    province = token('u-chair', 'leadership', 'ou-prov');
    otherCommune = token('u-other', 'organization_staff', 'ou-commune-b');
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-prov', name: 'Tỉnh Demo', kind: 'province' })
      .expect(201);
    for (const id of ['ou-commune', 'ou-commune-b'])
      await http()
        .post('/org-units')
        .set(admin)
        .send({ id, name: `Xã ${id}`, kind: 'commune', parentId: 'ou-prov' })
        .expect(201);
    // The commune's Party committee and its inspection commission (a Party body); the other
    // commune's Party committee.
    for (const [id, kind, parentId] of [
      ['ou-commune-party', 'party_committee', 'ou-commune'],
      ['ou-commune-ubkt', 'agency', 'ou-commune-party'],
      ['ou-commune-b-party', 'party_committee', 'ou-commune-b'],
    ])
      await http().post('/org-units').set(admin).send({ id, name: id, kind, parentId }).expect(201);
    for (const [id, filledBy, orgUnitId] of [
      ['pos-chair', 'election', 'ou-commune'],
      ['pos-vice', 'election', 'ou-commune'],
      ['pos-office', 'appointment', 'ou-commune'],
      ['pos-ubkt-deputy', 'election', 'ou-commune-ubkt'],
    ])
      await http()
        .post('/positions')
        .set(token('u-prov-staff', 'organization_staff', 'ou-prov'))
        .send({
          id,
          title: id,
          orgUnitId,
          appointingAuthority: 'ou-prov',
          rank: 4,
          filledBy,
        })
        .expect(201);
    for (const id of ['p-lan', 'p-minh', 'p-late', 'p-other'])
      await http()
        .post('/cadres')
        .set(staff)
        .send({
          id,
          fullName: `Người ${id}`,
          dateOfBirth: '1979-02-03',
          gender: 'female',
          ethnicity: 'Kinh',
          partyMember: true,
          educationLevel: 'Thạc sĩ',
          politicalTheoryLevel: 'Cao cấp',
          orgUnitId: 'ou-commune',
        })
        .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (id: string, personId: string, positionId = 'pos-chair', as = staff) =>
    http().post('/cases').set(as).send({
      id,
      procedure: 'election',
      definition: 'election.nomination',
      personId,
      positionId,
      orgUnitId: 'ou-commune',
      summary: 'Giới thiệu nhân sự để HĐND xã bầu giữ chức Chủ tịch UBND xã',
    });
  const step = (caseId: string, stepId: string, as: Record<string, string>, body: object) =>
    http()
      .post(`/cases/${caseId}/steps/${stepId}`)
      .set(as)
      .send({ heldOn: today, ...body });
  const untilElection = async (caseId: string, personId: string, positionId = 'pos-chair') => {
    await open(caseId, personId, positionId).expect(201);
    await step(caseId, 'proposal', staff, { summary: 'Đề xuất giới thiệu' }).expect(200);
    await step(caseId, 'leadership-ballot', secretary, { minutesRef: 'BB-1', tally }).expect(200);
    const items = ['background', 'asset_declaration', 'political_standards', 'health'];
    await step(caseId, 'vetting', staff, {
      items: items.map((item) => ({ item, result: 'cleared' })),
    }).expect(200);
    await step(caseId, 'party-committee', secretary, { minutesRef: 'BB-2', tally }).expect(200);
  };
  const electionBody = (vote: object) => ({ minutesRef: 'NQ-05/HĐND', councilTermFrom, vote });

  it('puts the elected post on the record for the council’s term once the province confirms it', async () => {
    await untilElection('e-1', 'p-lan');
    const elected = await step(
      'e-1',
      'council-election',
      secretary,
      electionBody({ delegates: 30, present: 28, for: 16, against: 11, invalid: 1 }),
    ).expect(200);
    expect(elected.body.currentStep).toMatchObject({ id: 'confirmation' });
    expect(elected.body.steps.at(-1)).toMatchObject({
      type: 'ElectionResultRecorded',
      outcome: 'elected',
      reason: 'elected: 16 of 30 delegates for, needs more than 15',
    });
    const termEnd = addMonths(councilTermFrom, 60);
    const confirmed = await step('e-1', 'confirmation', province, {
      number: '88/QĐ-UBND',
      signer: 'Chủ tịch UBND tỉnh',
      effectiveFrom: today,
    }).expect(200);
    expect(confirmed.body.decision).toMatchObject({ termEnd, termYears: 5 });
    for (let tries = 0; tries < 100; tries += 1) {
      const { body } = await http().get('/cadres/p-lan').set(staff).expect(200);
      const post = body.posts.find((p: { positionId: string }) => p.positionId === 'pos-chair');
      if (post) {
        expect(post).toMatchObject({
          from: today,
          termEnd,
          decisionRef: expect.stringMatching(/88/),
        });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the elected post did not reach the record');
  });

  it('ends the case under election.not_elected when half of the delegates or fewer vote for', async () => {
    // The vice-chair's seat: the chair's is p-lan's for the council's term since the case above.
    await untilElection('e-2', 'p-minh', 'pos-vice');
    const failed = await step(
      'e-2',
      'council-election',
      secretary,
      electionBody({ delegates: 30, present: 29, for: 15, against: 13, invalid: 1 }),
    ).expect(200);
    expect(failed.body).toMatchObject({
      status: 'rejected',
      rejection: {
        rule: 'election.not_elected',
        stepId: 'council-election',
        reason: expect.stringMatching(/not elected: 15 of 30 delegates for, needs more than 15/),
      },
    });
    const after = await step('e-2', 'confirmation', province, {
      number: '1/QĐ',
      signer: 'x',
      effectiveFrom: today,
    }).expect(409);
    expect(after.body.rule).toBe('case.closed');
    const { body } = await http().get('/cadres/p-minh').set(staff).expect(200);
    expect(body.posts).toEqual([]);
  });

  it('refuses a step with the rule that refused it and writes nothing', async () => {
    const again = await step('e-1', 'confirmation', province, {
      number: '89/QĐ-UBND',
      signer: 'Chủ tịch UBND tỉnh',
      effectiveFrom: today,
    }).expect(409);
    expect(again.body).toMatchObject({ rule: 'decision.already_issued' });
    await open('e-3', 'p-other', 'pos-vice').expect(201);
    const early = await step(
      'e-3',
      'council-election',
      secretary,
      electionBody({ delegates: 30, present: 28, for: 20, against: 8, invalid: 0 }),
    ).expect(409);
    expect(early.body).toMatchObject({ rule: 'step.out_of_order', field: 'stepId' });
    const empty = await step('e-3', 'proposal', staff, { summary: '' }).expect(400);
    expect(empty.body.field).toBe('summary');
    const appointed = await open('e-4', 'p-other', 'pos-office').expect(422);
    expect(appointed.body).toMatchObject({
      rule: 'election.post_not_elected',
      field: 'positionId',
    });
    // Elected, but by the Party's committee, not by the People's Council: refused, nothing written.
    // The streams its opening writes (the case's own, its id's, its slot): the earlier cases'
    // sagas may still be writing elsewhere in the store.
    const events = () =>
      streamEventCount(t.db.pool, ['%-e-party', 'caseslot-%/p-other/pos-ubkt-deputy']);
    const before = await events();
    const party = await open('e-party', 'p-other', 'pos-ubkt-deputy').expect(422);
    expect(party.body).toMatchObject({ rule: 'election.party_post', field: 'positionId' });
    expect(party.body.message).toMatch(/ou-commune-party is a Party committee/);
    expect(await events()).toBe(before);
    const { body } = await http().get('/cases/e-3').set(staff).expect(200);
    expect(body.steps).toEqual([]);
  });

  it('refuses a council session without two thirds of the delegates present, or after the council’s term ended', async () => {
    // The chair's holder, introduced again (tái cử): the seat is p-lan's since the first case.
    await untilElection('e-5', 'p-lan');
    const refused = await step(
      'e-5',
      'council-election',
      secretary,
      electionBody({ delegates: 30, present: 19, for: 19, against: 0, invalid: 0 }),
    ).expect(422);
    expect(refused.body).toMatchObject({ rule: 'ballot.no_quorum', field: 'vote.present' });
    expect(refused.body.message).toMatch(/19 of 30 delegates present, needs at least 20/);
    const inconsistent = await step(
      'e-5',
      'council-election',
      secretary,
      electionBody({ delegates: 30, present: 28, for: 20, against: 3, invalid: 0 }),
    ).expect(400);
    expect(inconsistent.body).toMatchObject({ rule: 'tally.inconsistent', field: 'vote.present' });
    // Before: 200, and the confirmation was then refused election.council_term_ended: stuck.
    const endedTermFrom = addMonths(today, -61);
    const ended = await step('e-5', 'council-election', secretary, {
      ...electionBody({ delegates: 30, present: 28, for: 20, against: 8, invalid: 0 }),
      councilTermFrom: endedTermFrom,
    }).expect(422);
    expect(ended.body).toMatchObject({
      rule: 'election.council_term_ended',
      field: 'councilTermFrom',
    });
    expect(ended.body.message).toContain(`ended on ${addMonths(endedTermFrom, 60)}`);
    const { body } = await http().get('/cases/e-5').set(staff).expect(200);
    expect(body.currentStep).toMatchObject({ id: 'council-election' });
    expect(body.steps.map((s: { type: string }) => s.type)).not.toContain('ElectionResultRecorded');
  });

  describe('for a post another person holds, elected by the previous council', () => {
    // Elected on paper; the term ends ten days ago.
    const sittingUntil = addDays(today, -10);
    beforeAll(async () => {
      await http()
        .post('/positions')
        .set({
          Authorization: `Bearer ${t.token('u-prov-staff', ['organization_staff'], 'ou-prov')}`,
        })
        .send({
          id: 'pos-vice-2',
          title: 'Phó Chủ tịch UBND xã (thứ hai)',
          orgUnitId: 'ou-commune',
          appointingAuthority: 'ou-prov',
          rank: 4,
          filledBy: 'election',
        })
        .expect(201);
      for (const id of ['p-sitting', 'p-next'])
        await http()
          .post('/cadres')
          .set(staff)
          .send({
            id,
            fullName: `Người ${id}`,
            dateOfBirth: '1980-04-05',
            gender: 'male',
            ethnicity: 'Kinh',
            partyMember: true,
            educationLevel: 'Thạc sĩ',
            politicalTheoryLevel: 'Cao cấp',
            orgUnitId: 'ou-commune',
          })
          .expect(201);
      await http()
        .post('/cadres/p-sitting/posts')
        .set(staff)
        .send({
          positionId: 'pos-vice-2',
          from: '2021-06-25',
          termEnd: sittingUntil,
          decisionRef: '03/NQ-HĐND',
          electedOn: '2021-06-25',
        })
        .expect(201);
      const holders = () =>
        t.db.pool.query("SELECT 1 FROM person_posts WHERE position_id = 'pos-vice-2'");
      await eventually(holders, ({ rowCount }) => rowCount === 1);
    });

    it('introduces the holder for the post again (tái cử): the council judges the seat', async () => {
      await open('e-holder', 'p-sitting', 'pos-vice-2').expect(201);
    });

    it('refuses the council’s election while the holder’s term runs into the council’s', async () => {
      await untilElection('e-7', 'p-next', 'pos-vice-2');
      const vote = { delegates: 30, present: 28, for: 20, against: 8, invalid: 0 };
      // Before: 200, and the confirmation put a second vice-chair into the seat.
      const taken = await step('e-7', 'council-election', secretary, electionBody(vote)).expect(
        422,
      );
      expect(taken.body).toMatchObject({
        rule: 'election.post_not_free',
        field: 'councilTermFrom',
      });
      expect(taken.body.message).toContain(
        `held by Người p-sitting (p-sitting) from 2021-06-25 until ${sittingUntil}`,
      );
      const { body } = await http().get('/cases/e-7').set(staff).expect(200);
      expect(body.currentStep).toMatchObject({ id: 'council-election' });
      // The council whose term begins once the seat is free elects.
      const free = await step('e-7', 'council-election', secretary, {
        ...electionBody(vote),
        councilTermFrom: addDays(sittingUntil, 5),
      }).expect(200);
      expect(free.body.currentStep).toMatchObject({ id: 'confirmation' });
    });
  });

  it('records a missed proposal deadline as an event on the case', async () => {
    const missed = await fireStepDeadline(t, 'election-e-3');
    expect(missed.map((m) => m.stepId)).toEqual(['proposal']);
  });

  describe('for a post another person holds for the running council’s term', () => {
    const runningUntil = addDays(today, 1500);
    beforeAll(async () => {
      await http()
        .post('/positions')
        .set({
          Authorization: `Bearer ${t.token('u-prov-staff', ['organization_staff'], 'ou-prov')}`,
        })
        .send({
          id: 'pos-vice-3',
          title: 'Phó Chủ tịch UBND xã (thứ ba)',
          orgUnitId: 'ou-commune',
          appointingAuthority: 'ou-prov',
          rank: 4,
          filledBy: 'election',
        })
        .expect(201);
      for (const id of ['p-khanh', 'p-nga'])
        await http()
          .post('/cadres')
          .set(staff)
          .send({
            id,
            fullName: id === 'p-khanh' ? 'Đỗ Văn Khánh' : 'Lý Thị Nga',
            dateOfBirth: '1985-04-05',
            gender: 'female',
            ethnicity: 'Kinh',
            partyMember: true,
            educationLevel: 'Thạc sĩ',
            politicalTheoryLevel: 'Cao cấp',
            orgUnitId: 'ou-commune',
          })
          .expect(201);
      await http()
        .post('/cadres/p-khanh/posts')
        .set(staff)
        .send({
          positionId: 'pos-vice-3',
          from: councilTermFrom,
          termEnd: runningUntil,
          decisionRef: '03/NQ-HĐND',
          electedOn: councilTermFrom,
        })
        .expect(201);
      await eventually(
        () => t.db.pool.query("SELECT 1 FROM person_posts WHERE position_id = 'pos-vice-3'"),
        ({ rowCount }) => rowCount === 1,
      );
    });

    it('refuses the nomination at opening, naming the holder and the post, and writes nothing', async () => {
      // The streams its opening writes (the case's own, its id's, its slot), not the whole store.
      const events = () => streamEventCount(t.db.pool, ['%-e-8', 'caseslot-%/p-nga/pos-vice-3']);
      const before = await events();
      // Before: opened, and only the council's vote, four steps later, refused the seat.
      const taken = await open('e-8', 'p-nga', 'pos-vice-3').expect(422);
      expect(taken.body).toMatchObject({ rule: 'election.post_not_free', field: 'positionId' });
      expect(taken.body.message).toContain(
        `Phó Chủ tịch UBND xã (thứ ba) (pos-vice-3) is held by Đỗ Văn Khánh (p-khanh) from ${councilTermFrom} until ${runningUntil}`,
      );
      expect(await events()).toBe(before);
    });

    it('lets the commune’s Party committee run the holder’s re-election (tái cử), not a body under it', async () => {
      // Before: 422 case.unit_without_authority, though the Party committee introduces the candidate.
      const byParty = await http()
        .post('/cases')
        .set(staff)
        .send({
          id: 'e-9',
          procedure: 'election',
          definition: 'election.nomination',
          personId: 'p-khanh',
          positionId: 'pos-vice-3',
          orgUnitId: 'ou-commune-party',
          summary: 'Đảng ủy xã giới thiệu tái cử Phó Chủ tịch UBND xã',
        })
        .expect(201);
      expect(byParty.body).toMatchObject({ orgUnitId: 'ou-commune-party' });
      const byCommission = await http()
        .post('/cases')
        .set(staff)
        .send({
          id: 'e-10',
          procedure: 'election',
          definition: 'election.nomination',
          personId: 'p-nga',
          positionId: 'pos-vice',
          orgUnitId: 'ou-commune-ubkt',
          summary: 'Giới thiệu nhân sự',
        })
        .expect(422);
      expect(byCommission.body).toMatchObject({ rule: 'case.unit_without_authority' });
    });
  });

  describe('the confirmation claims the elected post’s seat (postseat-<post>)', () => {
    const recordHolder = (personId: string, positionId: string) =>
      http()
        .post(`/cadres/${personId}/posts`)
        .set(staff)
        .send({
          positionId,
          from: today,
          termEnd: addMonths(councilTermFrom, 60),
          decisionRef: '07/NQ-HĐND',
          electedOn: today,
        });
    const confirm = (caseId: string) =>
      step(caseId, 'confirmation', province, {
        number: `9-${caseId}/QĐ-UBND`,
        signer: 'Chủ tịch UBND tỉnh',
        effectiveFrom: today,
      });
    const elect = async (caseId: string, personId: string, positionId: string) => {
      await untilElection(caseId, personId, positionId);
      const vote = { delegates: 30, present: 28, for: 20, against: 8, invalid: 0 };
      await step(caseId, 'council-election', secretary, electionBody(vote)).expect(200);
    };

    beforeAll(async () => {
      for (const id of ['pos-seat-a', 'pos-seat-b'])
        await http()
          .post('/positions')
          .set({
            Authorization: `Bearer ${t.token('u-prov-staff', ['organization_staff'], 'ou-prov')}`,
          })
          .send({
            id,
            title: id,
            orgUnitId: 'ou-commune',
            appointingAuthority: 'ou-prov',
            rank: 4,
            filledBy: 'election',
          })
          .expect(201);
      for (const id of ['p-seat-1', 'p-seat-2', 'p-seat-3', 'p-seat-4'])
        await http()
          .post('/cadres')
          .set(staff)
          .send({
            id,
            fullName: `Người ${id}`,
            dateOfBirth: '1982-03-04',
            gender: 'male',
            ethnicity: 'Kinh',
            partyMember: true,
            educationLevel: 'Thạc sĩ',
            politicalTheoryLevel: 'Cao cấp',
            orgUnitId: 'ou-commune',
          })
          .expect(201);
    });

    it('refuses the confirmation while a holder recorded since the council’s vote takes the one seat, writing nothing', async () => {
      await elect('e-seat-a', 'p-seat-1', 'pos-seat-a');
      await recordHolder('p-seat-2', 'pos-seat-a').expect(201);
      // Before: 200, and the record had two holders of the one-seat elected post.
      const refused = await confirm('e-seat-a').expect(422);
      expect(refused.body).toMatchObject({ rule: 'post.held_by_another', field: 'effectiveFrom' });
      expect(refused.body.message).toContain('p-seat-2');
      expect(refused.body.message).toContain("the post was filled since the council's election");
      const { rows } = await t.db.pool.query(
        "SELECT count(*)::int AS n FROM events WHERE stream_id = 'election-e-seat-a' AND type LIKE 'DecisionIssued%'",
      );
      expect(rows[0].n).toBe(0);
    });

    it('lets one of a confirmation and a record sent at once take the seat, and the confirmation writes its claim', async () => {
      await elect('e-seat-b', 'p-seat-3', 'pos-seat-b');
      const [confirmed, recorded] = await Promise.all([
        confirm('e-seat-b'),
        recordHolder('p-seat-4', 'pos-seat-b'),
      ]);
      // Before: 200 and 201, two holders of the post.
      const won = [confirmed.status === 200, recorded.status === 201];
      expect(won.filter(Boolean)).toHaveLength(1);
      const refused = won[0] ? recorded : confirmed;
      expect(refused.body).toMatchObject({ rule: 'post.held_by_another' });
      const claims = await t.db.pool.query(
        "SELECT data FROM events WHERE stream_id = 'postseat-pos-seat-b' ORDER BY global_position",
      );
      expect(claims.rows.map((row) => row.data.claimant)).toEqual([
        won[0] ? 'p-seat-3' : 'p-seat-4',
      ]);
    });
  });

  it('offers the opening form the commune’s Party committee for a nomination, not for another procedure', async () => {
    const caseUnits = (query: string) =>
      http().get(`/positions/pos-vice/case-units${query}`).set(staff);
    // Before: the appointing authority, the post's unit and the units above only, whatever the
    // procedure, so the form never offered the Đảng ủy the opening accepts.
    const nomination = await caseUnits('?procedure=election').expect(200);
    expect(nomination.body).toEqual({
      positionId: 'pos-vice',
      orgUnitIds: ['ou-prov', 'ou-commune', 'ou-commune-party'],
    });
    for (const query of ['', '?procedure=appointment']) {
      const other = await caseUnits(query).expect(200);
      expect(other.body.orgUnitIds).toEqual(['ou-prov', 'ou-commune']);
    }
    const unknown = await caseUnits('?procedure=bau-cu').expect(400);
    expect(unknown.body).toMatchObject({ rule: 'procedure.unknown', field: 'procedure' });
    expect(unknown.body.detail).toMatch(/^procedure: "bau-cu" is not one of .*election/);
  });

  it('keeps another commune’s staff out of the commune’s nominations', async () => {
    const opening = await open('e-6', 'p-other', 'pos-chair', otherCommune).expect(403);
    expect(opening.body).toMatchObject({ rule: 'scope.out_of_scope' });
    const stepping = await step('e-5', 'council-election', otherCommune, {}).expect(403);
    expect(stepping.body.rule).toBe('scope.out_of_scope');
    await http().get('/cases/e-6').set(staff).expect(403);
  });
});
