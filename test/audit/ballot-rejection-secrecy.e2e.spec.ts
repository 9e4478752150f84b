import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A case its ballot rejected (`ballot.failed`) gives the ballot's counts as its rejection's reason
 * ("ballot failed: 6 of 13 members for, needs more than 6.5"). Before, that reason reached the
 * subject and the candidates on every read path while the ballot's own tally was withheld from
 * them: the case view (`rejection.reason`, now and `asOf`), the case's and the person's history,
 * the history CSV and the export. Now it is withheld as the ballot is, and named in `withheld`, as a
 * discipline case's closure by its ballot already was; readers the ballot's rule names still see it.
 */
describe('ballot secrecy of a rejection by a failed ballot, on every read path', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  // The same roles for all three readers: only being one of the case's people tells them apart.
  const roles = ['organization_staff', 'leadership', 'auditor', 'inspector'];
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  /** Named nowhere in the case: sees the reason, as the ballot's rule names their roles. */
  let auditor: Record<string, string>;
  /** The person the appointment is for. */
  let subject: Record<string, string>;
  /** The runner-up of the nomination. */
  let candidate: Record<string, string>;
  // 6 of 13 for: not more than half of the members, so the ballot fails and the case is rejected.
  const failedBallot = {
    heldOn: today,
    minutesRef: 'BB-03',
    tally: { members: 13, summoned: 13, present: 13, for: 6, against: 7, abstain: 0, invalid: 0 },
  };
  const leaks = /6 of 13|"for":6|""for"":6/;
  const withheldFromThem = { withheld: ['reason'], withheldBecause: 'withheld from the subject' };

  beforeAll(async () => {
    t = await startTestApp('ballot_rejection_secrecy', { RUN_WORKERS: 'true' });
    staff = bearer(t.token('u-staff', ['organization_staff'], 'ou-town'));
    secretary = bearer(t.token('u-secretary', ['ballot_secretary'], 'ou-town'));
    auditor = bearer(t.token('u-auditor', roles, 'ou-town'));
    subject = bearer(t.token('u-an', roles, 'ou-town', 'p-an'));
    candidate = bearer(t.token('u-binh', roles, 'ou-town', 'p-binh'));
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 5 },
      ],
      people: ['p-an', 'p-binh'].map((id) => ({
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
        id: 'c-rejected',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-an',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm trưởng',
      })
      .expect(201);
    const nomination = {
      heldOn: today,
      minutesRef: 'BB-02',
      members: 25,
      summoned: 25,
      present: 24,
      invalid: 0,
      candidates: [
        { personId: 'p-an', votes: 16 },
        { personId: 'p-binh', votes: 7 },
      ],
    };
    const steps = [
      ['leadership-round-1', staff, { heldOn: today, minutesRef: 'BB-01', conclusion: 'agreed' }],
      ['expanded-nomination', secretary, nomination],
      ['leadership-round-2', secretary, failedBallot],
    ] as const;
    for (const [step, who, body] of steps)
      await http().post(`/cases/c-rejected/steps/${step}`).set(who).send(body).expect(200);

    // The audit history is a projection: wait until the rejection is in it (until the case's
    // first event is, its history answers 404).
    for (let tries = 0; ; tries += 1) {
      const { body } = await http().get('/cases/c-rejected/history').set(auditor);
      const types = ((body.events ?? []) as { type: string }[]).map((event) => event.type);
      if (types.includes('CaseRejected')) break;
      if (tries > 1200) throw new Error(`the history holds ${types.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const rejectionIn = (events: { type: string }[]) => {
    const found = events.find((event) => event.type === 'CaseRejected');
    if (!found) throw new Error(`no CaseRejected in ${events.map((e) => e.type).join(', ')}`);
    return found as unknown as Record<string, unknown> & { data: Record<string, unknown> };
  };
  const ndjson = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; data: Record<string, unknown> });

  it('the case view gives the subject and the candidate the rule, not the counts; the auditor sees them', async () => {
    for (const reader of [subject, candidate]) {
      const { body, text } = await http().get('/cases/c-rejected').set(reader).expect(200);
      expect(body.status).toBe('rejected');
      expect(body.rejection).toMatchObject({
        rule: 'ballot.failed',
        reason: 'withheld from the subject',
        withheld: ['reason'],
        stepId: 'leadership-round-2',
      });
      expect(text).not.toMatch(leaks);
    }
    const byAuditor = await http().get('/cases/c-rejected').set(auditor).expect(200);
    expect(byAuditor.body.rejection.reason).toMatch(leaks);
    expect(byAuditor.body.rejection).not.toHaveProperty('withheld');
  });

  it('as of a moment after the rejection, the replayed case withholds the reason from the subject', async () => {
    const later = encodeURIComponent(new Date(Date.now() + 1000).toISOString());
    const { body, text } = await http()
      .get(`/cases/c-rejected?asOf=${later}`)
      .set(subject)
      .expect(200);
    expect(body.rejection).toMatchObject({ rule: 'ballot.failed', withheld: ['reason'] });
    expect(text).not.toMatch(leaks);
    const byAuditor = await http().get(`/cases/c-rejected?asOf=${later}`).set(auditor).expect(200);
    expect(byAuditor.body.rejection.reason).toMatch(leaks);
  });

  it("the case's history (JSON and CSV) names the rejection's reason withheld from the subject and the candidate", async () => {
    for (const reader of [subject, candidate]) {
      const history = await http().get('/cases/c-rejected/history').set(reader).expect(200);
      const rejection = rejectionIn(history.body.events);
      expect(rejection).toMatchObject(withheldFromThem);
      expect(rejection.data).toMatchObject({ rule: 'ballot.failed' });
      expect(rejection.data).not.toHaveProperty('reason');
      expect(history.text).not.toMatch(leaks);
      const csv = await http().get('/cases/c-rejected/history.csv').set(reader).expect(200);
      expect(csv.text).toMatch(/CaseRejected.*,reason\r\n/);
      expect(csv.text).not.toMatch(leaks);
    }
    const byAuditor = await http().get('/cases/c-rejected/history').set(auditor).expect(200);
    expect(rejectionIn(byAuditor.body.events).data.reason).toMatch(leaks);
    const csvByAuditor = await http().get('/cases/c-rejected/history.csv').set(auditor);
    expect(csvByAuditor.text).toMatch(leaks);
  });

  it("the subject's own history withholds it from them", async () => {
    const history = await http().get('/cadres/p-an/history').set(subject).expect(200);
    expect(rejectionIn(history.body.events)).toMatchObject(withheldFromThem);
    expect(history.text).not.toMatch(leaks);
    const byAuditor = await http().get('/cadres/p-an/history').set(auditor).expect(200);
    expect(rejectionIn(byAuditor.body.events).data.reason).toMatch(leaks);
  });

  it('the export (NDJSON and CSV) withholds it from the subject and the candidate, not from the auditor', async () => {
    for (const reader of [subject, candidate]) {
      const lines = await http().get('/audit/export?format=ndjson').set(reader).expect(200);
      expect(rejectionIn(ndjson(lines.text))).toMatchObject(withheldFromThem);
      expect(lines.text).not.toMatch(leaks);
      const csv = await http().get('/audit/export?format=csv').set(reader).expect(200);
      expect(csv.text).toMatch(/CaseRejected.*,reason\r\n/);
      expect(csv.text).not.toMatch(leaks);
    }
    const byAuditor = await http().get('/audit/export?format=ndjson').set(auditor).expect(200);
    const rejection = rejectionIn(ndjson(byAuditor.text));
    expect(rejection.data.reason).toMatch(leaks);
    expect(rejection.withheld ?? null).toBeNull();
  });
});
