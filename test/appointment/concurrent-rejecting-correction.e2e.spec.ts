import request from 'supertest';
import { buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Three clerks correct, at the same moment and without If-Match, a ballot that rejected the case.
 * Each is judged on the case as it stands: one is written, and one decided on the state before it
 * is either decided again on the new state or answered with the ordinary stale-revision conflict;
 * never a 409 about an Idempotency-Key nobody sent, and never a correction written twice.
 */
/**
 * One nominee per race (a correction that reopens their case holds their open-case slot), two to a
 * post (the planning pool of a post is limited).
 */
const NOMINEES = ['p-an-1', 'p-an-2', 'p-an-3', 'p-an-4', 'p-an-5'];
const postOf = (personId: string) =>
  ['pos-head-1', 'pos-head-2', 'pos-head-3'][Math.floor(NOMINEES.indexOf(personId) / 2)];

describe('concurrent corrections of a ballot that rejected the case', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const tally = (forVotes: number) => ({
    heldOn: today,
    minutesRef: 'BB-03',
    tally: {
      members: 13,
      summoned: 13,
      present: 13,
      for: forVotes,
      against: 13 - forVotes,
      abstain: 0,
      invalid: 0,
    },
  });
  const nominationOf = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-02',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId, votes: 16 },
      { personId: 'p-binh', votes: 8 },
    ],
  });

  beforeAll(async () => {
    t = await startTestApp('rejecting_correction_race', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
    }))
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    await buildRegistry(t, h.staff, {
      positions: [
        { id: 'pos-head-1', rank: 5 },
        { id: 'pos-head-2', rank: 5 },
        { id: 'pos-head-3', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
      ],
      people: [
        ...NOMINEES.map((id) => ({
          id,
          posts: [{ positionId: 'pos-deputy', from: '2021-03-01', termEnd: '2026-03-01' }],
          pool: [postOf(id)],
        })),
        { id: 'p-binh' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A case for `personId` whose leadership-round-2 recorded 6 of 13 for: rejected by the ballot. */
  async function rejectedCase(caseId: string, personId: string): Promise<number> {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId,
        positionId: postOf(personId),
        orgUnitId: 'ou-town',
        summary: 'Fill the post of head',
      })
      .expect(201);
    const steps: [string, string, object][] = [
      ['leadership-round-1', 'staff', { heldOn: today, minutesRef: 'BB-01', conclusion: 'agreed' }],
      ['expanded-nomination', 'secretary', nominationOf(personId)],
    ];
    for (const [stepId, who, body] of steps)
      await http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body).expect(200);
    const rejected = await http()
      .post(`/cases/${caseId}/steps/leadership-round-2`)
      .set(h.secretary)
      .send(tally(6))
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejection: { rule: 'ballot.failed' },
    });
    return rejected.body.revision as number;
  }

  /** The corrections sent at once (one request each, all in flight together). */
  const correctAtOnce = (caseId: string, votes: number[], ifMatch?: number) =>
    Promise.all(
      votes.map((forVotes) => {
        const call = http()
          .post(`/cases/${caseId}/steps/leadership-round-2/corrections`)
          .set(h.staff);
        return (ifMatch === undefined ? call : call.set('If-Match', `"${ifMatch}"`)).send({
          reason: `minutes BB-03 record ${forVotes} of 13`,
          ...tally(forVotes),
        });
      }),
    );

  /** StepCorrected events in the case's stream, as stored (not a read model that may lag). */
  async function correctionsWritten(caseId: string): Promise<number> {
    const { rows } = await t.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND type LIKE 'StepCorrected%'`,
      [`appointment-${caseId}`],
    );
    return rows[0].n;
  }

  it.each([
    ['passing the ballot', 'c-race-pass', NOMINEES[0], [10, 11, 12]],
    ['passing and failing it', 'c-race-mixed', NOMINEES[1], [10, 5, 11]],
  ])(
    'without If-Match, corrections %s are each decided on the case as it stands, none is an Idempotency-Key conflict',
    async (_, caseId, personId, votes) => {
      const revision = await rejectedCase(caseId, personId);
      const answers = await correctAtOnce(caseId, votes);
      for (const answer of answers) {
        expect(answer.body.rule).not.toBe('idempotency.id_reused');
        if (answer.status === 200) continue;
        // A later correction refused on the case as the earlier one left it names that revision.
        expect(answer.status).toBe(409);
        expect(answer.body.currentRevision).toBeGreaterThan(revision);
      }
      const written = answers.filter((answer) => answer.status === 200);
      expect(written.length).toBeGreaterThanOrEqual(1);
      // Exactly one correction for each answered 200, none for a refused one.
      expect(await correctionsWritten(caseId)).toBe(written.length);
    },
  );

  it.each([
    ['passing the ballot', 'c-race-match-pass', NOMINEES[2], [10, 11, 12]],
    ['passing and failing it', 'c-race-match-mixed', NOMINEES[3], [10, 5, 11]],
  ])(
    'with If-Match, of corrections %s one is written and the others are stale-revision conflicts',
    async (_, caseId, personId, votes) => {
      const revision = await rejectedCase(caseId, personId);
      const answers = await correctAtOnce(caseId, votes, revision);
      const written = answers.filter((answer) => answer.status === 200);
      expect(written).toHaveLength(1);
      for (const answer of answers.filter((a) => a.status !== 200)) {
        expect(answer.status).toBe(409);
        expect(answer.body).toMatchObject({
          rule: 'concurrency.stale_revision',
          currentRevision: written[0].body.revision,
        });
      }
      expect(await correctionsWritten(caseId)).toBe(1);
    },
  );

  it('a ballot corrected to pass, to fail and to pass again reopens the case each time (its next step was scheduled and cancelled before)', async () => {
    let revision = await rejectedCase('c-again', NOMINEES[4]);
    for (const [forVotes, status] of [
      [10, 'open'],
      [5, 'rejected'],
      [11, 'open'],
    ] as const) {
      const [answer] = await correctAtOnce('c-again', [forVotes], revision);
      expect(answer.body).toMatchObject({ status });
      expect(answer.status).toBe(200);
      revision = answer.body.revision as number;
    }
    expect(await correctionsWritten('c-again')).toBe(3);
  });
});
