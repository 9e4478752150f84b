import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * What the rules say an appointment weighs, over HTTP (issue 19): the key-officials nomination is
 * one basis, not a pass mark; vetting counts the months in post, exempts a first appointment,
 * checks the age for a higher post and flags a planning term that is over; at the candidate's unit of an external appointment a 50 % result goes to its head.
 */
describe('appointment conditions over HTTP', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('appointment_conditions');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-town')}` };
    const lastYear = Number(today.slice(0, 4)) - 1;
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-head', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-ext', rank: 5 },
      ],
      people: [
        {
          // In a deputy post (rank 4) for about 26 months.
          id: 'p-an',
          posts: [{ positionId: 'pos-deputy', from: addDays(today, -800), termEnd: null }],
          pool: ['pos-head'],
        },
        { id: 'p-first', pool: ['pos-head'] },
        { id: 'p-binh' },
        { id: 'p-ext', pool: ['pos-ext'] },
      ],
    });
    // p-binh was planned for the post in a term that is over: recorded while it ran (the API
    // now refuses a term that has ended, 400 planning_pool.term_ended).
    const store = t.app.get<EventStore>(EVENT_STORE);
    await store.append(
      'cadre-p-binh',
      [
        {
          id: randomUUID(),
          type: 'PlanningPoolEntryAdded',
          data: {
            personId: 'p-binh',
            positionId: 'pos-head',
            term: `${lastYear - 5}-${lastYear}`,
            decisionRef: '9-QĐ/TU',
          },
          metadata: {
            actorId: 'u-staff',
            correlationId: randomUUID(),
            causationId: null,
            occurredAt: `${lastYear - 5}-03-01T00:00:00.000Z`,
          },
        },
      ],
      { expectedRevision: (await store.streamRevision('cadre-p-binh'))! },
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (id: string, personId: string, definition: string, positionId = 'pos-head') =>
    http().post('/cases').set(staff).send({
      id,
      procedure: 'appointment',
      definition,
      personId,
      positionId,
      orgUnitId: 'ou-town',
      summary: 'Fill the post',
    });
  const step = (caseId: string, stepId: string, who: Record<string, string>, body: object) =>
    http()
      .post(`/cases/${caseId}/steps/${stepId}`)
      .set(who)
      .send({ heldOn: today, ...body });
  const nomination = (personId: string, votes: number) => ({
    minutesRef: 'BB-2',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId, votes },
      { personId: personId === 'p-binh' ? 'p-first' : 'p-binh', votes: 24 - votes },
    ],
  });
  const ballot = (forVotes: number, members = 13) => ({
    minutesRef: 'BB-3',
    tally: {
      members,
      summoned: members,
      present: members,
      for: forVotes,
      against: members - forVotes,
      abstain: 0,
      invalid: 0,
    },
  });
  const staffItems = {
    items: [
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
  };

  async function toVetting(caseId: string, personId: string, keyOfficialsVotes = 17) {
    const opened = await open(caseId, personId, 'appointment.internal').expect(201);
    expect(opened.body.definition).toBe('appointment.internal@3');
    await step(caseId, 'leadership-round-1', staff, {
      minutesRef: 'BB-1',
      conclusion: 'ok',
    }).expect(200);
    await step(caseId, 'expanded-nomination', secretary, nomination(personId, 17)).expect(200);
    await step(caseId, 'leadership-round-2', secretary, ballot(9)).expect(200);
    const keyOfficials = await step(
      caseId,
      'key-officials-nomination',
      secretary,
      nomination(personId, keyOfficialsVotes),
    ).expect(200);
    await step(caseId, 'leadership-round-3', secretary, ballot(9)).expect(200);
    return keyOfficials;
  }

  it('keeps a low key-officials nomination as one basis; vetting counts months in post', async () => {
    const keyOfficials = await toVetting('c-an', 'p-an', 5);
    expect(keyOfficials.body).toMatchObject({
      status: 'open',
      currentStep: { id: 'leadership-round-3' },
    });
    expect(keyOfficials.body.steps[3]).toMatchObject({
      outcome: 'reference',
      share: { votes: 5, base: 25, percent: 20 },
      reason: expect.stringMatching(/^reference: p-an 5 of 25 summoned \(20 %\)/),
    });
    const vetted = await step('c-an', 'vetting', staff, staffItems).expect(200);
    expect(vetted.body.vetting.years_in_post).toMatchObject({
      result: 'cleared',
      note: expect.stringMatching(
        /^2\d months in posts of rank 4 \(current and equivalent, added up\)/,
      ),
    });
    expect(vetted.body.vetting.years_to_retirement.note).toMatch(/needs 5 for a full term/);
  });

  it('exempts a first appointment from the years in post', async () => {
    await toVetting('c-first', 'p-first');
    const vetted = await step('c-first', 'vetting', staff, staffItems).expect(200);
    expect(vetted.body.vetting.years_in_post).toMatchObject({
      result: 'cleared',
      note: expect.stringMatching(/^first appointment \(bổ nhiệm lần đầu\): exempt from 2 years/),
    });
  });

  it('flags a planning-pool entry whose term is over, and the decision waits on it', async () => {
    await toVetting('c-binh', 'p-binh');
    const vetted = await step('c-binh', 'vetting', staff, staffItems).expect(200);
    expect(vetted.body.vetting.planning_pool).toMatchObject({
      result: 'flagged',
      note: expect.stringMatching(/^planning term over: pos-head \d{4}-\d{4} \(9-QĐ\/TU\) ended/),
    });
    const refused = await step('c-binh', 'decision', leader, {
      number: '215-QĐ/TU',
      signer: 'Bí thư',
      effectiveFrom: today,
    }).expect(422);
    expect(refused.body).toMatchObject({ rule: 'vetting.flagged_item_blocks_decision' });
  });

  it("sends a 50 % result at the candidate's unit to its head, recording the dissent", async () => {
    await open('c-ext', 'p-ext', 'appointment.external', 'pos-ext').expect(201);
    await step('c-ext', 'consult-receiving-unit', staff, {
      minutesRef: 'BB-E1',
      conclusion: 'agreed',
    }).expect(200);
    const tie = ballot(4, 8);
    const waiting = await step('c-ext', 'candidate-unit-ballot', secretary, tie).expect(422);
    expect(waiting.body).toMatchObject({ rule: 'ballot.tie_needs_head', field: 'headDecision' });
    const decided = await step('c-ext', 'candidate-unit-ballot', secretary, {
      ...tie,
      headDecision: 'for',
    }).expect(200);
    expect(decided.body.steps[1]).toMatchObject({
      outcome: 'passed',
      decidedByHead: { decision: 'for', dissent: 4 },
    });
  });
});
