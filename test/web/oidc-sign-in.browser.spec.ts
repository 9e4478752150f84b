import { createServer } from 'node:net';
import * as path from 'node:path';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { startTestApp, TestApp } from '../support/test-app';
import {
  axeViolations,
  buildWebApp,
  launchChromium,
  ROOT,
  screenshot,
  WEB_DIST,
} from './support/browser';
import { OidcProviderHandle, startOidcProvider } from './support/oidc';

jest.setTimeout(240_000);

const CLIENT_ID = 'cadreflow-web';
const AUDIENCE = 'urn:cadreflow:api';

/** A free loopback port: the provider must know the web app's redirect URI before the app starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function decodeJwtPart(token: string, part: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[part], 'base64url').toString('utf8'));
}

/**
 * Sign-in through a real OpenID Connect provider (panva's oidc-provider on a loopback port): the
 * browser goes to its login and consent pages with an authorization code request carrying a
 * PKCE challenge, comes back with the code, exchanges it, and the API accepts the provider's
 * RS256 access token through its JWKS. The development sign-in is off.
 */
describe('the web app signs in with an OIDC provider (authorization code + PKCE)', () => {
  let t: TestApp;
  let provider: OidcProviderHandle;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    buildWebApp();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({
      clientId: CLIENT_ID,
      redirectUri: `${base}/auth/callback`,
      postLogoutRedirectUri: `${base}/`,
      audience: AUDIENCE,
      scope: 'cadreflow',
      users: {
        'nguyen.thi.lan': {
          password: 'mat-khau-dung',
          name: 'Nguyễn Thị Lan',
          roles: ['organization_staff'],
          org_unit: 'ou-ha-noi',
        },
      },
    });
    t = await startTestApp('web_oidc', {
      WEB_DIR: WEB_DIST,
      DEV_SIGN_IN: 'false',
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_SCOPES: 'openid profile cadreflow',
      JWT_JWKS_URL: provider.jwksUri,
      JWT_AUDIENCE: AUDIENCE,
    });
    await t.app.listen(port, '127.0.0.1');
    await loadDemoData(
      path.join(ROOT, 'seeds/demo/ha-noi.json'),
      t.app.get(RegistryService),
      new Date(),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.close();
  });

  it('names the provider at GET /auth/config and keeps the development sign-in off', async () => {
    const http = () => request(t.server as never);
    const config = await http().get('/auth/config').expect(200);
    expect(config.body).toEqual({
      oidc: { issuer: provider.issuer, clientId: CLIENT_ID, scopes: 'openid profile cadreflow' },
      devSignIn: false,
    });
    // The page may connect to the provider (discovery, token endpoint), and nowhere else but here.
    const page = await http().get('/').set('Accept', 'text/html').expect(200);
    expect(page.headers['content-security-policy']).toContain(
      `connect-src 'self' ${provider.issuer}`,
    );
    await http()
      .post('/auth/dev-sign-in')
      .send({ userId: 'x', roles: ['admin'], orgUnit: 'ou-ha-noi' })
      .expect(404);
  });

  it('a clerk signs in through the provider’s login and consent pages and lands on the inbox', async () => {
    const context = await browser.newContext({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stdout.write(`page error: ${error.message}\n`));
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Đăng nhập qua hệ thống định danh' }).waitFor();
    expect(await page.getByLabel('Người dùng mẫu').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, '10-oidc-sign-in');

    // The authorization request: code flow with an S256 PKCE challenge, to the provider.
    const [authorize] = await Promise.all([
      page.waitForRequest((r) => r.url().startsWith(`${provider.issuer}/auth?`)),
      page.getByRole('button', { name: 'Đăng nhập qua hệ thống định danh' }).click(),
    ]);
    const params = new URL(authorize.url()).searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(CLIENT_ID);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('scope')).toBe('openid profile cadreflow');

    // The provider's login page: a wrong password is refused, the right one goes on to consent.
    await page.locator('input[name="login"]').fill('nguyen.thi.lan');
    await page.locator('input[name="password"]').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByText('wrong login or password').waitFor();
    await page.goBack();
    await page.locator('input[name="login"]').fill('nguyen.thi.lan');
    await page.locator('input[name="password"]').fill('mat-khau-dung');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // Consent, then back to the web app with the code, exchanged (with the PKCE verifier) for tokens.
    const [tokenRequest] = await Promise.all([
      page.waitForRequest((r) => r.url() === `${provider.issuer}/token` && r.method() === 'POST'),
      page.getByRole('button', { name: 'Continue' }).click(),
    ]);
    const exchange = new URLSearchParams(tokenRequest.postData() ?? '');
    expect(exchange.get('grant_type')).toBe('authorization_code');
    expect(exchange.get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);

    // Signed in, on the inbox, with the name, role and unit from the provider's token; the API
    // answered the inbox with that token.
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await page.waitForURL(`${base}/`);
    await page.getByText('Đăng nhập: Nguyễn Thị Lan (Cán bộ tổ chức) — Thành phố Hà Nội').waitFor();
    await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    await page.getByText('Không có việc nào đang chờ bạn.').waitFor();
    await screenshot(page, '11-oidc-signed-in-inbox');

    // The token: the provider's RS256 JWT for the API, kept in sessionStorage, never localStorage.
    const stored = (await page.evaluate(
      '({ session: sessionStorage.getItem("cadreflow.session"), local: JSON.stringify(localStorage) })',
    )) as { session: string; local: string };
    const token = (JSON.parse(stored.session) as { token: string }).token;
    expect(decodeJwtPart(token, 0)).toMatchObject({ alg: 'RS256', kid: 'test-rs256' });
    expect(decodeJwtPart(token, 1)).toMatchObject({
      iss: provider.issuer,
      aud: AUDIENCE,
      sub: 'nguyen.thi.lan',
      roles: ['organization_staff'],
      org_unit: 'ou-ha-noi',
    });
    expect(stored.local).not.toContain(token.slice(-20));
    expect(stored.local).not.toMatch(/oidc\./);
    // The API verifies it through the provider's JWKS, like any client would send it.
    await request(t.server as never)
      .get('/inbox')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    await context.close();
  });
});
