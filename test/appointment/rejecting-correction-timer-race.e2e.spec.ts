import request from 'supertest';
import { buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A ballot corrected to a pass and back to a failure, again and again, on many cases at once, while
 * the step-deadlines saga (and its sweep of a rejected case's timers) writes the same cases' timer
 * streams: every correction is written (200) or refused as a stale revision of the case (409 with
 * its current revision), never a 500, and none is written twice.
 */
const CASES = Number(process.env.RACE_CASES ?? 12);
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 3);
jest.setTimeout(300_000);
const people = Array.from({ length: CASES }, (_, i) => `p-race-${i}`);
const postOf = (personId: string) => `pos-race-${people.indexOf(personId)}`;

describe('corrections of a rejecting ballot racing the sweep of its timers', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const tally = (forVotes: number) => ({
    heldOn: today,
    minutesRef: 'BB-03',
    tally: {
      ...{ members: 13, summoned: 13, present: 13 },
      ...{ for: forVotes, against: 13 - forVotes, abstain: 0, invalid: 0 },
    },
  });

  beforeAll(async () => {
    t = await startTestApp('rejecting_correction_timers', {
      RUN_WORKERS: 'true',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
    }))
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    await buildRegistry(t, h.staff, {
      positions: [
        ...people.map((id) => ({ id: postOf(id), rank: 5 })),
        { id: 'pos-deputy', rank: 4 },
      ],
      people: [
        ...people.map((id) => ({
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

  /** A case whose leadership-round-2 recorded 6 of 13 for: rejected by the ballot. */
  async function rejectedCase(caseId: string, personId: string): Promise<void> {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        ...{ id: caseId, procedure: 'appointment', definition: 'appointment.internal' },
        ...{ personId, positionId: postOf(personId), orgUnitId: 'ou-town', summary: 'Head' },
      })
      .expect(201);
    const nomination = {
      ...{ heldOn: today, minutesRef: 'BB-02', members: 25, summoned: 25, present: 24 },
      invalid: 0,
      candidates: [
        { personId, votes: 16 },
        { personId: 'p-binh', votes: 8 },
      ],
    };
    const steps: [string, string, object][] = [
      ['leadership-round-1', 'staff', { heldOn: today, minutesRef: 'BB-01', conclusion: 'agreed' }],
      ['expanded-nomination', 'secretary', nomination],
      ['leadership-round-2', 'secretary', tally(6)],
    ];
    for (const [stepId, who, body] of steps)
      await http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body).expect(200);
  }

  const correct = (caseId: string, forVotes: number) =>
    http()
      .post(`/cases/${caseId}/steps/leadership-round-2/corrections`)
      .set(h.staff)
      .send({ reason: `minutes BB-03 record ${forVotes} of 13`, ...tally(forVotes) });

  async function correctionsWritten(caseId: string): Promise<number> {
    const { rows } = await t.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND type LIKE 'StepCorrected%'`,
      [`appointment-${caseId}`],
    );
    return rows[0].n;
  }

  /**
   * The step-deadline timers of these cases still pending (neither cancelled nor superseded by the
   * next step's) once the saga has caught up.
   */
  async function pendingTimersOnceSettled(): Promise<string[]> {
    let pending: string[] = [];
    for (let tries = 0; tries < 120; tries += 1) {
      if (tries) await new Promise((resolve) => setTimeout(resolve, 500));
      const { rows } = await t.db.pool.query<{ timer: string }>(
        `SELECT p.target || ' ' || p.step AS timer FROM (
           SELECT max(data->>'timerId') AS id, max(data->>'target') AS target,
                  max(data->'payload'->>'stepId') AS step
             FROM events WHERE stream_id LIKE 'timer-%' GROUP BY stream_id
            HAVING count(*) = 1 AND bool_and(data->>'target' LIKE 'appointment-c-tr-%')) p
          WHERE NOT EXISTS (SELECT 1 FROM events s
                             WHERE s.type LIKE 'TimerScheduled%' AND s.data->'supersedes' ? p.id)`,
      );
      pending = rows.map((row) => row.timer).sort();
      if (pending.length === 0) break;
    }
    return pending;
  }

  /** Passes and failures of one case, each pair sent together, a round after the other. */
  async function raceOne(caseId: string, personId: string) {
    await rejectedCase(caseId, personId);
    const answers: request.Response[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      answers.push(await correct(caseId, 10));
      answers.push(...(await Promise.all([correct(caseId, 5), correct(caseId, 11)])));
      answers.push(...(await Promise.all([correct(caseId, 4), correct(caseId, 12)])));
      answers.push(await correct(caseId, 3));
    }
    return { caseId, answers };
  }

  it('every correction is written or a stale-revision conflict, never a 500', async () => {
    const raced = await Promise.all(people.map((personId, i) => raceOne(`c-tr-${i}`, personId)));
    const failures = raced.flatMap(({ caseId, answers }) =>
      answers
        .filter((answer) => answer.status >= 500)
        .map((answer) => ({ caseId, status: answer.status, body: answer.body as unknown })),
    );
    expect(failures).toEqual([]);
    for (const { caseId, answers } of raced) {
      for (const answer of answers.filter((one) => one.status === 409))
        expect(answer.body).toMatchObject({ currentRevision: expect.any(Number) });
      const written = answers.filter((answer) => answer.status === 200).length;
      expect(await correctionsWritten(caseId)).toBe(written);
    }
    // Every case ends rejected: each of its deadline timers is cancelled, by its step or the sweep.
    expect(await pendingTimersOnceSettled()).toEqual([]);
  });
});
