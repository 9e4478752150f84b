import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A caller whose grant does not reach what a write names is told so (403, or 404 where the id's
 * existence is not revealed) before anything about the body: before, these routes checked the
 * body against its DTO first, so a commune's staff sending a bad body to a town's record learnt
 * which field was wrong (400) instead of being refused, in another order than the step routes.
 * Within the grant, the same body is refused as before: 400 `body.invalid` naming the field.
 */
describe('the caller’s scope is answered before the body is checked', () => {
  let t: TestApp;
  let town: Record<string, string>;
  let commune: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const roles = ['organization_staff', 'leadership', 'inspector'];

  /** What a request could have written: events sent by users, units, posts. */
  const written = async () => {
    const { rows } = await t.db.pool.query(
      `SELECT (SELECT count(*) FROM events WHERE metadata->>'actorId' NOT LIKE 'system:%')::int AS events,
              (SELECT count(*) FROM org_units)::int AS units, (SELECT count(*) FROM positions)::int AS positions`,
    );
    return rows[0] as object;
  };

  /** The route, a body its DTO refuses, and the field a caller within the grant is told of. */
  const routes: { path: string; body: object; field: string; outOfScope?: string }[] = [
    { path: '/discipline-cases/d-1/extend', body: { reason: 7 }, field: 'reason' },
    { path: '/discipline-cases/d-1/complaints', body: { grounds: 7 }, field: 'filedOn' },
    { path: '/discipline-cases/d-1/complaints/review', body: { heldOn: 'x' }, field: 'heldOn' },
    { path: '/discipline-cases/d-1/close', body: { reason: '' }, field: 'reason' },
    { path: '/cadres/p-1/statuses', body: { status: 'x' }, field: 'status' },
    { path: '/cadres/p-1/statuses/end', body: { status: 'x' }, field: 'status' },
    { path: '/cadres/p-1/place-of-origin', body: { province: 7 }, field: 'province' },
    { path: '/cadres/p-1/management-tier', body: { tier: 7 }, field: 'tier' },
    { path: '/cadres/p-1/civil-service-rank', body: { bogus: 1 }, field: 'bogus' },
    { path: '/cadres/p-1/ratings', body: { year: 'x' }, field: 'year' },
    { path: '/cadres/p-1/posts', body: { positionId: 'pos-1', from: 'x' }, field: 'from' },
    {
      path: '/cadres/p-1/planning-pool',
      body: { positionId: 'pos-1', term: 'x' },
      field: 'term',
    },
    {
      path: '/discipline-cases',
      body: { orgUnitId: 'ou-town', personId: 'p-1', summary: 7 },
      field: 'definition',
      outOfScope: 'orgUnitId',
    },
    {
      path: '/cases',
      body: { orgUnitId: 'ou-town', personId: 'p-1', positionId: 'pos-1', summary: 7 },
      field: 'procedure',
      outOfScope: 'orgUnitId',
    },
    {
      path: '/cadres',
      body: { orgUnitId: 'ou-town', fullName: 7 },
      field: 'fullName',
      outOfScope: 'orgUnitId',
    },
    {
      path: '/positions',
      body: { orgUnitId: 'ou-town', appointingAuthority: 'ou-town', rank: 'x' },
      field: 'title',
      outOfScope: 'orgUnitId',
    },
    {
      path: '/org-units',
      body: { id: 'ou-new', parentId: 'ou-town', kind: 'x' },
      field: 'name',
      outOfScope: 'parentId',
    },
    {
      path: '/planning-reviews',
      body: { id: 'rv-1', orgUnitId: 'ou-town', term: 'x' },
      field: 'term',
      outOfScope: 'orgUnitId',
    },
    ...['/transfer-batches', '/transfer-batches/check'].map((path) => ({
      path,
      body: {
        entries: [
          {
            personId: 'p-1',
            currentPositionId: 'pos-1',
            positionId: 'pos-1',
            orgUnitId: 'ou-town',
            reason: 7,
          },
        ],
      },
      field: 'entries[0].reason',
      outOfScope: 'entries[0].orgUnitId',
    })),
  ];

  beforeAll(async () => {
    t = await startTestApp('scope_before_body');
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` };
    town = { Authorization: `Bearer ${t.token('u-town', roles, 'ou-town')}` };
    commune = { Authorization: `Bearer ${t.token('u-commune', roles, 'ou-commune')}` };
    await buildRegistry(t, town, {
      positions: [{ id: 'pos-1', rank: 3 }],
      people: [{ id: 'p-1' }],
    });
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-commune', name: 'Xã Demo', kind: 'commune', parentId: 'ou-town' })
      .expect(201);
    await http()
      .post('/cadres')
      .set(commune)
      .send({
        id: 'p-commune',
        fullName: 'Người xã',
        dateOfBirth: '1985-01-01',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Đại học',
        politicalTheoryLevel: 'Trung cấp',
        orgUnitId: 'ou-commune',
      })
      .expect(201);
    await http()
      .post('/discipline-cases')
      .set(town)
      .send({
        id: 'd-1',
        definition: 'discipline.party',
        personId: 'p-1',
        orgUnitId: 'ou-town',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -10),
          description: 'x',
          source: 'report',
          severity: 'reprimand',
        },
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(routes)(
    'POST $path: out of scope is refused before the body, in scope the body is judged as before',
    async ({ path, body, field, outOfScope = 'id' }) => {
      const before = await written();
      const refused = await http().post(path).set(commune).send(body);
      expect([403, 404]).toContain(refused.status);
      expect(refused.body).toMatchObject({ field: outOfScope });
      expect(refused.body.rule).not.toBe('body.invalid');
      const judged = await http().post(path).set(town).send(body).expect(400);
      expect(judged.body).toMatchObject({ rule: 'body.invalid', field });
      expect(await written()).toEqual(before);
    },
  );

  it('asks of the grant the ids a body names on the caller’s own record before the body', async () => {
    const before = await written();
    // The commune's own person, but the town's post: refused for the post, not for `from`.
    const refused = await http()
      .post('/cadres/p-commune/posts')
      .set(commune)
      .send({ positionId: 'pos-1', from: 'x' });
    expect([403, 404]).toContain(refused.status);
    expect(refused.body).toMatchObject({ field: 'positionId' });
    const review = await http()
      .post('/planning-reviews')
      .set(commune)
      .send({
        id: 'rv-commune',
        orgUnitId: 'ou-commune',
        term: 'x',
        added: [{ personId: 'p-commune', positionId: 'pos-1' }],
        removed: [],
      });
    expect([403, 404]).toContain(review.status);
    expect(review.body).toMatchObject({ field: 'added[0].positionId' });
    // An id its DTO refuses names nobody: the body's own 400, as before.
    const own = await http()
      .post('/cadres/p-commune/posts')
      .set(commune)
      .send({ positionId: 7, from: 'x' })
      .expect(400);
    expect(own.body).toMatchObject({ rule: 'body.invalid', field: 'positionId' });
    expect(await written()).toEqual(before);
  });

  it('DELETE of a planning-pool entry: out of scope is refused before its query is checked', async () => {
    const before = await written();
    for (const [path, field] of [
      ['/cadres/p-1/planning-pool/pos-1', 'id'],
      // The commune's own person, but the town's post.
      ['/cadres/p-commune/planning-pool/pos-1', 'positionId'],
    ]) {
      const refused = await http().delete(path).set(commune);
      expect([403, 404]).toContain(refused.status);
      expect(refused.body).toMatchObject({ field });
    }
    const judged = await http()
      .delete('/cadres/p-1/planning-pool/pos-1')
      .set(town)
      .query({ reason: 'x' })
      .expect(400);
    expect(judged.body).toMatchObject({ rule: 'query.invalid', field: 'decisionRef' });
    expect(await written()).toEqual(before);
  });
});
