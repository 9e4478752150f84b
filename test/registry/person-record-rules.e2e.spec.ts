import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** Planning-pool limits, the periodic review, and the profile facts on a person's record, over HTTP. */
describe('person record: planning pool limits, review, profile facts', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const pool = (personId: string, positionId: string) =>
    http()
      .post(`/cadres/${personId}/planning-pool`)
      .set(staff)
      .send({ positionId, term: '2025-2030', decisionRef: '112-QĐ/TU' });
  const record = async (personId: string) =>
    (await http().get(`/cadres/${personId}`).set(staff).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp('person_record_rules');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-head', rank: 5 },
        { id: 'pos-chair-a', rank: 4 },
        { id: 'pos-chair-b', rank: 4 },
        { id: 'pos-chair-c', rank: 4 },
        { id: 'pos-chair-d', rank: 4 },
      ],
      people: ['p-1', 'p-2', 'p-3', 'p-4', 'p-5'].map((id) => ({ id })),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a fourth person for one post, with the counts and the rule', async () => {
    for (const id of ['p-1', 'p-2', 'p-3']) await pool(id, 'pos-head').expect(201);
    const refused = await pool('p-4', 'pos-head').expect(422);
    expect(refused.body).toMatchObject({ rule: 'planning_pool.post_full', field: 'positionId' });
    expect(refused.body.message).toMatch(
      /^planning pool full: post pos-head has 3 of 3 people in term 2025-2030 \(p-1, p-2, p-3\) \(Quy định 377-QĐ\/TW/,
    );
    expect((await record('p-4')).planningPool).toEqual([]);
  });

  it('refuses a person a fourth post of the same level, and not one of another level', async () => {
    for (const post of ['pos-chair-a', 'pos-chair-b', 'pos-chair-c'])
      await pool('p-5', post).expect(201);
    const refused = await pool('p-5', 'pos-chair-d').expect(422);
    expect(refused.body).toMatchObject({ rule: 'planning_pool.person_full' });
    expect(refused.body.message).toMatch(/person p-5 is planned for 3 of 3 posts of level 4/);
    // Re-adding an entry the person already has is not a fourth post.
    await pool('p-5', 'pos-chair-a').expect(201);
  });

  it('refuses a term that is not one term of office or has ended, and another term of a post while the one on record runs', async () => {
    const entry = (personId: string, term: string) =>
      http()
        .post(`/cadres/${personId}/planning-pool`)
        .set(staff)
        .send({ positionId: 'pos-head', term, decisionRef: '113-QĐ/TU' });
    // Before: 201, a pool of its own outside the three places of 2025-2030.
    for (const term of ['2026-2027', '2020-2026']) {
      const refused = await entry('p-4', term).expect(400);
      expect(refused.body).toMatchObject({ rule: 'planning_pool.term_span', field: 'term' });
      expect(refused.body.message).toMatch(/a planning term spans 5 .*Quy định 377-QĐ\/TW/);
    }
    // Before: 201, a place in a pool for a term that ended years ago.
    const ended = await entry('p-4', '2010-2015').expect(400);
    expect(ended.body).toMatchObject({ rule: 'planning_pool.term_ended', field: 'term' });
    expect(ended.body.message).toMatch(/^term: the planning term 2010-2015 ended on 2015-12-31/);
    // Before: 201, and p-1's place for 2025-2030 was dropped from the record without a word.
    const other = await entry('p-1', '2030-2035').expect(409);
    expect(other.body).toMatchObject({ rule: 'planning_pool.other_term_running', field: 'term' });
    expect(other.body.message).toMatch(/p-1 is planned for pos-head in 2025-2030 \(112-QĐ\/TU\)/);
    expect((await record('p-1')).planningPool).toEqual([
      expect.objectContaining({ positionId: 'pos-head', term: '2025-2030' }),
    ]);
    expect((await record('p-4')).planningPool).toEqual([]);
  });

  it('records a review as one event that swaps people in a full pool, and refuses one that would overfill it', async () => {
    const reviewOf = (changes: Record<string, unknown>) =>
      http()
        .post('/planning-reviews')
        .set(staff)
        .send({
          id: 'rv-over',
          orgUnitId: 'ou-town',
          term: '2025-2030',
          reviewedOn: '2026-11-30',
          decisionRef: '95-QĐ/TU',
          added: [{ personId: 'p-4', positionId: 'pos-head' }],
          removed: [],
          ...changes,
        });
    const over = await reviewOf({}).expect(422);
    expect(over.body.message).toMatch(/post pos-head would have 4 of 3 people/);
    expect((await record('p-4')).planningPool).toEqual([]);

    // A term run backwards, a review dated after today, a pair listed twice: 400, nothing written.
    const refusedReview = (changes: Record<string, unknown>) =>
      reviewOf({ id: 'rv-bad', ...changes }).expect(400);
    expect((await refusedReview({ term: '2030-2025' })).body).toMatchObject({
      field: 'term',
      message: 'term: YYYY-YYYY, its second year after its first',
    });
    // Before: 201, p-4 planned for a term that ended in 2020.
    expect((await refusedReview({ term: '2015-2020' })).body).toMatchObject({
      rule: 'planning_pool.term_ended',
      field: 'term',
    });
    expect((await refusedReview({ reviewedOn: '2099-11-30' })).body).toMatchObject({
      rule: 'planning_review.in_the_future',
      field: 'reviewedOn',
    });
    const twice = await refusedReview({
      added: [
        { personId: 'p-4', positionId: 'pos-head' },
        { personId: 'p-4', positionId: 'pos-head' },
      ],
    });
    expect(twice.body).toMatchObject({
      rule: 'planning_review.listed_twice',
      field: 'added[1]',
      message: 'added[1]: p-4 for pos-head is already added[0]',
    });
    const backwardsEntry = await http()
      .post('/cadres/p-4/planning-pool')
      .set(staff)
      .send({ positionId: 'pos-head', term: '2030-2025', decisionRef: '9-QĐ' })
      .expect(400);
    expect(backwardsEntry.body.field).toBe('term');
    expect((await record('p-4')).planningPool).toEqual([]);

    const review = {
      id: 'rv-2026',
      orgUnitId: 'ou-town',
      term: '2025-2030',
      reviewedOn: '2026-11-30',
      decisionRef: '96-QĐ/TU',
      added: [{ personId: 'p-4', positionId: 'pos-head' }],
      removed: [{ personId: 'p-1', positionId: 'pos-head', reason: 'over the planning age' }],
    };
    const done = await http().post('/planning-reviews').set(staff).send(review).expect(201);
    expect(done.body).toMatchObject({ reviewId: 'rv-2026', orgUnitName: 'Thị xã Demo' });
    expect((await record('p-4')).planningPool).toEqual([
      { positionId: 'pos-head', term: '2025-2030', decisionRef: '96-QĐ/TU' },
    ]);
    expect((await record('p-1')).planningPool).toEqual([]);
    // Sent again, it writes nothing more.
    await http().post('/planning-reviews').set(staff).send(review).expect(201);
    const stream = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM events WHERE stream_id = 'planningreview-rv-2026'`,
    );
    expect(stream.rows[0].n).toBe(1);
  });

  it('refuses a review adding someone already in that pool, naming the row and the decision that planned them', async () => {
    // p-2 is planned for pos-head in 2025-2030 by 112-QĐ/TU. Before: 201, p-2 listed as added
    // under 120-QĐ/TU while the record kept the 112-QĐ/TU entry (and p-3 was taken off).
    const refused = await http()
      .post('/planning-reviews')
      .set(staff)
      .send({
        id: 'rv-t2-1',
        orgUnitId: 'ou-town',
        term: '2025-2030',
        reviewedOn: '2026-11-30',
        decisionRef: '120-QĐ/TU',
        added: [{ personId: 'p-2', positionId: 'pos-head' }],
        removed: [{ personId: 'p-3', positionId: 'pos-head', reason: 'moved away' }],
      })
      .expect(422);
    expect(refused.body).toMatchObject({
      rule: 'planning_review.already_in_pool',
      field: 'added[0]',
    });
    expect(refused.body.message).toMatch(
      /^added\[0\]: p-2 is already in the planning pool for pos-head in 2025-2030 \(112-QĐ\/TU\)/,
    );
    const stream = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM events WHERE stream_id = 'planningreview-rv-t2-1'`,
    );
    expect(stream.rows[0].n).toBe(0);
    expect((await record('p-3')).planningPool).toEqual([
      expect.objectContaining({ positionId: 'pos-head', decisionRef: '112-QĐ/TU' }),
    ]);
  });

  it('takes If-Match on a record: a stale revision is 409 with the current one, a malformed one 400', async () => {
    const { revision } = await record('p-3');
    const status = { status: 'under_investigation', from: '2026-01-05', until: null, note: 'x' };
    // Before: both 201, the header ignored.
    const stale = await http()
      .post('/cadres/p-3/statuses')
      .set(staff)
      .set('If-Match', `"${revision - 1}"`)
      .send(status)
      .expect(409);
    expect(stale.body).toMatchObject({ currentRevision: revision });
    const malformed = await http()
      .post('/cadres/p-3/place-of-origin')
      .set(staff)
      .set('If-Match', 'garbage')
      .send({ province: 'Tỉnh Nghệ An', locality: 'Xã Nam Đàn' })
      .expect(400);
    expect(malformed.body).toMatchObject({ rule: 'header.if_match', field: 'If-Match' });
    expect((await record('p-3')).revision).toBe(revision);
    await http()
      .post('/cadres/p-3/statuses')
      .set(staff)
      .set('If-Match', `"${revision}"`)
      .send(status)
      .expect(201);
  });

  it('refuses a status period that starts before the person was born, or ends before it starts, and writes nothing', async () => {
    const { revision } = await record('p-5');
    const status = (from: string, until: string | null) =>
      http()
        .post('/cadres/p-5/statuses')
        .set(staff)
        .send({ status: 'maternity_leave', from, until, note: 'x' });
    // Before: 201, a maternity leave from 1950 for a person born decades later.
    const unborn = await status('1950-01-01', null).expect(400);
    expect(unborn.body).toMatchObject({ rule: 'status.before_birth', field: 'from' });
    expect(unborn.body.message).toMatch(/^from: 1950-01-01 is before p-5 was born \(/);
    const reversed = await status('2026-03-01', '2026-02-01').expect(400);
    expect(reversed.body).toMatchObject({ rule: 'status.period_reversed', field: 'until' });
    const after = await record('p-5');
    expect(after.revision).toBe(revision);
    expect(after.statuses).toEqual([]);
  });

  it('records place of origin, management tier, rank and yearly ratings on the record', async () => {
    await http()
      .post('/cadres/p-2/place-of-origin')
      .set(staff)
      .send({ province: 'Nghệ An', locality: 'xã Kim Liên' })
      .expect(201);
    await http()
      .post('/cadres/p-2/management-tier')
      .set(staff)
      .send({ tier: 'provincial_standing_committee', from: '2025-10-15', decisionRef: '12-QĐ/TU' })
      .expect(201);
    await http()
      .post('/cadres/p-2/civil-service-rank')
      .set(staff)
      .send({ code: '01.002', title: 'Chuyên viên chính', from: '2020-01-01', decisionRef: '4-QĐ' })
      .expect(201);
    for (const [year, rating] of [
      [2024, 'good'],
      [2025, 'excellent'],
    ] as const)
      await http()
        .post('/cadres/p-2/ratings')
        .set(staff)
        .send({ year, rating, evaluatedOn: `${year}-12-20`, decisionRef: `R-${year}`, note: '' })
        .expect(201);
    const p2 = await record('p-2');
    expect(p2).toMatchObject({
      placeOfOrigin: { province: 'Nghệ An', locality: 'xã Kim Liên' },
      managementTier: { tier: 'provincial_standing_committee' },
      civilServiceRank: { code: '01.002', title: 'Chuyên viên chính' },
      ratings: [
        { year: 2024, rating: 'good' },
        { year: 2025, rating: 'excellent' },
      ],
    });
    const bad = await http()
      .post('/cadres/p-2/ratings')
      .set(staff)
      .send({ year: 2025, rating: 'great', evaluatedOn: '2025-12-20', decisionRef: 'R', note: '' })
      .expect(400);
    expect(bad.body).toMatchObject({ field: 'rating' });
    const early = await http()
      .post('/cadres/p-2/ratings')
      .set(staff)
      .send({ year: 2026, rating: 'good', evaluatedOn: '2025-12-20', decisionRef: 'R', note: '' })
      .expect(400);
    expect(early.body).toMatchObject({
      rule: 'rating.evaluated_before_year',
      field: 'evaluatedOn',
    });
    // Before: both kept (a year before the person was born; a day that has not come).
    const beforeBirth = await http()
      .post('/cadres/p-2/ratings')
      .set(staff)
      .send({ year: 1950, rating: 'good', evaluatedOn: '1950-12-20', decisionRef: 'R', note: '' })
      .expect(400);
    expect(beforeBirth.body).toMatchObject({ rule: 'rating.before_birth', field: 'year' });
    // Before: 201, a year the person (born 1982) was a child. The year they turn 18 is rated.
    const rate = (year: number) =>
      http()
        .post('/cadres/p-2/ratings')
        .set(staff)
        .send({ year, rating: 'completed', evaluatedOn: `${year}-12-20`, decisionRef: 'QĐ-1' });
    const child = await rate(1999).expect(400);
    expect(child.body).toMatchObject({ rule: 'rating.before_working_age', field: 'year' });
    expect(child.body.message).toMatch(
      /^year: 1999 is before 2000, the year p-2 \(born 1982-05-05\) turned 18: a cadre or civil servant is at least 18 \(Luật Cán bộ, công chức/,
    );
    await rate(2000).expect(201);
    const ahead = await http()
      .post('/cadres/p-2/ratings')
      .set(staff)
      .send({ year: 2024, rating: 'good', evaluatedOn: '2999-01-01', decisionRef: 'R', note: '' })
      .expect(400);
    expect(ahead.body).toMatchObject({
      rule: 'rating.evaluated_in_the_future',
      field: 'evaluatedOn',
    });
    const rank = await http()
      .post('/cadres/p-2/civil-service-rank')
      .set(staff)
      .send({ code: 'senior', title: 'x', from: '2020-01-01', decisionRef: '4-QĐ' })
      .expect(400);
    expect(rank.body).toMatchObject({ field: 'code' });
  });
});
