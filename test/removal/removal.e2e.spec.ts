import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { loadCalendar } from '../../src/workflow/calendar/working-day-calendar';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { fireStepDeadline } from '../support/step-deadline-timer';
import { startTestApp, TestApp } from '../support/test-app';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { openCaseSlotStream } from '../../src/procedures/case/open-case-slot';

/** Dismissal, resignation and suspension over HTTP, with the person's record following them. */
describe('removal from a post over HTTP (miễn nhiệm, từ chức, tạm đình chỉ)', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  const today = vietnamToday();
  const year = Number(today.slice(0, 4));
  const http = () => request(t.server as never);
  const post = { positionId: 'pos-head', from: addDays(today, -900), termEnd: addDays(today, 900) };
  type Person = Parameters<typeof buildRegistry>[2]['people'][number];

  beforeAll(async () => {
    t = await startTestApp('removal', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        'p-low',
        'p-ratings',
        'p-letter',
        'p-early-letter',
        'p-suspend',
        'p-deadline',
        'p-old-suspension',
        'p-far',
      ]
        .map((id): Person => ({ id, posts: [post] }))
        // A man born in 1966 retires in 2027, long before the term recorded by hand ends.
        .concat({
          id: 'p-retiring',
          dateOfBirth: '1966-01-15',
          gender: 'male',
          posts: [{ ...post, termEnd: addDays(today, 3000) }],
        }),
    });
    for (const [y, rating] of [
      [year - 2, 'completed'],
      [year - 1, 'not_completed'],
    ] as const)
      await http()
        .post('/cadres/p-ratings/ratings')
        .set(staff)
        .send({ year: y, rating, evaluatedOn: `${y}-12-20`, decisionRef: `R-${y}`, note: '' })
        .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (id: string, personId: string, definition: string, grounds?: object) =>
    http()
      .post('/cases')
      .set(staff)
      .send({
        id,
        procedure: 'removal',
        definition,
        personId,
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Xem xét thôi giữ chức vụ',
        ...(grounds ? { grounds } : {}),
      });
  const tally = (forVotes: number) => ({
    heldOn: today,
    minutesRef: 'BB-1',
    tally: {
      members: 10,
      summoned: 10,
      present: 10,
      for: forVotes,
      against: 10 - forVotes,
      abstain: 0,
      invalid: 0,
    },
  });
  const decide = (caseId: string, number: string) =>
    http()
      .post(`/cases/${caseId}/steps/decision`)
      .set(leader)
      .send({ heldOn: today, number, signer: 'Bí thư', effectiveFrom: today });
  const recordOf = async (personId: string, until: (body: never) => boolean) => {
    for (let tries = 0; tries < 100; tries += 1) {
      const { body } = await http().get(`/cadres/${personId}`).set(staff).expect(200);
      if (until(body as never)) return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the record of ${personId} did not follow the decision`);
  };

  it('dismisses on more than 2/3 low-confidence votes: talk, secret ballot, decision; the post ends', async () => {
    const opened = await open('m-1', 'p-low', 'removal.dismissal', {
      kind: 'low_confidence',
      lowConfidenceVotes: 31,
      totalVotes: 45,
    }).expect(201);
    expect(opened.body.facts).toMatchObject({ ground: 'low_confidence', lowConfidenceVotes: 31 });
    await http()
      .post('/cases/m-1/steps/talk')
      .set(staff)
      .send({ heldOn: today, conclusion: 'Đã trao đổi', personOpinion: 'Chấp hành' })
      .expect(200);
    // 5 of 10 members is exactly half: the head decides, and the dissent stays on record.
    const ballot = await http()
      .post('/cases/m-1/steps/leadership-ballot')
      .set(secretary)
      .send({ ...tally(5), headDecision: 'for' })
      .expect(200);
    expect(ballot.body.status).toBe('open');
    const decided = await decide('m-1', '12-QĐ/TU').expect(200);
    expect(decided.body.status).toBe('decided');
    expect(decided.body.decision.details).toMatchObject({ effect: 'ends_post', postEndsOn: today });
    const record = await recordOf('p-low', (b: { posts: unknown[] }) => b.posts.length === 0);
    // The past post names the case and decision that ended it (before: caseId null).
    expect(record.pastPosts[0]).toMatchObject({
      positionId: 'pos-head',
      endedOn: today,
      caseId: 'm-1',
      endedBy: expect.stringContaining('12-QĐ/TU'),
    });
  });

  it('refuses a dismissal whose ground is not met, naming the rule with the figures, and writes nothing', async () => {
    const low = await open('m-2', 'p-ratings', 'removal.dismissal', {
      kind: 'low_confidence',
      lowConfidenceVotes: 30,
      totalVotes: 45,
    }).expect(422);
    expect(low.body).toMatchObject({ rule: 'removal.ground_not_met', field: 'grounds' });
    expect(low.body.message).toMatch(/30 of 45 low-confidence votes is not more than 2\/3/);
    const ratings = await open('m-3', 'p-ratings', 'removal.dismissal', {
      kind: 'not_completed_duties',
    }).expect(422);
    expect(ratings.body.message).toMatch(
      new RegExp(`2 consecutive years.*${year - 2} completed, ${year - 1} not_completed`),
    );
    const missing = await open('m-4', 'p-ratings', 'removal.dismissal').expect(400);
    expect(missing.body).toMatchObject({ rule: 'removal.grounds_invalid', field: 'grounds' });
    // A field the ground does not take would be dropped unseen: refused, naming it.
    const extra = await open('m-5', 'p-ratings', 'removal.dismissal', {
      kind: 'conclusion',
      reference: 'KL-1',
      extra: 1,
    }).expect(400);
    expect(extra.body).toMatchObject({
      rule: 'removal.grounds_invalid',
      field: 'grounds.extra',
      message: 'grounds.extra: is not a field of this ground (it takes kind, reference)',
    });
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'removal-m-%' AND stream_id <> 'removal-m-1'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('takes a resignation letter through the talk to the ballot; a failed ballot rejects it', async () => {
    const opened = await open('t-1', 'p-letter', 'removal.resignation', {
      letterReceivedOn: today,
      reason: 'Lý do sức khỏe',
    }).expect(201);
    expect(opened.body.currentStep).toMatchObject({ id: 'talk' });
    expect(opened.body.facts).toMatchObject({ letterReceivedOn: today, openedAfterTalkDue: false });
    expect(opened.body.facts.talkDueBy).toBe(opened.body.currentStep.dueOn);
    await http()
      .post('/cases/t-1/steps/talk')
      .set(staff)
      .send({ heldOn: today, conclusion: 'Giữ nguyện vọng từ chức' })
      .expect(200);
    const failed = await http()
      .post('/cases/t-1/steps/leadership-ballot')
      .set(secretary)
      .send(tally(4))
      .expect(200);
    expect(failed.body).toMatchObject({ status: 'rejected' });
    expect(failed.body.rejection.reason).toMatch(/ballot/);
  });

  it('refuses a resignation letter received before the person took up the post, and writes nothing', async () => {
    // Before: 201 for a letter of 1950 from a person born decades later.
    for (const letterReceivedOn of ['1950-01-01', addDays(post.from, -1)]) {
      const early = await open('t-2', 'p-early-letter', 'removal.resignation', {
        letterReceivedOn,
        reason: 'Lý do sức khỏe',
      }).expect(400);
      expect(early.body).toMatchObject({
        rule: 'removal.letter_before_post',
        field: 'grounds.letterReceivedOn',
      });
      expect(early.body.message).toContain(`took up post pos-head on ${post.from}`);
    }
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'removal-t-2'",
    );
    expect(rows[0].n).toBe(0);
    await open('t-2', 'p-early-letter', 'removal.resignation', {
      letterReceivedOn: post.from,
      reason: 'Lý do sức khỏe',
    }).expect(201);
  });

  it('suspends only during a discipline case, and the suspension keeps the post', async () => {
    const refused = await open('s-1', 'p-suspend', 'removal.suspension').expect(422);
    // The person the opening names is what is refused (before: field null).
    expect(refused.body).toMatchObject({
      rule: 'removal.suspension_without_discipline_case',
      field: 'personId',
    });
    expect(refused.body.message).toMatch(/art\. 81/);
    const inspector = {
      Authorization: `Bearer ${t.token('u-inspector', ['inspector'], 'ou-town')}`,
    };
    await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'k-1',
        definition: 'discipline.civil-service',
        personId: 'p-suspend',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
    await recordOf('p-suspend', (b: { openCases: { caseId: string }[] }) =>
      b.openCases.some((c) => c.caseId === 'k-1'),
    );
    // A dismissal already open for the same post does not hold the suspension back (before: 409
    // case.duplicate_open, all removal kinds sharing one slot); a second post-ending case still waits.
    await open('s-dismiss', 'p-suspend', 'removal.dismissal', {
      kind: 'conclusion',
      reference: 'KL 07-KL/UBKT',
    }).expect(201);
    const opened = await open('s-2', 'p-suspend', 'removal.suspension').expect(201);
    const second = await open('s-dismiss-2', 'p-suspend', 'removal.dismissal', {
      kind: 'conclusion',
      reference: 'KL 07-KL/UBKT',
    }).expect(409);
    expect(second.body).toMatchObject({ rule: 'case.duplicate_open', openCaseId: 's-dismiss' });
    // The discipline case runs the person as a civil servant: Nghị định 138/2020 art. 68a (added
    // by Nghị định 116/2024), carried into 170, gives 15 working days (before: 15 calendar days).
    expect(opened.body.facts).toMatchObject({
      disciplineCases: ['k-1'],
      serviceStatus: 'civil_servant',
      maxDays: 15,
      unit: 'working_days',
    });
    await http()
      .post('/cases/s-2/steps/proposal')
      .set(staff)
      .send({ heldOn: today, summary: 'Để xác minh khách quan' })
      .expect(200);
    const decided = await decide('s-2', '7-QĐ/UBND').expect(200);
    const calendar = loadCalendar(path.resolve(__dirname, '../../seeds/calendar'));
    const until = calendar.addWorkingDays(today, calendar.isWorkingDay(today) ? 14 : 15);
    expect(decided.body.decision).toMatchObject({
      termEnd: until,
      details: { effect: 'suspends' },
    });
    const record = await recordOf('p-suspend', (b: { statuses: { status: string }[] }) =>
      b.statuses.some((s) => s.status === 'suspended'),
    );
    expect(record.statuses).toContainEqual(
      expect.objectContaining({ status: 'suspended', from: today, until }),
    );
    expect(record.posts).toEqual([expect.objectContaining({ positionId: 'pos-head' })]);
  });

  const readyToDecide = async (caseId: string, personId: string, definition: string) => {
    const grounds =
      definition === 'removal.relief'
        ? { kind: 'own_request', reference: 'Đơn 1' }
        : { kind: 'conclusion', reference: 'KL 09-KL/UBKT' };
    await open(caseId, personId, definition, grounds).expect(201);
    await http()
      .post(`/cases/${caseId}/steps/talk`)
      .set(staff)
      .send({ heldOn: today, conclusion: 'Đã trao đổi' })
      .expect(200);
    await http()
      .post(`/cases/${caseId}/steps/leadership-ballot`)
      .set(secretary)
      .send(tally(9))
      .expect(200);
  };
  const decideEffective = (caseId: string, effectiveFrom: string) =>
    http()
      .post(`/cases/${caseId}/steps/decision`)
      .set(leader)
      .send({ heldOn: today, number: '99-QĐ/TU', signer: 'Bí thư', effectiveFrom });
  const eventsOf = async (stream: string) =>
    (
      await t.db.pool.query('SELECT type FROM events WHERE stream_id = $1 ORDER BY 1', [stream])
    ).rows.map((row: { type: string }) => row.type);

  it('refuses a removal effective after the term ends, naming the term end, and writes nothing', async () => {
    await readyToDecide('r-far', 'p-far', 'removal.relief');
    const before = await eventsOf('removal-r-far');
    // Before: 200, the post held to 9999-12-31 past its term, the next term refused as overlapping.
    for (const effectiveFrom of ['9999-12-31', addDays(post.termEnd, 1)]) {
      const refused = await decideEffective('r-far', effectiveFrom).expect(422);
      expect(refused.body).toMatchObject({
        rule: 'removal.effective_after_term_end',
        field: 'effectiveFrom',
        termEnd: post.termEnd,
        lastDay: post.termEnd,
      });
      expect(refused.body.message).toContain(
        `effectiveFrom: ${effectiveFrom} is after ${post.termEnd}, the last day a removal of the post may take effect on: the term of pos-head held since ${post.from} (1-QĐ) ends on ${post.termEnd}`,
      );
      expect(refused.body.message).toMatch(/Nghị định 138\/2020/);
    }
    expect(await eventsOf('removal-r-far')).toEqual(before);
    const { body: case_ } = await http().get('/cases/r-far').set(staff).expect(200);
    expect(case_).toMatchObject({ status: 'open', currentStep: { id: 'decision' } });
    // The term's last day itself is the latest a removal may end the post on.
    const decided = await decideEffective('r-far', post.termEnd).expect(200);
    expect(decided.body.decision.details).toMatchObject({ postEndsOn: post.termEnd });
    // Held until then: the page shows the post ending on the term's last day.
    const record = await recordOf('p-far', (b: { posts: { endsOn: string | null }[] }) =>
      b.posts.some((held) => held.endsOn !== null),
    );
    expect(record.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-head', endsOn: post.termEnd }),
    ]);
  });

  it('refuses a dismissal effective after the holder retires, before the term on record ends', async () => {
    await readyToDecide('d-retiring', 'p-retiring', 'removal.dismissal');
    const refused = await decideEffective('d-retiring', addDays(today, 2000)).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'removal.effective_after_term_end',
      field: 'effectiveFrom',
      termEnd: addDays(today, 3000),
    });
    const retires = refused.body.retirementDate as string;
    expect(retires < addDays(today, 2000)).toBe(true);
    expect(refused.body.lastDay).toBe(retires);
    expect(refused.body.message).toContain(
      `is after ${retires}, the last day a removal of the post may take effect on: the holder of pos-head retires on ${retires}`,
    );
    await decideEffective('d-retiring', addDays(retires, 1)).expect(422);
    await decideEffective('d-retiring', retires).expect(200);
  });

  it('records a missed talk deadline as an event', async () => {
    await open('d-1', 'p-deadline', 'removal.dismissal', {
      kind: 'conclusion',
      reference: 'KL 05-KL/UBKT',
    }).expect(201);
    const missed = await fireStepDeadline(t, 'removal-d-1');
    expect(missed.map((m) => m.stepId)).toEqual(['talk']);
  });

  it('a suspension opened when all removals shared one slot frees that slot when it closes', async () => {
    const inspector = {
      Authorization: `Bearer ${t.token('u-inspector', ['inspector'], 'ou-town')}`,
    };
    await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'k-old',
        definition: 'discipline.civil-service',
        personId: 'p-old-suspension',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
    await recordOf('p-old-suspension', (b: { openCases: { caseId: string }[] }) =>
      b.openCases.some((c) => c.caseId === 'k-old'),
    );
    await open('s-old', 'p-old-suspension', 'removal.suspension').expect(201);
    // As the store holds one from before: its claim in removal's shared slot, none in its own.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const slot = { procedure: 'removal', personId: 'p-old-suspension', positionId: 'pos-head' };
    const metadata = {
      actorId: 'u-staff',
      correlationId: 'legacy-slot',
      causationId: null,
      occurredAt: new Date().toISOString(),
    };
    const own = openCaseSlotStream({ ...slot, lane: 'suspension' });
    await store.append(
      own,
      [
        {
          id: randomUUID(),
          type: 'OpenCaseSlotReleased',
          data: { caseId: 's-old', reason: 'moved' },
          metadata,
        },
      ],
      { expectedRevision: 0 },
    );
    const shared = openCaseSlotStream(slot);
    await store.append(
      shared,
      [{ id: randomUUID(), type: 'OpenCaseSlotClaimed', data: { caseId: 's-old' }, metadata }],
      { expectedRevision: 'no_stream' },
    );
    await http().post('/cases/s-old/withdraw').set(staff).send({ reason: 'test' }).expect(200);
    expect((await store.readStream(shared)).map((e) => [e.type, e.data])).toEqual([
      ['OpenCaseSlotClaimed', { caseId: 's-old' }],
      ['OpenCaseSlotReleased', { caseId: 's-old', reason: 'withdrawn' }],
    ]);
    await open('d-old', 'p-old-suspension', 'removal.dismissal', {
      kind: 'conclusion',
      reference: 'KL 08-KL/UBKT',
    }).expect(201);
  });
});
