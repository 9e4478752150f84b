import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A candidate of a case's nominations is one of its people, as its subject is: the case view
 * withholds its ballots' counts from them, and so does every other read path. Before, the
 * histories and the export judged a ballot by the case's subject and by that ballot's own
 * nominees only: a runner-up of the nominations (not among the ballot's nominees) with a role
 * the ballot's rule names read the leadership's tally there, which the case view withheld.
 */
describe('ballot secrecy for a candidate of the nominations, on every read path', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const roles = ['organization_staff', 'leadership', 'auditor', 'inspector'];
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  /** With the same roles as the candidates, and named nowhere in the case. */
  let auditor: Record<string, string>;
  /** The runner-up of both nominations. */
  let runnerUp: Record<string, string>;
  /** A candidate named only by the second nomination, after the first ballot. */
  let lateCandidate: Record<string, string>;
  const nomination = (candidates: [string, number][], minutesRef: string) => ({
    heldOn: today,
    minutesRef,
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: candidates.map(([personId, votes]) => ({ personId, votes })),
  });
  // Distinctive figures, so a leak is found in any format.
  const ballot = {
    heldOn: today,
    minutesRef: 'BB-03',
    tally: { members: 13, summoned: 13, present: 12, for: 10, against: 2, abstain: 0, invalid: 0 },
  };
  const leaks = /"for":10|""for"":10|10 of 13 members/;
  let beforeLateNomination = '';

  beforeAll(async () => {
    t = await startTestApp('ballot_secrecy_candidate', { RUN_WORKERS: 'true' });
    staff = bearer(t.token('u-staff', ['organization_staff'], 'ou-town'));
    secretary = bearer(t.token('u-secretary', ['ballot_secretary'], 'ou-town'));
    auditor = bearer(t.token('u-auditor', roles, 'ou-town'));
    runnerUp = bearer(t.token('u-binh', roles, 'ou-town', 'p-binh'));
    lateCandidate = bearer(t.token('u-cuong', roles, 'ou-town', 'p-cuong'));
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 5 },
      ],
      people: ['p-an', 'p-binh', 'p-cuong'].map((id) => ({
        id,
        posts: [
          { positionId: 'pos-deputy', from: addDays(today, -1700), termEnd: addDays(today, 160) },
        ],
        pool: ['pos-head'],
      })),
    });
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-a1',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-an',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm trưởng',
      })
      .expect(201);
    const steps = [
      ['leadership-round-1', staff, { heldOn: today, minutesRef: 'BB-01', conclusion: 'agreed' }],
      [
        'expanded-nomination',
        secretary,
        nomination(
          [
            ['p-an', 16],
            ['p-binh', 7],
          ],
          'BB-02',
        ),
      ],
      ['leadership-round-2', secretary, ballot],
    ] as const;
    for (const [step, who, body] of steps)
      await http().post(`/cases/c-a1/steps/${step}`).set(who).send(body).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    beforeLateNomination = encodeURIComponent(new Date().toISOString());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await http()
      .post('/cases/c-a1/steps/key-officials-nomination')
      .set(secretary)
      .send(
        nomination(
          [
            ['p-an', 17],
            ['p-binh', 4],
            ['p-cuong', 3],
          ],
          'BB-04',
        ),
      )
      .expect(200);

    // The audit history is a projection: wait until the second nomination is in it (until the
    // case's first event is, its history answers 404).
    for (let tries = 0; ; tries += 1) {
      const { body } = await http().get('/cases/c-a1/history').set(auditor);
      const types = ((body.events ?? []) as { type: string }[]).map((event) => event.type);
      if (types.filter((type) => type === 'NominationTallied').length === 2) break;
      if (tries > 400) throw new Error(`the history holds ${types.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const ballotIn = (events: { type: string }[]) => {
    const found = events.find((event) => event.type === 'BallotTallied');
    if (!found) throw new Error(`no BallotTallied in ${events.map((e) => e.type).join(', ')}`);
    return found as unknown as { data: Record<string, unknown> };
  };
  const ndjson = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; data: Record<string, unknown> });
  const withheldFromThem = {
    withheld: expect.arrayContaining(['tally', 'reason']),
    withheldBecause: 'withheld from the subject',
  };

  it('the case view withholds the ballot from the runner-up; a reader with the same roles sees it', async () => {
    const seen = await http().get('/cases/c-a1').set(runnerUp).expect(200);
    const round2 = seen.body.steps.find((step: { type: string }) => step.type === 'BallotTallied');
    expect(round2).toMatchObject({ tally: 'withheld from the subject' });
    expect(seen.text).not.toMatch(leaks);
    const byAuditor = await http().get('/cases/c-a1').set(auditor).expect(200);
    expect(byAuditor.text).toMatch(leaks);
  });

  it("the case's history (JSON and CSV) withholds it from the runner-up too", async () => {
    const history = await http().get('/cases/c-a1/history').set(runnerUp).expect(200);
    expect(ballotIn(history.body.events)).toMatchObject(withheldFromThem);
    expect(history.text).not.toMatch(leaks);
    const csv = await http().get('/cases/c-a1/history.csv').set(runnerUp).expect(200);
    expect(csv.text).toContain('BallotTallied');
    expect(csv.text).not.toMatch(leaks);

    const byAuditor = await http().get('/cases/c-a1/history').set(auditor).expect(200);
    expect(byAuditor.text).toMatch(leaks);
  });

  it("the subject's history withholds it from the runner-up", async () => {
    const history = await http().get('/cadres/p-an/history').set(runnerUp).expect(200);
    expect(ballotIn(history.body.events)).toMatchObject(withheldFromThem);
    expect(history.text).not.toMatch(leaks);
  });

  it('the export (NDJSON and CSV) withholds it from the runner-up', async () => {
    const lines = await http().get('/audit/export?format=ndjson').set(runnerUp).expect(200);
    expect(ballotIn(ndjson(lines.text))).toMatchObject(withheldFromThem);
    expect(lines.text).not.toMatch(leaks);
    const csv = await http().get('/audit/export?format=csv').set(runnerUp).expect(200);
    expect(csv.text).toContain('BallotTallied');
    expect(csv.text).not.toMatch(leaks);

    const byAuditor = await http().get('/audit/export?format=ndjson').set(auditor).expect(200);
    expect(byAuditor.text).toMatch(leaks);
  });

  it('a candidate named after the ballot is judged by the case as it is now, in its history and as of before', async () => {
    const now = await http().get('/cases/c-a1').set(lateCandidate).expect(200);
    expect(now.text).not.toMatch(leaks);
    const history = await http().get('/cases/c-a1/history').set(lateCandidate).expect(200);
    expect(ballotIn(history.body.events)).toMatchObject(withheldFromThem);
    const asOf = await http()
      .get(`/cases/c-a1?asOf=${beforeLateNomination}`)
      .set(lateCandidate)
      .expect(200);
    expect(asOf.body.steps.map((step: { type: string }) => step.type)).toContain('BallotTallied');
    expect(asOf.text).not.toMatch(leaks);
    const asOfByAuditor = await http()
      .get(`/cases/c-a1?asOf=${beforeLateNomination}`)
      .set(auditor)
      .expect(200);
    expect(asOfByAuditor.text).toMatch(leaks);
  });
});
