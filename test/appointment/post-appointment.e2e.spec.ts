import request from 'supertest';
import {
  buildPostAppointmentTown,
  eventually,
  townHeaders,
  vietnamToday,
} from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An internal appointment that fills a post (appointment.internal@3) over HTTP: opened for the
 * post, two nominees carried through the ballots, the decision names whoever passed; the new post
 * ends the previous one unless the decision keeps it (kiêm nhiệm).
 */
describe('appointment to a post over HTTP', () => {
  let t: TestApp;
  let h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const record = (personId: string) =>
    http()
      .get(`/cadres/${personId}`)
      .set(h.staff)
      .expect(200)
      .then((r) => r.body);

  beforeAll(async () => {
    t = await startTestApp('post-appointment', { RUN_WORKERS: 'true' });
    h = townHeaders(t, {
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
      auditor: ['auditor'],
    });
    await buildPostAppointmentTown(t, h.staff, today);
  });
  afterAll(async () => {
    await t?.close();
  });

  const step = (caseId: string, stepId: string, who: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body);
  const listedCase = (query: string, caseId: string) =>
    http()
      .get(`/cases?${query}`)
      .set(h.auditor)
      .expect(200)
      .then((r) =>
        (
          r.body.items as {
            caseId: string;
            personId: string | null;
            status: string;
            currentStep: { id: string } | null;
          }[]
        ).find((c) => c.caseId === caseId),
      );
  const nomination = (candidates: [string, number][]) => ({
    heldOn: today,
    minutesRef: 'BB-2',
    members: 15,
    summoned: 15,
    present: 15,
    invalid: 0,
    candidates: candidates.map(([personId, votes]) => ({ personId, votes })),
  });
  const tally = (yes: number) => ({
    members: 9,
    summoned: 9,
    present: 9,
    for: yes,
    against: 9 - yes,
    abstain: 0,
    invalid: 0,
  });
  const ballot = (votes: [string, number][], headChoice?: string) => ({
    heldOn: today,
    minutesRef: 'BB-3',
    tallies: votes.map(([personId, yes]) => ({ personId, tally: tally(yes) })),
    ...(headChoice ? { headChoice } : {}),
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
  const decision = (extra: object = {}) => ({
    heldOn: today,
    number: '215-QĐ/TU',
    signer: 'Bí thư Thị ủy',
    effectiveFrom: today,
    ...extra,
  });

  /** Opens a case for the post with no person and carries p-an and p-binh up to round 3. */
  async function twoNominees(caseId: string, positionId: string) {
    const opened = await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId,
        orgUnitId: 'ou-town',
        summary: 'Fill the post of head',
      })
      .expect(201);
    expect(opened.body).toMatchObject({
      definition: 'appointment.internal@3',
      // Nobody chosen yet: null (before: "", which the web app sent as an empty person id).
      personId: null,
      fillsPost: true,
      nominees: null,
    });
    await step(caseId, 'leadership-round-1', 'staff', {
      heldOn: today,
      minutesRef: 'BB-1',
      conclusion: 'post, standards and planning pool agreed',
    }).expect(200);
    // Nobody reaches more than half of the 15 summoned: the top two go forward.
    const nominated = await step(
      caseId,
      'expanded-nomination',
      'secretary',
      nomination([
        ['p-an', 7],
        ['p-binh', 6],
        ['p-cuong', 2],
      ]),
    ).expect(200);
    expect(nominated.body).toMatchObject({ status: 'open', nominees: ['p-an', 'p-binh'] });
    await step(
      caseId,
      'leadership-round-2',
      'secretary',
      ballot([
        ['p-an', 7],
        ['p-binh', 6],
      ]),
    ).expect(200);
    await step(
      caseId,
      'key-officials-nomination',
      'secretary',
      nomination([
        ['p-an', 7],
        ['p-binh', 7],
      ]),
    ).expect(200);
  }

  it('two nominees, one passes the final ballot: the decision appoints them and ends their previous post', async () => {
    await twoNominees('c-post-one', 'pos-head-1');
    const final = await step(
      'c-post-one',
      'leadership-round-3',
      'secretary',
      ballot([
        ['p-an', 4],
        ['p-binh', 6],
      ]),
    ).expect(200);
    expect(final.body).toMatchObject({
      status: 'open',
      nominees: ['p-binh'],
      appointee: 'p-binh',
      currentStep: { id: 'vetting' },
    });
    // The case is now about the nominee the ballot chose: the vetting screen reads their record
    // by it (before: personId "" until the end, so it asked for /cadres//eligibility).
    expect(final.body.personId).toBe('p-binh');
    // Until the decision the case names nobody: the person filter does not reveal the appointee,
    // and the list says null as the case view did (before: "").
    const listed = await eventually(
      () => listedCase('procedure=appointment', 'c-post-one'),
      (item) => item?.currentStep?.id === 'vetting',
    );
    expect(listed).toMatchObject({ personId: null, currentStep: { id: 'vetting' } });
    expect(await listedCase('person=p-binh', 'c-post-one')).toBeUndefined();
    // Vetting reads the chosen nominee's record (planning pool, years in post, discipline).
    const vetted = await step('c-post-one', 'vetting', 'staff', vetting).expect(200);
    expect(vetted.body.vetting.planning_pool).toMatchObject({ result: 'cleared' });
    const decided = await step('c-post-one', 'decision', 'leader', decision()).expect(200);
    expect(decided.body).toMatchObject({ status: 'decided', decision: { appointee: 'p-binh' } });
    // The case view names the appointee as the list does (before: personId "" after the decision).
    const read = await http().get('/cases/c-post-one').set(h.staff).expect(200);
    expect(read.body).toMatchObject({ personId: 'p-binh', appointee: 'p-binh' });
    // The decision names the appointee: the case is theirs in the list (before: personId "")
    // and in their history (before: absent although it put them into the post).
    const linked = await eventually(
      () => listedCase('person=p-binh', 'c-post-one'),
      (item) => item?.status === 'decided',
    );
    expect(linked).toMatchObject({ personId: 'p-binh', status: 'decided' });
    const history = await eventually(
      () =>
        http()
          .get('/cadres/p-binh/history')
          .set(h.auditor)
          .expect(200)
          .then((r) => r.body.events as { streamId: string; type: string }[]),
      (events) => events.some((e) => e.type === 'DecisionIssued'),
    );
    expect(
      history.filter((e) => e.streamId === 'appointment-c-post-one').map((e) => e.type),
    ).toEqual(expect.arrayContaining(['CaseOpened', 'BallotTallied', 'DecisionIssued']));
    // The case view: each nominee's tallies, as the staff may see them.
    const view = await http().get('/cases/c-post-one').set(h.staff).expect(200);
    const binh = view.body.nomineeTallies.find(
      (n: { personId: string }) => n.personId === 'p-binh',
    );
    expect(binh.tallies).toEqual([
      { stepId: 'expanded-nomination', kind: 'nomination', votes: 6 },
      { stepId: 'leadership-round-2', kind: 'ballot', tally: tally(6), outcome: 'passed' },
      { stepId: 'key-officials-nomination', kind: 'nomination', votes: 7 },
      { stepId: 'leadership-round-3', kind: 'ballot', tally: tally(6), outcome: 'passed' },
    ]);
    // The reference nomination records each standing nominee's share. Before: the case's empty
    // person, "reference:  0 of 15 summoned (0 %)", the nominees' votes lost from the record.
    const reference = view.body.steps.find(
      (s: { stepId: string; type: string }) =>
        s.stepId === 'key-officials-nomination' && s.type === 'NominationTallied',
    );
    expect(reference.reason).toMatch(
      /^reference: p-an 7 of 15 summoned \(46\.7 %\), p-binh 7 of 15/,
    );
    expect(reference.shares).toEqual({
      'p-an': { votes: 7, base: 15, baseName: 'summoned', percent: 46.7 },
      'p-binh': { votes: 7, base: 15, baseName: 'summoned', percent: 46.7 },
    });
    // Everyone the steps name is named, the candidate who dropped out too (was their id).
    expect(Object.keys(view.body.names.people).sort()).toEqual(['p-an', 'p-binh', 'p-cuong']);
    // The auditor may not see the unannounced nomination's counts: withheld, with the reason.
    const audited = await http().get('/cases/c-post-one').set(h.auditor).expect(200);
    const binhAudited = audited.body.nomineeTallies.find(
      (n: { personId: string }) => n.personId === 'p-binh',
    );
    expect(binhAudited.tallies[0]).toEqual({
      stepId: 'expanded-nomination',
      kind: 'nomination',
      withheld: 'not announced',
    });
    const binhRecord = await eventually(
      () => record('p-binh'),
      (body) => body.posts.length === 1 && body.posts[0].positionId === 'pos-head-1',
    );
    expect(binhRecord.posts.map((p: { positionId: string }) => p.positionId)).toEqual([
      'pos-head-1',
    ]);
    // The other nominee's record is untouched.
    expect((await record('p-an')).posts.map((p: { positionId: string }) => p.positionId)).toEqual([
      'pos-deputy',
    ]);
  });

  it('two nominees level at the final ballot: the head of the collective chooses, by the rule', async () => {
    await twoNominees('c-post-tie', 'pos-head-2');
    const level = ballot([
      ['p-an', 6],
      ['p-binh', 6],
    ]);
    const refused = await step('c-post-tie', 'leadership-round-3', 'secretary', level).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'ballot.level_nominees_need_head',
      field: 'headChoice',
    });
    expect(refused.body.message).toMatch(/p-an \(6 for\), p-binh \(6 for\)/);
    expect(refused.body.message).toMatch(/Quy định 377-QĐ\/TW/);
    const chosen = await step('c-post-tie', 'leadership-round-3', 'secretary', {
      ...level,
      headChoice: 'p-an',
    }).expect(200);
    expect(chosen.body.appointee).toBe('p-an');
    const round3 = chosen.body.steps.find(
      (s: { stepId: string }) => s.stepId === 'leadership-round-3',
    );
    expect(round3.appointee).toMatchObject({ personId: 'p-an', by: 'head_choice' });
  });

  it('neither nominee passes the final ballot: the case is rejected with the rule and the figures', async () => {
    await twoNominees('c-post-none', 'pos-head-3');
    const failed = await step(
      'c-post-none',
      'leadership-round-3',
      'secretary',
      ballot([
        ['p-an', 4],
        ['p-binh', 3],
      ]),
    ).expect(200);
    expect(failed.body.status).toBe('rejected');
    expect(failed.body.rejection).toMatchObject({ rule: 'ballot.no_nominee_passed' });
    expect(failed.body.rejection.reason).toMatch(/p-an failed: 4 of 9 members for/);
    expect(failed.body.rejection.reason).toMatch(/p-binh failed: 3 of 9 members for/);
    // A nominee reads the rule, not the figures the ballot's tallies withhold from them.
    const nominee = {
      Authorization: `Bearer ${t.token('u-binh', ['auditor'], 'ou-town', 'p-binh')}`,
    };
    const seen = await http().get('/cases/c-post-none').set(nominee).expect(200);
    expect(seen.body.rejection).toMatchObject({
      rule: 'ballot.no_nominee_passed',
      reason: 'withheld from the subject',
      withheld: ['reason'],
    });
    expect(seen.text).not.toMatch(/of 9 members/);
  });

  it('a ballot must tally every nominee and only them', async () => {
    await twoNominees('c-post-bad', 'pos-head-4');
    const missing = await step(
      'c-post-bad',
      'leadership-round-3',
      'secretary',
      ballot([['p-an', 7]]),
    ).expect(400);
    expect(missing.body).toMatchObject({ rule: 'ballot.nominee_missing', field: 'tallies' });
    const view = await http().get('/cases/c-post-bad').set(h.staff).expect(200);
    expect(view.body.currentStep.id).toBe('leadership-round-3');
  });

  it('a case opened for the post is in the inbox and the case list like any other', async () => {
    const inbox = await eventually(
      () =>
        http()
          .get('/inbox')
          .set(h.secretary)
          .expect(200)
          .then((r) => r.body),
      // The inbox is a projection: it catches up with the case's last step.
      (body) =>
        body.items.some(
          (i: { caseId: string; step: string }) =>
            i.caseId === 'c-post-bad' && i.step === 'leadership-round-3',
        ),
    );
    // Nobody named yet: null, as GET /cases/:id says (before: "" in the inbox and the list).
    expect(inbox.items.find((i: { caseId: string }) => i.caseId === 'c-post-bad')).toMatchObject({
      personId: null,
      positionId: 'pos-head-4',
      step: 'leadership-round-3',
    });
    const list = await http().get('/cases').set(h.staff).expect(200);
    expect(list.body.items.map((c: { caseId: string }) => c.caseId)).toEqual(
      expect.arrayContaining(['c-post-one', 'c-post-bad']),
    );
    expect(
      list.body.items.find((c: { caseId: string }) => c.caseId === 'c-post-bad'),
    ).toMatchObject({ personId: null, positionId: 'pos-head-4' });
    expect((await http().get('/cases/c-post-bad').set(h.staff).expect(200)).body.personId).toBe(
      null,
    );
  });

  it('kiêm nhiệm: a decision that keeps the previous post leaves both open on the record', async () => {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: 'c-post-concurrent',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-dung',
        positionId: 'pos-head-5',
        orgUnitId: 'ou-town',
        summary: 'Fill the post of head, proposed p-dung',
      })
      .expect(201);
    await step('c-post-concurrent', 'leadership-round-1', 'staff', {
      heldOn: today,
      minutesRef: 'BB-1',
      conclusion: 'agreed',
    }).expect(200);
    await step(
      'c-post-concurrent',
      'expanded-nomination',
      'secretary',
      nomination([['p-dung', 12]]),
    );
    await step('c-post-concurrent', 'leadership-round-2', 'secretary', ballot([['p-dung', 8]]));
    await step(
      'c-post-concurrent',
      'key-officials-nomination',
      'secretary',
      nomination([['p-dung', 12]]),
    );
    await step(
      'c-post-concurrent',
      'leadership-round-3',
      'secretary',
      ballot([['p-dung', 8]]),
    ).expect(200);
    await step('c-post-concurrent', 'vetting', 'staff', vetting).expect(200);
    const decided = await step(
      'c-post-concurrent',
      'decision',
      'leader',
      decision({ keepsPreviousPost: true }),
    ).expect(200);
    expect(decided.body.decision).toMatchObject({ keepsPreviousPost: true });
    const both = await eventually(
      () => record('p-dung'),
      (body) => body.posts.length === 2,
    );
    expect(both.posts.map((p: { positionId: string }) => p.positionId).sort()).toEqual([
      'pos-deputy',
      'pos-head-5',
    ]);
  });
});
