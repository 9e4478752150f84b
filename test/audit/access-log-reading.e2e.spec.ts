import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The access log as an auditor reads it: its `from`/`to` read as `GET /audit/export` reads them
 * (a day alone is the whole day in Vietnam, both ends taken; a time without an offset is Vietnam
 * time), a reversed period refused as the export refuses it; each read logged with the status it
 * was answered, 304 for a revalidated copy; and a read refused by role, or by a grant for an
 * unknown unit, logged as one refused by scope is.
 */
describe('reading the access log', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[], unit = 'ou-town') => ({
    Authorization: `Bearer ${t.token(userId, roles, unit)}`,
  });
  const staff = () => as('u-staff', ['organization_staff']);
  const auditor = () => as('u-auditor', ['auditor']);
  const entries = async (query: string) => {
    const { body } = await http().get(`/audit/access-log?${query}`).set(auditor()).expect(200);
    return (body.items as { resource: string; status: number }[]).map((e) => e.resource);
  };

  beforeAll(async () => {
    t = await startTestApp('access_log_reading');
    await buildRegistry(t, staff(), { positions: [], people: [{ id: 'p-an' }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads from/to as the export does: a day is the whole day in Vietnam, a time without offset Vietnam time; to before from is 400 query.period_reversed', async () => {
    // Reads around midnight in Vietnam (UTC+7): 7 December there is 6 Dec 17:00Z – 7 Dec 16:59:59.999Z.
    for (const [at, subject] of [
      ['2026-12-06T16:59:59.999Z', 'r-6-dec-last'],
      ['2026-12-06T17:00:00.000Z', 'r-7-dec-first'],
      ['2026-12-07T16:57:30.000Z', 'r-7-dec-2357'],
      ['2026-12-07T17:06:00.000Z', 'r-8-dec-0006'],
    ])
      await t.db.pool.query(
        `INSERT INTO access_log (at, actor_id, roles, org_unit, method, route, resource, status)
         VALUES ($1, 'u-reader', '{organization_staff}', 'ou-town', 'GET', $2, $3, 200)`,
        [at, `/cadres/${subject}`, `person record ${subject}`],
      );

    // Before: nothing (the day read as midnight UTC to midnight UTC, `to` not taken).
    expect(await entries('from=2026-12-07&to=2026-12-07&resource=r-')).toEqual([
      'person record r-7-dec-2357',
      'person record r-7-dec-first',
    ]);
    expect(await entries('from=2026-12-08&to=2026-12-08&resource=r-')).toEqual([
      'person record r-8-dec-0006',
    ]);
    // A time without an offset is Vietnam time and lasts as long as written (the whole minute).
    expect(await entries('from=2026-12-07T23:57&to=2026-12-08T00:06&resource=r-')).toEqual([
      'person record r-8-dec-0006',
      'person record r-7-dec-2357',
    ]);
    expect(await entries('to=2026-12-06&resource=r-')).toEqual(['person record r-6-dec-last']);

    // Before: 200 with no entries.
    const reversed = await http()
      .get('/audit/access-log?from=2026-12-08&to=2026-12-07')
      .set(auditor());
    expect(reversed.status).toBe(400);
    expect(reversed.body).toMatchObject({ rule: 'query.period_reversed', field: 'to' });
  });

  it('logs a read answered 304 (If-None-Match matching its ETag) with 304', async () => {
    const first = await http().get('/cadres/p-an').set(staff()).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    await http().get('/cadres/p-an').set(staff()).set('If-None-Match', etag).expect(304);
    const { body } = await http()
      .get('/audit/access-log?resource=person%20record%20p-an')
      .set(auditor())
      .expect(200);
    // Before: [200, 200].
    expect((body.items as { status: number }[]).map((e) => e.status)).toEqual([304, 200]);

    // A read without a revision: the ETag Express derives from its body, revalidated alike.
    const register = await http().get('/discipline-records').set(auditor()).expect(200);
    await http()
      .get('/discipline-records')
      .set(auditor())
      .set('If-None-Match', register.headers.etag as string)
      .expect(304);
    const { body: log } = await http()
      .get('/audit/access-log?resource=discipline%20register')
      .set(auditor())
      .expect(200);
    expect((log.items as { status: number }[]).map((e) => e.status)).toEqual([304, 200]);
  });

  it('logs a read refused by role, and one under a grant for an unknown unit, with its 403', async () => {
    const byRole = await http().get('/cases/c-x1/history').set(staff());
    expect({ status: byRole.status, rule: byRole.body.rule }).toEqual({
      status: 403,
      rule: 'role.not_allowed',
    });
    const unknownUnit = await http()
      .get('/cadres/p-an?purpose=tra%20c%E1%BB%A9u')
      .set(as('u-lost', ['organization_staff'], 'ou-nowhere'));
    expect({ status: unknownUnit.status, rule: unknownUnit.body.rule }).toEqual({
      status: 403,
      rule: 'scope.unknown_unit',
    });
    const { rows } = await t.db.pool.query(
      `SELECT actor_id AS "actorId", route, resource, purpose, status FROM access_log
        WHERE actor_id IN ('u-staff', 'u-lost') AND status = 403 ORDER BY id`,
    );
    // Before: no entry for either.
    expect(rows).toEqual([
      {
        actorId: 'u-staff',
        route: '/cases/c-x1/history',
        resource: expect.stringContaining('c-x1'),
        purpose: null,
        status: 403,
      },
      {
        actorId: 'u-lost',
        route: '/cadres/p-an',
        resource: 'person record p-an',
        purpose: 'tra cứu',
        status: 403,
      },
    ]);
  });
});
