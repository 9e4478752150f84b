import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

/** bull-board at /admin/queues: admins only, by bearer header or by the session cookie. */
describe('the queue dashboard', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const bearer = (roles: string[]) => ({
    Authorization: `Bearer ${t.token('u-ops', roles, 'ou-ops')}`,
  });

  beforeAll(async () => {
    t = await startTestApp('ops_queues');
    // A grant of a unit the registry does not hold grants nothing, here as on every route.
    await http()
      .post('/org-units')
      .set(bearer(['admin']))
      .send({ id: 'ou-ops', name: 'Văn phòng Vận hành', kind: 'province' })
      .expect(201);
  });
  afterAll(() => t?.close());

  it('refuses a page load without a token (401) and a non-admin (403), as problems', async () => {
    const anonymous = await http().get('/admin/queues').set('Accept', 'text/html').expect(401);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(anonymous.body.rule).toBe('auth.unauthenticated');
    const staff = await http()
      .get('/admin/queues')
      .set(bearer(['organization_staff', 'auditor']))
      .expect(403);
    expect(staff.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(staff.body.rule).toBe('role.not_allowed');
    await http()
      .get('/admin/queues/api/queues')
      .set(bearer(['leadership']))
      .expect(403);
    await http().get('/admin/queues/api/queues').expect(401);
  });

  it('refuses a token in the query even from an admin', async () => {
    const token = t.token('u-ops', ['admin'], 'ou-ops');
    const answer = await http().get(`/admin/queues?access_token=${token}`).expect(401);
    expect(answer.body.rule).toBe('token.in_query');
  });

  it('shows an admin the page and the queue through its API', async () => {
    const page = await http()
      .get('/admin/queues')
      .set(bearer(['admin']))
      .set('Accept', 'text/html')
      .expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toMatch(/<base href="\/admin\/queues\/"/);
    const api = await http()
      .get('/admin/queues/api/queues')
      .set(bearer(['admin']))
      .expect(200);
    expect(api.body.queues.map((queue: { name: string }) => queue.name)).toEqual(['jobs']);
    expect(api.body.queues[0].readOnlyMode).toBe(true);
  });

  it('opens a session: an HttpOnly, SameSite=Strict cookie for /admin/queues that the dashboard accepts', async () => {
    await http()
      .post('/admin/queues/session')
      .set(bearer(['organization_staff']))
      .expect(403);
    await http().post('/admin/queues/session').expect(401);
    const opened = await http()
      .post('/admin/queues/session')
      .set(bearer(['admin']))
      .expect(201);
    expect(opened.body.dashboard).toBe('/admin/queues');
    const cookie = String(opened.headers['set-cookie']);
    expect(cookie).toMatch(
      /^cf_queues_session=[^;]+; HttpOnly; SameSite=Strict; Path=\/admin\/queues; Max-Age=(\d+)/,
    );
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(900);
    const session = cookie.split(';')[0];
    await http().get('/admin/queues').set('Cookie', session).set('Accept', 'text/html').expect(200);
    await http().get('/admin/queues/api/queues').set('Cookie', session).expect(200);
    // The page's own scripts load with the cookie alone, as a browser fetches them.
    const page = await http().get('/admin/queues').set('Cookie', session).expect(200);
    const script = /<script defer src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)![1];
    const loaded = await http().get(`/admin/queues/${script}`).set('Cookie', session).expect(200);
    expect(loaded.headers['content-type']).toMatch(/javascript/);
    await http().get(`/admin/queues/${script}`).expect(401);
  });

  it("verifies the cookie's token as a bearer: a non-admin's, an unknown unit's or a forged one is refused", async () => {
    const stranger = await http()
      .get('/admin/queues/api/queues')
      .set('Cookie', `cf_queues_session=${t.token('u-ops', ['admin'], 'ou-nowhere')}`)
      .expect(403);
    expect(stranger.body.rule).toBe('scope.unknown_unit');
    const staffToken = t.token('u-ops', ['organization_staff'], 'ou-ops');
    const staff = await http()
      .get('/admin/queues/api/queues')
      .set('Cookie', `cf_queues_session=${staffToken}`)
      .expect(403);
    expect(staff.body.rule).toBe('role.not_allowed');
    const admin = t.token('u-ops', ['admin'], 'ou-ops');
    // The cookie is the dashboard's only: no other route takes a token from it.
    await http().get('/org-units').set('Cookie', `cf_queues_session=${admin}`).expect(401);
    // Read-only: the board's actions are not routes at all.
    await http()
      .put('/admin/queues/api/queues/jobs/retry/failed')
      .set('Cookie', `cf_queues_session=${admin}`)
      .expect(404);
    const [header, payload] = admin.split('.');
    await http()
      .get('/admin/queues/api/queues')
      .set('Cookie', `cf_queues_session=${header}.${payload}.forged-signature`)
      .expect(401);
  });
});
