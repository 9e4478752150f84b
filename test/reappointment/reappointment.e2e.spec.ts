import request from 'supertest';
import {
  addDays,
  buildRegistry,
  rateEveryYearCompleted,
  vietnamToday,
} from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

describe('re-appointment over HTTP', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('reappointment');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        {
          id: 'p-late',
          termRated: true,
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1800), termEnd: addDays(today, 30) },
          ],
        },
        {
          id: 'p-abroad',
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1700), termEnd: addDays(today, 200) },
          ],
        },
        {
          id: 'p-early',
          termRated: true,
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1600), termEnd: addDays(today, 200) },
          ],
        },
        {
          id: 'p-rated',
          termRated: true,
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1500), termEnd: addDays(today, 200) },
          ],
        },
        {
          id: 'p-rated-early',
          termRated: true,
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1500), termEnd: addDays(today, 200) },
          ],
        },
        {
          id: 'p-gap',
          termRated: true,
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1600), termEnd: addDays(today, 200) },
          ],
        },
        {
          id: 'p-unrated',
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1500), termEnd: addDays(today, 200) },
          ],
        },
        {
          id: 'p-rated-later',
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1500), termEnd: addDays(today, 200) },
          ],
        },
        { id: 'p-none' },
        { id: 'p-e' },
        { id: 'p-f' },
        { id: 'p-g' },
      ],
    });
    await http()
      .post('/cadres/p-abroad/statuses')
      .set(staff)
      .send({
        status: 'abroad',
        from: addDays(today, -10),
        until: addDays(today, 120),
        note: 'study abroad',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (id: string, personId: string) =>
    http().post('/cases').set(staff).send({
      id,
      procedure: 'reappointment',
      definition: 'reappointment.standard',
      personId,
      positionId: 'pos-head',
      orgUnitId: 'ou-town',
      summary: 'Re-appointment at the end of the term',
    });

  it('opens late with the number of days recorded, and decides a new term', async () => {
    const opened = await open('r-1', 'p-late').expect(201);
    // The term ends in 30 days; the notice was due 90 calendar days before it (Nghị định 170/2025
    // art. 39(1)), 60 days ago (before: 90 working days under Quy định 377-QĐ/TW).
    expect(opened.body.facts).toMatchObject({
      termEnd: addDays(today, 30),
      openBy: addDays(today, -60),
      late: true,
      daysLate: 60,
      lateUnit: 'days',
    });
    await http()
      .post('/cases/r-1/steps/self-assessment')
      .set(staff)
      .send({ heldOn: today, conclusion: 'Completed the term’s targets' })
      .expect(200);
    const confidence = await http()
      .post('/cases/r-1/steps/key-officials-confidence')
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-1',
        tally: {
          members: 40,
          summoned: 40,
          present: 38,
          for: 12,
          against: 24,
          abstain: 2,
          invalid: 0,
        },
      })
      .expect(200);
    // 12 of 40 (30 %) is kept as one basis for the leadership ballot, not a pass mark (version 2).
    expect(opened.body.definition).toBe('reappointment.standard@3');
    expect(confidence.body).toMatchObject({
      status: 'open',
      currentStep: { id: 'head-evaluation' },
    });
    expect(confidence.body.steps[1].tally).toBe('not announced');
    expect(confidence.body.steps[1].share).toBeUndefined();
    const asStaff = await http().get('/cases/r-1').set(staff).expect(200);
    expect(asStaff.body.steps[1]).toMatchObject({
      outcome: 'reference',
      share: { votes: 12, base: 40, baseName: 'summoned', percent: 30 },
      rule: { reference: true },
    });
    await http()
      .post('/cases/r-1/steps/head-evaluation')
      .set(leader)
      .send({ heldOn: today, conclusion: 'Recommended' })
      .expect(200);
    await http()
      .post('/cases/r-1/steps/leadership-ballot')
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-2',
        tally: {
          members: 13,
          summoned: 13,
          present: 13,
          for: 11,
          against: 2,
          abstain: 0,
          invalid: 0,
        },
      })
      .expect(200);
    const vetted = await http()
      .post('/cases/r-1/steps/vetting')
      .set(staff)
      .send({
        heldOn: today,
        items: ['background', 'asset_declaration', 'political_standards', 'health'].map((item) => ({
          item,
          result: 'cleared',
        })),
      })
      .expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({
      result: 'cleared',
      source: 'record',
    });
    const decided = await http()
      .post('/cases/r-1/steps/decision')
      .set(leader)
      .send({
        heldOn: today,
        number: '301-QĐ/TU',
        signer: 'Bí thư',
        effectiveFrom: addDays(today, 30),
      })
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'decided',
      decision: { termYears: 5, details: { applied: 'full_term' } },
    });
  });

  /** The steps before the decision, each passing. */
  const takeStepsToDecision = async (caseId: string) => {
    const tally = (members: number, forVotes: number) => ({
      members,
      summoned: members,
      present: members,
      for: forVotes,
      against: members - forVotes,
      abstain: 0,
      invalid: 0,
    });
    const steps: [string, Record<string, string>, Record<string, unknown>][] = [
      ['self-assessment', staff, { conclusion: 'ok' }],
      ['key-officials-confidence', secretary, { minutesRef: 'BB-1', tally: tally(40, 30) }],
      ['head-evaluation', leader, { conclusion: 'Recommended' }],
      ['leadership-ballot', secretary, { minutesRef: 'BB-2', tally: tally(13, 11) }],
      [
        'vetting',
        staff,
        {
          items: ['background', 'asset_declaration', 'political_standards', 'health'].map(
            (item) => ({ item, result: 'cleared' }),
          ),
        },
      ],
    ];
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  };

  it('refuses a new term that starts before the current one ends, writing nothing; from its end it is decided', async () => {
    await open('r-early', 'p-early').expect(201);
    await takeStepsToDecision('r-early');
    const termEnd = addDays(today, 200);
    const decide = (effectiveFrom: string) =>
      http()
        .post('/cases/r-early/steps/decision')
        .set(leader)
        .send({ heldOn: today, number: '302-QĐ/TU', signer: 'Bí thư', effectiveFrom });
    const early = await decide(addDays(today, 10)).expect(422);
    expect(early.body).toMatchObject({
      rule: 'reappointment.starts_before_term_end',
      field: 'effectiveFrom',
      termEnd,
    });
    expect(early.body.message).toContain(`is before ${termEnd}`);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'reappointment-r-early' AND type = 'DecisionIssued.v1'",
    );
    expect(rows[0].n).toBe(0);
    const still = await http().get('/cases/r-early').set(staff).expect(200);
    expect(still.body).toMatchObject({ status: 'open', currentStep: { id: 'decision' } });
    const person = await http().get('/cadres/p-early').set(staff).expect(200);
    expect(person.body.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-head', termEnd }),
    ]);

    const decided = await decide(termEnd).expect(200);
    expect(decided.body).toMatchObject({
      status: 'decided',
      decision: { effectiveFrom: termEnd, details: { applied: 'full_term' } },
    });
  });

  it('refuses a new term that starts after the current one ends, leaving the seat empty, writing nothing; from its end it is decided', async () => {
    await open('r-gap', 'p-gap').expect(201);
    await takeStepsToDecision('r-gap');
    const termEnd = addDays(today, 200);
    const decide = (effectiveFrom: string) =>
      http()
        .post('/cases/r-gap/steps/decision')
        .set(leader)
        .send({ heldOn: today, number: '306-QĐ/TU', signer: 'Bí thư', effectiveFrom });
    const streams = ['reappointment-r-gap', 'cadre-p-gap'];
    const before = await streamEventCount(t.db.pool, streams);
    // Before: 200, the old term ending on termEnd and the new one beginning four years later.
    const gap = await decide(addDays(termEnd, 4 * 365)).expect(422);
    expect(gap.body).toMatchObject({
      rule: 'reappointment.starts_after_term_end',
      field: 'effectiveFrom',
      termEnd,
      continuesOn: termEnd,
    });
    expect(gap.body.message).toContain(
      `is after ${termEnd}, the day the new term continues the term of pos-head`,
    );
    // A day later is a gap too.
    const dayLate = await decide(addDays(termEnd, 1)).expect(422);
    expect(dayLate.body.rule).toBe('reappointment.starts_after_term_end');
    expect(await streamEventCount(t.db.pool, streams)).toBe(before);
    const still = await http().get('/cases/r-gap').set(staff).expect(200);
    expect(still.body).toMatchObject({ status: 'open', currentStep: { id: 'decision' } });

    const decided = await decide(termEnd).expect(200);
    expect(decided.body.decision).toMatchObject({ effectiveFrom: termEnd });
  });

  it('refuses the decision while a year of the term is rated not completed, naming the year and the rule, writing nothing; once the year is corrected it is decided', async () => {
    const year = Number(today.slice(0, 4)) - 2;
    const rate = (rating: string) =>
      http()
        .post('/cadres/p-rated/ratings')
        .set(staff)
        .send({ year, rating, evaluatedOn: `${year + 1}-01-15`, decisionRef: `XL-${rating}` })
        .expect(201);
    await open('r-rated', 'p-rated').expect(201);
    await takeStepsToDecision('r-rated');
    // Rated after the vetting read the record: the decision reads the ratings again.
    await rate('not_completed');
    const decide = () =>
      http()
        .post('/cases/r-rated/steps/decision')
        .set(leader)
        .send({
          heldOn: today,
          number: '304-QĐ/TU',
          signer: 'Bí thư',
          effectiveFrom: addDays(today, 200),
        });
    const refused = await decide().expect(422);
    // Before: decided, a re-appointment for a term with a year the holder did not complete.
    expect(refused.body).toMatchObject({
      rule: 'reappointment.term_rated_below',
      years: [year],
      least: 'completed',
    });
    expect(refused.body.message).toContain(`rated not completed in ${year} (XL-not_completed)`);
    expect(refused.body.message).toMatch(/Nghị định 170\/2025\/NĐ-CP/);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'reappointment-r-rated' AND type = 'DecisionIssued.v1'",
    );
    expect(rows[0].n).toBe(0);

    await rate('completed');
    await decide().expect(200);
  });

  it("flags the vetting's term_rating from the record with the decision's sentence, holding the decision back until resolved", async () => {
    const year = Number(today.slice(0, 4)) - 2;
    const rate = (rating: string) =>
      http()
        .post('/cadres/p-rated-early/ratings')
        .set(staff)
        .send({ year, rating, evaluatedOn: `${year + 1}-01-15`, decisionRef: `XL-${rating}` })
        .expect(201);
    await rate('not_completed');
    await open('r-rated-early', 'p-rated-early').expect(201);
    await takeStepsToDecision('r-rated-early');
    const seen = await http().get('/cases/r-rated-early').set(staff).expect(200);
    // Before: no term_rating item; the rating surfaced only as the decision's refusal.
    expect(seen.body.vetting.term_rating).toMatchObject({ result: 'flagged', source: 'record' });
    const note: string = seen.body.vetting.term_rating.note;
    expect(note).toContain(
      `rated not completed in ${year} (XL-not_completed), in the term of pos-head`,
    );
    expect(note).toMatch(
      /re-appointment needs every year of the term rated completed or better \(Nghị định 170\/2025\/NĐ-CP/,
    );
    // The eligibility the vetting form shows beforehand (the post already held) names it too.
    const eligibility = await http()
      .get('/cadres/p-rated-early/eligibility')
      .query({ for: 'pos-head' })
      .set(staff)
      .expect(200);
    expect(eligibility.body.reasons).toContainEqual({
      rule: 'reappointment.term_rated_below',
      reason: note,
    });
    const decide = () =>
      http()
        .post('/cases/r-rated-early/steps/decision')
        .set(leader)
        .send({
          heldOn: today,
          number: '305-QĐ/TU',
          signer: 'Bí thư',
          effectiveFrom: addDays(today, 200),
        });
    const refused = await decide().expect(422);
    expect(refused.body).toMatchObject({
      rule: 'vetting.flagged_item_blocks_decision',
      flaggedItems: ['term_rating'],
    });
    await rate('completed');
    await http()
      .post('/cases/r-rated-early/vetting/term_rating/resolve')
      .set(staff)
      .send({ note: 'Năm được đánh giá lại: hoàn thành nhiệm vụ' })
      .expect(200);
    await decide().expect(200);
  });

  it("flags the vetting's term_rating when the record has no rating for years of the term, naming them, until staff resolve it with a note", async () => {
    await open('r-unrated', 'p-unrated').expect(201);
    const person = await http().get('/cadres/p-unrated').set(staff).expect(200);
    expect(person.body.ratings).toEqual([]);
    await takeStepsToDecision('r-unrated');
    const seen = await http().get('/cases/r-unrated').set(staff).expect(200);
    // Before: cleared, "no year of the term rated below completed", as if the years were rated.
    expect(seen.body.vetting.term_rating).toMatchObject({ result: 'flagged', source: 'record' });
    const thisYear = Number(today.slice(0, 4));
    const from = addDays(today, -1500);
    const missing = Array.from(
      { length: thisYear - Number(from.slice(0, 4)) },
      (_, i) => Number(from.slice(0, 4)) + i,
    );
    expect(seen.body.vetting.term_rating.note).toMatch(
      new RegExp(
        `^no rating on the record for ${missing.join(', ')} \\(years of the term ended before ${today}\\), in the term of pos-head from ${from} to ${addDays(today, 200)}: re-appointment needs every year of the term rated completed or better \\(Nghị định 170/2025/NĐ-CP`,
      ),
    );
    // The eligibility the vetting form shows beforehand (the post already held) names it too.
    const eligibility = await http()
      .get('/cadres/p-unrated/eligibility')
      .query({ for: 'pos-head' })
      .set(staff)
      .expect(200);
    expect(eligibility.body.reasons).toContainEqual({
      rule: 'reappointment.term_year_unrated',
      reason: seen.body.vetting.term_rating.note,
    });
    const decide = () =>
      http()
        .post('/cases/r-unrated/steps/decision')
        .set(leader)
        .send({
          heldOn: today,
          number: '306-QĐ/TU',
          signer: 'Bí thư',
          effectiveFrom: addDays(today, 200),
        });
    const refused = await decide().expect(422);
    expect(refused.body).toMatchObject({
      rule: 'vetting.flagged_item_blocks_decision',
      flaggedItems: ['term_rating'],
    });
    await http()
      .post('/cases/r-unrated/vetting/term_rating/resolve')
      .set(staff)
      .send({ note: 'Kết quả xếp loại các năm lưu tại hồ sơ giấy, đều hoàn thành nhiệm vụ' })
      .expect(200);
    await decide().expect(200);
  });

  it('judges a term_rating flag for unrated years again at the decision once they are rated: the rating rule refuses, not the stale flag', async () => {
    await open('r-rated-later', 'p-rated-later').expect(201);
    await takeStepsToDecision('r-rated-later');
    const seen = await http().get('/cases/r-rated-later').set(staff).expect(200);
    expect(seen.body.vetting.term_rating.note).toMatch(/^no rating on the record for /);
    const from = Number(addDays(today, -1500).slice(0, 4));
    const lastOver = Number(today.slice(0, 4)) - 1;
    const rate = (year: number, rating: string) =>
      http()
        .post('/cadres/p-rated-later/ratings')
        .set(staff)
        .send({ year, rating, evaluatedOn: `${year + 1}-01-15`, decisionRef: `XL-${year}` })
        .expect(201);
    for (let year = from; year < lastOver; year++) await rate(year, 'good');
    await rate(lastOver, 'not_completed');
    const decide = () =>
      http()
        .post('/cases/r-rated-later/steps/decision')
        .set(leader)
        .send({
          heldOn: today,
          number: '307-QĐ/TU',
          signer: 'Bí thư',
          effectiveFrom: addDays(today, 200),
        });
    // Before: 422 vetting.flagged_item_blocks_decision, "no rating on the record for …".
    const refused = await decide().expect(422);
    expect(refused.body).toMatchObject({
      rule: 'reappointment.term_rated_below',
      years: [lastOver],
    });
    // The view shows the flag as the record says now, not the vetting day's missing years.
    const rated = await http().get('/cases/r-rated-later').set(staff).expect(200);
    expect(rated.body.vetting.term_rating.note).toMatch(
      new RegExp(`^the holder was rated not completed in ${lastOver} \\(XL-${lastOver}\\)`),
    );
    await rate(lastOver, 'completed');
    const settled = await http().get('/cases/r-rated-later').set(staff).expect(200);
    expect(settled.body.vetting.term_rating).toMatchObject({ result: 'cleared', source: 'record' });
    expect(settled.body.allowedNext).toContainEqual(
      expect.objectContaining({ href: '/cases/r-rated-later/steps/decision' }),
    );
    await decide().expect(200);
  });

  it('is refused for a person without a post with a term, and while the holder is abroad for 3 months or more', async () => {
    const none = await open('r-2', 'p-none').expect(422);
    expect(none.body).toMatchObject({
      rule: 'reappointment.no_post_with_term',
      field: 'positionId',
    });
    const abroad = await open('r-3', 'p-abroad').expect(422);
    expect(abroad.body.rule).toBe('reappointment.abroad');
    expect(abroad.body.message).toMatch(/3 months or more/);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id IN ('reappointment-r-2', 'reappointment-r-3')",
    );
    expect(rows[0].n).toBe(0);
  });

  it('is refused when the one seat is already given to a successor from the term’s end: at the decision, and at the opening', async () => {
    const termEnd = addDays(today, 300);
    const post = (id: string) =>
      http()
        .post('/positions')
        .set(staff)
        .send({
          id,
          title: `Trưởng ${id}`,
          orgUnitId: 'ou-town',
          appointingAuthority: 'ou-town',
          rank: 5,
          seats: 1,
        })
        .expect(201);
    const hold = (personId: string, positionId: string, from: string, end: string | null) =>
      http()
        .post(`/cadres/${personId}/posts`)
        .set(staff)
        .send({ positionId, from, termEnd: end, decisionRef: `QĐ-${personId}-${positionId}` })
        .expect(201);
    const openFor = (id: string, personId: string, positionId: string) =>
      http().post('/cases').set(staff).send({
        id,
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId,
        positionId,
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại',
      });
    await post('pos-seat');
    await hold('p-e', 'pos-seat', addDays(today, -1800), termEnd);
    await rateEveryYearCompleted(t, staff, 'p-e', [{ from: addDays(today, -1800) }]);
    await openFor('r-seat', 'p-e', 'pos-seat').expect(201);
    await takeStepsToDecision('r-seat');
    // The seat is free from the end of p-e's term: p-f is recorded in it from then.
    await hold('p-f', 'pos-seat', termEnd, null);
    const decided = await http()
      .post('/cases/r-seat/steps/decision')
      .set(leader)
      .send({ heldOn: today, number: '303-QĐ/TU', signer: 'Bí thư', effectiveFrom: termEnd })
      .expect(422);
    // Before: decided, p-e and p-f both holding the one seat from the term's end.
    expect(decided.body).toMatchObject({ rule: 'post.held_by_another', field: 'effectiveFrom' });
    expect(decided.body.message).toContain(
      `is held on ${termEnd} by 1 of 1 seat: Người p-f (p-f) from ${termEnd} with no end of term recorded`,
    );
    const person = await http().get('/cadres/p-e').set(staff).expect(200);
    expect(person.body.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-seat', termEnd }),
    ]);

    await post('pos-seat2');
    await hold('p-g', 'pos-seat2', addDays(today, -1800), termEnd);
    await hold('p-f', 'pos-seat2', termEnd, null);
    const opened = await openFor('r-seat2', 'p-g', 'pos-seat2').expect(422);
    expect(opened.body).toMatchObject({ rule: 'post.held_by_another', field: 'positionId' });
    expect(opened.body.message).toContain('Người p-f (p-f)');
  });
});
