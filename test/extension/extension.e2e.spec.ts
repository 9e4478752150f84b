import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { fireStepDeadline } from '../support/step-deadline-timer';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/** Extension of a term to retirement (kéo dài thời hạn giữ chức vụ đến tuổi nghỉ hưu) over HTTP. */
describe('term extension to retirement over HTTP', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const termEnd = addDays(today, 60);
  const post = { positionId: 'pos-head', from: addDays(today, -1765), termEnd };

  beforeAll(async () => {
    t = await startTestApp('extension', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-town')}` };
    const near = addDays(today, -(61 * 365 + 120));
    // One-seat posts, each held by someone near retirement to `termEnd`.
    const seated = ['pos-x1', 'pos-x2', 'pos-x3', 'pos-x4', 'pos-x5'];
    const holdTo = (positionId: string) => ({ ...post, positionId });
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }, ...seated.map((id) => ({ id, rank: 5, seats: 1 }))],
      people: [
        { id: 'p-near', dateOfBirth: near, gender: 'male', posts: [post] },
        { id: 'p-young', dateOfBirth: '1982-05-05', gender: 'male', posts: [post] },
        { id: 'p-late', dateOfBirth: near, gender: 'male', posts: [post] },
        { id: 'p-gap', dateOfBirth: near, gender: 'male', posts: [post] },
        ...seated.map((positionId, at) => ({
          id: `p-x${2 * at + 1}`,
          dateOfBirth: near,
          gender: 'male' as const,
          posts: [holdTo(positionId)],
        })),
        ...seated.map((_, at) => ({ id: `p-x${2 * at + 2}` })),
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (id: string, personId: string, positionId = 'pos-head') =>
    http().post('/cases').set(staff).send({
      id,
      procedure: 'extension',
      definition: 'extension.to-retirement',
      personId,
      positionId,
      orgUnitId: 'ou-town',
      summary: 'Kéo dài thời hạn giữ chức vụ đến tuổi nghỉ hưu',
    });
  const takeStepsToDecision = async (caseId: string) => {
    await http()
      .post(`/cases/${caseId}/steps/self-report`)
      .set(staff)
      .send({ heldOn: today, conclusion: 'Hoàn thành tốt nhiệm vụ' })
      .expect(200);
    await http()
      .post(`/cases/${caseId}/steps/leadership-ballot`)
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: `BB-${caseId}`,
        tally: { members: 9, summoned: 9, present: 9, for: 7, against: 2, abstain: 0, invalid: 0 },
      })
      .expect(200);
  };
  const decide = (caseId: string, effectiveFrom: string) =>
    http()
      .post(`/cases/${caseId}/steps/decision`)
      .set(leader)
      .send({ heldOn: today, number: `QĐ-${caseId}`, signer: 'Chủ tịch', effectiveFrom });
  /** The successor's hold recorded by hand from the term's end, with no end. */
  const recordFromTermEnd = (personId: string, positionId: string) =>
    http()
      .post(`/cadres/${personId}/posts`)
      .set(staff)
      .send({ positionId, from: termEnd, termEnd: null, decisionRef: `QĐ-${personId}` });
  /** What requests wrote into a stream: a saga's note of an earlier step may land any time. */
  const eventsIn = (streamId: string): Promise<number> =>
    streamEventCount(t.db.pool, [streamId], { requestsOnly: true });

  it('extends the term to the retirement date after the self-report and ballot', async () => {
    const opened = await open('k-1', 'p-near').expect(201);
    expect(opened.body.facts).toMatchObject({ termEnd, late: true });
    const retires = opened.body.facts.retirementDate as string;
    await http()
      .post('/cases/k-1/steps/self-report')
      .set(staff)
      .send({ heldOn: today, conclusion: 'Hoàn thành tốt nhiệm vụ' })
      .expect(200);
    await http()
      .post('/cases/k-1/steps/leadership-ballot')
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-1',
        tally: { members: 9, summoned: 9, present: 9, for: 7, against: 2, abstain: 0, invalid: 0 },
      })
      .expect(200);
    // Taking effect before the term ends would cut it short: refused, naming the term's end.
    const early = await http()
      .post('/cases/k-1/steps/decision')
      .set(leader)
      .send({ heldOn: today, number: '54-QĐ/UBND', signer: 'Chủ tịch', effectiveFrom: today })
      .expect(422);
    expect(early.body).toMatchObject({
      rule: 'extension.starts_before_term_end',
      field: 'effectiveFrom',
    });
    const decided = await http()
      .post('/cases/k-1/steps/decision')
      .set(leader)
      .send({ heldOn: today, number: '55-QĐ/UBND', signer: 'Chủ tịch', effectiveFrom: termEnd })
      .expect(200);
    expect(decided.body.decision).toMatchObject({
      termEnd: retires,
      details: { applied: 'extended_to_retirement' },
    });
    for (let tries = 0; tries < 100; tries += 1) {
      const { body } = await http().get('/cadres/p-near').set(staff).expect(200);
      if (body.posts[0]?.termEnd === retires) {
        // The appointing decision stays on the post, the extension beside it (before, it replaced it).
        expect(body.posts[0]).toMatchObject({
          from: post.from,
          extendedBy: { decisionRef: expect.stringMatching(/55-QĐ/), on: termEnd },
        });
        expect(body.posts[0].decisionRef).not.toMatch(/55-QĐ/);
        // The term now runs to retirement: a second extension has nothing to extend (before: 201).
        const again = await open('k-again', 'p-near').expect(422);
        expect(again.body).toMatchObject({
          rule: 'extension.already_to_retirement',
          field: 'positionId',
        });
        // Nor is it re-appointed: nothing is re-appointed when the holder retires (before: 201).
        const renewal = await http()
          .post('/cases')
          .set(staff)
          .send({
            id: 'r-after',
            procedure: 'reappointment',
            definition: 'reappointment.standard',
            personId: 'p-near',
            positionId: 'pos-head',
            orgUnitId: 'ou-town',
            summary: 'Bổ nhiệm lại',
          })
          .expect(422);
        expect(renewal.body).toMatchObject({
          rule: 'reappointment.term_to_retirement',
          field: 'positionId',
        });
        expect(renewal.body.message).toMatch(new RegExp(`55-QĐ/UBND.*retirement on ${retires}`));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the record did not take the extended term');
  });

  it('refuses an extension taking effect after the term it continues ends, past retirement or before it, writing nothing; from the term’s end it is decided', async () => {
    const opened = await open('k-gap', 'p-gap').expect(201);
    const retires = opened.body.facts.retirementDate as string;
    await takeStepsToDecision('k-gap');
    const streams = ['extension-k-gap'];
    const before = await streamEventCount(t.db.pool, streams, { requestsOnly: true });
    // Before: 200, the record showing the term extended to retirement from a day after it.
    for (const effectiveFrom of [addDays(retires, 32), addDays(termEnd, 30)]) {
      const refused = await decide('k-gap', effectiveFrom).expect(422);
      expect(refused.body).toMatchObject({
        rule: 'extension.starts_after_term_end',
        field: 'effectiveFrom',
        termEnd,
        continuesOn: termEnd,
      });
      expect(refused.body.message).toContain(
        `effectiveFrom: ${effectiveFrom} is after ${termEnd}, the day the extension continues the term of pos-head`,
      );
    }
    expect(await streamEventCount(t.db.pool, streams, { requestsOnly: true })).toBe(before);
    const still = await http().get('/cases/k-gap').set(staff).expect(200);
    expect(still.body).toMatchObject({ status: 'open', currentStep: { id: 'decision' } });
    const person = await http().get('/cadres/p-gap').set(staff).expect(200);
    expect(person.body.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-head', termEnd }),
    ]);
    expect(person.body.posts[0].extendedBy).toBeUndefined();
    const decided = await decide('k-gap', termEnd).expect(200);
    expect(decided.body.decision).toMatchObject({ effectiveFrom: termEnd, termEnd: retires });
  });

  it('is refused when the holder has 2 years or more to retirement at the term’s end', async () => {
    const refused = await open('k-2', 'p-young').expect(422);
    // The holder the opening names is what is refused (before: field null).
    expect(refused.body).toMatchObject({
      rule: 'extension.not_near_retirement',
      field: 'personId',
    });
    expect(refused.body.message).toMatch(/whole years to retirement .* only below 2/);
  });

  it('records a missed self-report deadline as an event', async () => {
    await open('k-3', 'p-late').expect(201);
    const missed = await fireStepDeadline(t, 'extension-k-3');
    expect(missed.map((m) => m.stepId)).toEqual(['self-report']);
  });

  describe('a one-seat post (seats: 1) whose seat another holds from the term’s end', () => {
    it('refuses the decision extending the term into the successor’s days, naming them and writing nothing', async () => {
      await open('k-x1', 'p-x1', 'pos-x1').expect(201);
      await takeStepsToDecision('k-x1');
      // The seat is free from the end of p-x1's term: p-x2 is recorded in it from then.
      await recordFromTermEnd('p-x2', 'pos-x1').expect(201);
      const streams = ['extension-k-x1', 'cadre-p-x1', 'postseat-pos-x1'];
      const before = await Promise.all(streams.map(eventsIn));
      const refused = await decide('k-x1', termEnd);
      // Before: 200, and p-x1 and p-x2 both held the one seat from the term's end to retirement.
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ rule: 'post.held_by_another', field: 'effectiveFrom' });
      expect(refused.body.message).toContain(
        `is held on ${termEnd} by 1 of 1 seat: Người p-x2 (p-x2) from ${termEnd} with no end of term recorded, within the extended term from ${termEnd} to `,
      );
      expect(await Promise.all(streams.map(eventsIn))).toEqual(before);
      const still = await http().get('/cases/k-x1').set(staff).expect(200);
      expect(still.body).toMatchObject({ status: 'open', currentStep: { id: 'decision' } });
      const person = await http().get('/cadres/p-x1').set(staff).expect(200);
      expect(person.body.posts).toEqual([
        expect.objectContaining({ positionId: 'pos-x1', termEnd }),
      ]);
      expect(person.body.posts[0].extendedBy).toBeUndefined();
    });

    it('refuses the opening when the extended term could not be given', async () => {
      await recordFromTermEnd('p-x4', 'pos-x2').expect(201);
      const refused = await open('k-x2', 'p-x3', 'pos-x2');
      // Before: 201, an extension opened that no decision could give.
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ rule: 'post.held_by_another', field: 'positionId' });
      expect(refused.body.message).toContain(
        `Người p-x4 (p-x4) from ${termEnd} with no end of term recorded, within the extended term from ${termEnd} to `,
      );
      expect(await eventsIn('extension-k-x2')).toBe(0);
    });

    it('extends the term while the seat is free, claiming its days on the seat stream: a later record into them is refused', async () => {
      const opened = await open('k-x3', 'p-x5', 'pos-x3').expect(201);
      const retires = opened.body.facts.retirementDate as string;
      await takeStepsToDecision('k-x3');
      const decided = await decide('k-x3', termEnd).expect(200);
      expect(decided.body.decision).toMatchObject({ termEnd: retires });
      const claims = await t.db.pool.query(
        "SELECT data FROM events WHERE stream_id = 'postseat-pos-x3' ORDER BY global_position",
      );
      // Before: only the hand record's claim (to termEnd); the extended days were claimed by none.
      expect(claims.rows.map((row) => row.data)).toEqual([
        expect.objectContaining({ claimant: 'p-x5', termEnd }),
        { claimant: 'p-x5', from: termEnd, termEnd: retires, caseId: 'k-x3' },
      ]);
      const taken = await recordFromTermEnd('p-x6', 'pos-x3');
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ rule: 'post.held_by_another', field: 'positionId' });
      expect(taken.body.message).toContain('Người p-x5 (p-x5)');
      for (let tries = 0; tries < 100; tries += 1) {
        const { body } = await http().get('/cadres/p-x5').set(staff).expect(200);
        if (body.posts[0]?.termEnd === retires) {
          expect(body.posts[0]).toMatchObject({
            positionId: 'pos-x3',
            extendedBy: { on: termEnd },
          });
          // The extended term on the record is the claim: a record from it is refused still.
          const later = await recordFromTermEnd('p-x6', 'pos-x3');
          expect(later.status).toBe(409);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the record did not take the extended term');
    });

    it('keeps the extension when the appointment is recorded again by hand on the term before it', async () => {
      const opened = await open('k-x5', 'p-x9', 'pos-x5').expect(201);
      const retires = opened.body.facts.retirementDate as string;
      await takeStepsToDecision('k-x5');
      await decide('k-x5', termEnd).expect(200);
      const extended = async () => {
        for (let tries = 0; tries < 100; tries += 1) {
          const { body } = await http().get('/cadres/p-x9').set(staff).expect(200);
          if (body.posts[0]?.termEnd === retires) return;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error('the record did not take the extended term');
      };
      await extended();
      const onRecord = await eventsIn('cadre-p-x9');
      const seatClaims = await eventsIn('postseat-pos-x5');
      // The hand record buildRegistry made, sent again; then one ending before the extended end.
      const original = { positionId: 'pos-x5', from: post.from, termEnd, decisionRef: '1-QĐ' };
      for (const body of [original, { ...original, termEnd: addDays(termEnd, 30) }]) {
        const again = await http().post('/cadres/p-x9/posts').set(staff).send(body).expect(201);
        // Before: a PostAssigned to the original end without the extension, the extension gone.
        expect(again.body.posts).toEqual([
          expect.objectContaining({
            positionId: 'pos-x5',
            termEnd: retires,
            decisionRef: '1-QĐ',
            extendedBy: expect.objectContaining({ on: termEnd }),
          }),
        ]);
      }
      expect(await eventsIn('cadre-p-x9')).toBe(onRecord);
      expect(await eventsIn('postseat-pos-x5')).toBe(seatClaims);
      // The term still runs to retirement: a second extension has nothing to extend.
      const second = await open('k-x5-again', 'p-x9', 'pos-x5').expect(422);
      expect(second.body).toMatchObject({ rule: 'extension.already_to_retirement' });
    });

    it('of a decision and a record of another taking the same days at once, one is refused', async () => {
      await open('k-x4', 'p-x7', 'pos-x4').expect(201);
      await takeStepsToDecision('k-x4');
      const [decided, recorded] = await Promise.all([
        decide('k-x4', termEnd),
        recordFromTermEnd('p-x8', 'pos-x4'),
      ]);
      // Before: both went through, p-x7 and p-x8 holding the one seat together.
      const won = [decided.status === 200, recorded.status === 201];
      expect(won.filter(Boolean)).toHaveLength(1);
      const refused = won[0] ? recorded : decided;
      expect(refused.body).toMatchObject({ rule: 'post.held_by_another' });
    });
  });
});
