import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The web app served by the service at `/` next to the API, and the development sign-in:
 * on only with DEV_SIGN_IN=true, tokens valid 8 hours (at most 12).
 */
describe('serving the web app and the development sign-in', () => {
  let on: TestApp;
  let off: TestApp;
  let web: string;
  beforeAll(async () => {
    web = mkdtempSync(path.join(tmpdir(), 'cadreflow-web-'));
    mkdirSync(path.join(web, 'assets'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>cadreflow</title>app');
    writeFileSync(path.join(web, 'assets', 'index-abc.js'), 'console.log(1)');
    on = await startTestApp('web_serving_on', { DEV_SIGN_IN: 'true', WEB_DIR: web });
    off = await startTestApp('web_serving_off', { WEB_DIR: web });
  });
  afterAll(async () => {
    await on?.close();
    await off?.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('answers a browser page with the app and API calls with JSON', async () => {
    const http = () => request(on.server as never);
    for (const page of ['/', '/cases/c-1', '/discipline-records', '/inbox']) {
      const response = await http().get(page).set('Accept', 'text/html,*/*').expect(200);
      expect(response.text).toContain('<title>cadreflow</title>');
    }
    // The root is the app's alone: a client that does not say it wants HTML gets it too.
    for (const accept of ['*/*', 'application/json']) {
      const root = await http().get('/').set('Accept', accept).expect(200);
      expect(root.headers['content-type']).toMatch(/^text\/html/);
      expect(root.text).toContain('<title>cadreflow</title>');
    }
    const asset = await http().get('/assets/index-abc.js').expect(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    await http().get('/assets/missing.js').expect(404);
    // The API keeps its answers: JSON (or 401 without a token), not the app.
    await http().get('/inbox').set('Accept', 'application/json').expect(401);
    await http().get('/cases/c-1').expect(401);
    await http().post('/cases').set('Accept', 'text/html').send({}).expect(401);
    expect((await http().get('/health').set('Accept', 'text/html')).text).not.toContain(
      '<title>cadreflow</title>',
    );
    expect((await http().get('/docs-json').set('Accept', 'text/html')).body.openapi).toBeDefined();
  });

  it('serves a rebuilt web app at once: the page names the new assets (before: blank until restart)', async () => {
    const http = () => request(on.server as never);
    writeFileSync(path.join(web, 'assets', 'index-new.js'), 'console.log(2)');
    writeFileSync(
      path.join(web, 'index.html'),
      '<!doctype html><title>cadreflow</title><script src="/assets/index-new.js"></script>',
    );
    rmSync(path.join(web, 'assets', 'index-abc.js'));
    const page = await http().get('/cases/c-1').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('/assets/index-new.js');
    await http().get('/assets/index-new.js').expect(200);
    // Missing for a moment mid-rebuild: the last good page is still served.
    rmSync(path.join(web, 'index.html'));
    const during = await http().get('/').expect(200);
    expect(during.text).toContain('/assets/index-new.js');
  });

  it('mints a short-lived token for a demo user when switched on, and refuses when off', async () => {
    const info = await request(on.server as never)
      .get('/auth/dev-sign-in')
      .expect(200);
    expect(info.body.enabled).toBe(true);
    expect(info.body.users.map((u: { userId: string }) => u.userId)).toContain('staff-1');
    const answer = await request(on.server as never)
      .post('/auth/dev-sign-in')
      .send({ userId: 'staff-1', roles: ['organization_staff'], orgUnit: 'ou-ha-noi' })
      .expect(200);
    const claims = jwt.decode(answer.body.token) as { exp: number; iat: number; roles: string[] };
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(12 * 3600);
    expect(claims.roles).toEqual(['organization_staff']);
    // The demo user's unit must be in the registry: a grant for an unknown unit grants nothing.
    await on.db.pool.query(
      "INSERT INTO org_units (id, name, kind, parent_id, path) VALUES ('ou-ha-noi', 'Thành phố Hà Nội', 'province', NULL, ARRAY['ou-ha-noi']) ON CONFLICT DO NOTHING",
    );
    await request(on.server as never)
      .get('/inbox')
      .set('Authorization', `Bearer ${answer.body.token}`)
      .expect(200);
    const bad = await request(on.server as never)
      .post('/auth/dev-sign-in')
      .send({ userId: 'x', roles: ['root'], orgUnit: 'ou-ha-noi' })
      .expect(400);
    expect(bad.body.message).toMatch(/roles/);

    expect((await request(off.server as never).get('/auth/dev-sign-in')).body).toEqual({
      enabled: false,
      users: [],
    });
    await request(off.server as never)
      .post('/auth/dev-sign-in')
      .send({ userId: 'staff-1', roles: ['admin'], orgUnit: 'ou-ha-noi' })
      .expect(404);
  });
});
