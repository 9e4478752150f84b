import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

describe('rotation and transfer over HTTP', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    // Workers on: the decision's saga writes the post on the person's record.
    t = await startTestApp('rotation', { RUN_WORKERS: 'true' });
    // Granted at the province the town lies in: the non-local rotation goes to a provincial post.
    staff = {
      Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-province')}`,
    };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-province')}`,
    };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-province')}` };
    await buildRegistry(t, staff, {
      within: { id: 'ou-province', name: 'Tỉnh Demo', kind: 'province' },
      positions: [
        { id: 'pos-commune-chair', rank: 4 },
        { id: 'pos-deputy', rank: 5 },
      ],
      people: [
        { id: 'p-pooled', dateOfBirth: '1988-02-02', pool: ['pos-deputy'] },
        // Holds a post of the province (a rotation leads to another unit: rotation.same_unit).
        { id: 'p-unpooled', dateOfBirth: '1988-02-02' },
        // In the pool, holding nothing yet: moved by another town (p-pooled, rotated into the
        // town's commune chair, would be refused rotation.same_unit first).
        { id: 'p-pooled-elsewhere', dateOfBirth: '1988-02-02', pool: ['pos-deputy'] },
        // About six years of work left: under the 10 a rotation needs, over the one term of art. 4(2).
        { id: 'p-non-local', dateOfBirth: '1971-01-01', gender: 'male' },
      ],
    });
    // A leadership post of the province, and a person from another province.
    await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-provincial-chair',
        title: 'Chủ tịch UBND tỉnh',
        orgUnitId: 'ou-province',
        appointingAuthority: 'ou-province',
        rank: 8,
        isLeadership: true,
      })
      .expect(201);
    await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-province-office',
        title: 'Chuyên viên Văn phòng tỉnh',
        orgUnitId: 'ou-province',
        appointingAuthority: 'ou-province',
        rank: 5,
      })
      .expect(201);
    await http()
      .post('/cadres/p-unpooled/posts')
      .set(staff)
      .send({
        positionId: 'pos-province-office',
        from: addDays(today, -400),
        termEnd: null,
        decisionRef: '1-QĐ',
      })
      .expect(201);
    await http()
      .post('/cadres/p-non-local/place-of-origin')
      .set(staff)
      .send({ province: 'Tỉnh Nghệ An', locality: 'Xã Nam Đàn' })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (id: string, personId: string, definition: string) =>
    http().post('/cases').set(staff).send({
      id,
      procedure: 'rotation',
      definition,
      personId,
      positionId: 'pos-commune-chair',
      orgUnitId: 'ou-town',
      summary: 'Rotate to the commune',
    });

  it('rotates a person in the planning pool, recording their opinion and a duration of at least 3 years', async () => {
    const opened = await open('rot-1', 'p-pooled', 'rotation.standard').expect(201);
    expect(opened.body.facts).toMatchObject({ kind: 'rotation' });
    await http()
      .post('/cases/rot-1/steps/proposal')
      .set(staff)
      .send({ heldOn: today, summary: 'Rotation to strengthen the commune' })
      .expect(200);
    await http()
      .post('/cases/rot-1/steps/discussion')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'Both units agree' })
      .expect(200);
    const noOpinion = await http()
      .post('/cases/rot-1/steps/meet-person')
      .set(leader)
      .send({ heldOn: today, conclusion: 'Met' })
      .expect(400);
    expect(noOpinion.body).toMatchObject({ rule: 'field.required', field: 'personOpinion' });
    await http()
      .post('/cases/rot-1/steps/meet-person')
      .set(leader)
      .send({ heldOn: today, conclusion: 'Met', personOpinion: 'Agrees' })
      .expect(200);
    // Rotation checks the record as appointment does: discipline comes from the record.
    const vetted = await http()
      .post('/cases/rot-1/steps/vetting')
      .set(staff)
      .send({
        heldOn: today,
        items: ['background', 'asset_declaration', 'political_standards'].map((item) => ({
          item,
          result: 'cleared',
          note: 'verified',
        })),
      })
      .expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({
      result: 'cleared',
      source: 'record',
    });
    await http()
      .post('/cases/rot-1/steps/leadership-vote')
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-2',
        tally: {
          members: 13,
          summoned: 13,
          present: 12,
          for: 10,
          against: 2,
          abstain: 0,
          invalid: 0,
        },
      })
      .expect(200);
    const short = await http()
      .post('/cases/rot-1/steps/decision')
      .set(leader)
      .send({ heldOn: today, number: '9-QĐ', signer: 'Bí thư', effectiveFrom: today, termYears: 2 })
      .expect(422);
    expect(short.body).toMatchObject({
      rule: 'rotation.duration_below_minimum',
      field: 'termYears',
    });
    const decided = await http()
      .post('/cases/rot-1/steps/decision')
      .set(leader)
      .send({ heldOn: today, number: '9-QĐ', signer: 'Bí thư', effectiveFrom: today, termYears: 3 })
      .expect(200);
    expect(decided.body).toMatchObject({ status: 'decided', decision: { termYears: 3 } });
  });

  it('refuses a rotation without a planning-pool entry, naming it, but opens a transfer', async () => {
    const refused = await open('rot-2', 'p-unpooled', 'rotation.standard').expect(422);
    expect(refused.body).toMatchObject({
      rule: 'rotation.no_planning_pool_entry',
      field: 'positionId',
    });
    expect(refused.body.message).toMatch(/pos-commune-chair or a higher post; the person has none/);
    const transfer = await open('tr-1', 'p-unpooled', 'transfer.standard').expect(201);
    expect(transfer.body).toMatchObject({
      definition: 'transfer.standard@2',
      facts: { kind: 'transfer' },
      // A leader's transfer follows the external-source procedure (Nghị định 170/2025 art. 25).
      currentStep: { id: 'consult-receiving-unit' },
    });
    await http()
      .post('/cases/tr-1/steps/consult-receiving-unit')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-T1', conclusion: 'The commune agrees' })
      .expect(200);
    // A 50 % result at the person's own unit goes to its head.
    const tie = {
      heldOn: today,
      minutesRef: 'BB-T2',
      tally: { members: 8, summoned: 8, present: 8, for: 4, against: 4, abstain: 0, invalid: 0 },
    };
    const undecided = await http()
      .post('/cases/tr-1/steps/candidate-unit-ballot')
      .set(secretary)
      .send(tie)
      .expect(422);
    expect(undecided.body).toMatchObject({ rule: 'ballot.tie_needs_head' });
    await http()
      .post('/cases/tr-1/steps/candidate-unit-ballot')
      .set(secretary)
      .send({ ...tie, headDecision: 'for' })
      .expect(200);
    await http()
      .post('/cases/tr-1/steps/evaluation-and-meeting')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-T3', conclusion: 'Evaluated; met the person' })
      .expect(200);
    await http()
      .post('/cases/tr-1/steps/vetting')
      .set(staff)
      .send({
        heldOn: today,
        items: ['background', 'asset_declaration', 'political_standards'].map((item) => ({
          item,
          result: 'cleared',
          note: 'verified',
        })),
      })
      .expect(200);
    const decided = await http()
      .post('/cases/tr-1/steps/decision')
      .set(leader)
      .send({ heldOn: today, number: '201/QĐ-UBND', signer: 'Chủ tịch UBND', effectiveFrom: today })
      .expect(200);
    // No period typed and none in law: the decision states none (before: "at least 3 years"
    // under transfer.minYears, a setting no instrument supports).
    expect(decided.body).toMatchObject({ status: 'decided' });
    expect(decided.body.decision.termYears).toBeUndefined();
    expect(decided.body.decision.termEnd).toBeUndefined();
    expect(decided.body.decision.termRule).toMatch(/^no planned period: the transfer decision/);
    // The transfer moves the person: the post they left ends the day the new one begins.
    // Before: only an appointment ended it, and the record showed both posts held.
    let record = await http().get('/cadres/p-unpooled').set(staff).expect(200);
    for (
      let tries = 0;
      tries < 200 && record.body.posts?.[0]?.positionId !== 'pos-commune-chair';
      tries += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      record = await http().get('/cadres/p-unpooled').set(staff).expect(200);
    }
    expect(record.body.posts.map((post: { positionId: string }) => post.positionId)).toEqual([
      'pos-commune-chair',
    ]);
  });

  it('refuses a move, or a removal, run by a unit that neither appoints to the post nor holds it', async () => {
    await http()
      .post('/org-units')
      .set(staff)
      .send({ id: 'ou-other-town', name: 'Thị xã khác', kind: 'town', parentId: 'ou-province' })
      .expect(201);
    // What the refused openings would write (their ids chosen by the service): their slots, ids'
    // reservations and cases' streams. Only what requests wrote: the other cases' sagas and timers
    // write as `system:…`, and may still be writing.
    const refusedOpenings = () =>
      streamEventCount(
        t.db.pool,
        [
          'caseslot-%/p-pooled-elsewhere/pos-deputy',
          'caseslot-removal%/p-pooled/pos-commune-chair',
          'caseid-%',
          'rotation-%',
          'removal-%',
        ],
        { requestsOnly: true },
      );
    const before = await refusedOpenings();
    // Before: opened, and the other town's leader signed the decision on the town's post.
    for (const procedure of ['rotation', 'transfer']) {
      const refused = await http()
        .post('/cases')
        .set(staff)
        .send({
          procedure,
          definition: procedure === 'rotation' ? 'rotation.standard' : 'transfer.standard',
          personId: 'p-pooled-elsewhere',
          positionId: 'pos-deputy',
          orgUnitId: 'ou-other-town',
          summary: 'Điều động sang thị xã',
        })
        .expect(422);
      expect(refused.body).toMatchObject({
        rule: 'case.unit_without_authority',
        field: 'orgUnitId',
      });
      expect(refused.body.message).toMatch(/open the case in ou-town/);
    }
    // Every procedure about a post, not only a move into it: before, another town removed the
    // holder of this town's post, and its leaders performed every step and signed the decision.
    const removal = await http()
      .post('/cases')
      .set(staff)
      .send({
        procedure: 'removal',
        definition: 'removal.relief',
        // Rotated into the commune's chair by the first test.
        personId: 'p-pooled',
        positionId: 'pos-commune-chair',
        orgUnitId: 'ou-other-town',
        summary: 'Cho thôi giữ chức vụ',
        grounds: { kind: 'own_request', reference: 'Đơn ngày 01/12' },
      })
      .expect(422);
    expect(removal.body).toMatchObject({
      rule: 'case.unit_without_authority',
      field: 'orgUnitId',
    });
    expect(await refusedOpenings()).toBe(before);
  });

  it('rotates a non-local key cadre (Quy định 65-QĐ/TW art. 4(2)) without a planning entry, with one term left; the leadership post is held on an appointment term, not the period', async () => {
    const body = {
      procedure: 'rotation',
      definition: 'rotation.standard',
      personId: 'p-non-local',
      positionId: 'pos-provincial-chair',
      orgUnitId: 'ou-province',
      summary: 'Place a chair from outside the province',
    };
    const opened = await http()
      .post('/cases')
      .set(staff)
      .send({ id: 'rot-nl', ...body })
      .expect(201);
    expect(opened.body.facts).toEqual({
      kind: 'rotation',
      placementGroup: 'non_local_key_cadre',
      placementReason: 'leadership post pos-provincial-chair in Tỉnh Demo; from Tỉnh Nghệ An',
    });
    const steps: [string, Record<string, string>, object][] = [
      ['proposal', staff, { summary: 'Non-local chair' }],
      ['discussion', staff, { minutesRef: 'BB-1', conclusion: 'Both agree' }],
      ['meet-person', leader, { conclusion: 'Met', personOpinion: 'Agrees' }],
      [
        'vetting',
        staff,
        {
          items: ['background', 'asset_declaration', 'political_standards'].map((item) => ({
            item,
            result: 'cleared',
          })),
        },
      ],
      [
        'leadership-vote',
        secretary,
        {
          minutesRef: 'BB-2',
          tally: {
            members: 9,
            summoned: 9,
            present: 9,
            for: 8,
            against: 1,
            abstain: 0,
            invalid: 0,
          },
        },
      ],
      ['decision', leader, { number: '12-QĐ/TU', signer: 'Bí thư', effectiveFrom: today }],
    ];
    for (const [stepId, who, stepBody] of steps)
      await http()
        .post(`/cases/rot-nl/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...stepBody })
        .expect(200);
    // The rotation's 3 years are its period; the leadership post is held on the appointment
    // term of the case's rule set (appointment.termYears: 5), with its re-appointment notice.
    // Before: the post had no term end and no notice was ever scheduled.
    const postTermEnd = `${Number(today.slice(0, 4)) + 5}${today.slice(4)}`;
    const decided = await http().get('/cases/rot-nl').set(staff).expect(200);
    expect(decided.body.decision).toMatchObject({
      termYears: 3,
      termEnd: `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`,
      postTerm: {
        termYears: 5,
        termEnd: postTermEnd,
        termRule: expect.stringMatching(/^leadership post held on an appointment term: /),
      },
      reappointmentNoticeOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(decided.body.decision.reappointmentNoticeOn < postTermEnd).toBe(true);
    let record = await http().get('/cadres/p-non-local').set(staff).expect(200);
    for (let tries = 0; tries < 200 && !record.body.posts?.length; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      record = await http().get('/cadres/p-non-local').set(staff).expect(200);
    }
    expect(record.body.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-provincial-chair', termEnd: postTermEnd }),
    ]);
    // The notice and the end of the post's term are scheduled, as an appointment's are.
    const termTimers = () =>
      t.db.pool.query(
        `SELECT data->>'kind' AS kind, data->'payload'->>'termEnd' AS "termEnd" FROM events
          WHERE type = 'TimerScheduled.v1' AND data->>'target' = 'rotation-rot-nl'
            AND data->>'kind' IN ('reappointment-reminder', 'term-end')`,
      );
    let timers = await termTimers();
    for (let tries = 0; tries < 200 && timers.rows.length < 2; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      timers = await termTimers();
    }
    expect(timers.rows).toEqual(
      expect.arrayContaining([
        { kind: 'reappointment-reminder', termEnd: postTermEnd },
        { kind: 'term-end', termEnd: postTermEnd },
      ]),
    );
  });
});
