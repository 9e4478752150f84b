import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../../..');
export const WEB_DIST = path.join(ROOT, 'web/dist');
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');

/** Debian's chromium (apt-get install -y chromium); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the web app as `npm run build` does, so the browser tests run the current sources. */
export function buildWebApp(): void {
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.mts',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } },
  );
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function listeningPort(server: unknown): number {
  return ((server as { address(): AddressInfo }).address() as AddressInfo).port;
}

/** Saves a screenshot under test-artifacts/screenshots/ and prints its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // The whole page, by growing the viewport (Chromium's own full-page capture leaves the page's
  // hit-testing off afterwards: the next click lands nowhere).
  const size = page.viewportSize()!;
  const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.screenshot({ path: file });
  await page.setViewportSize(size);
  process.stdout.write(`screenshot: ${path.relative(ROOT, file)}\n`);
  return file;
}

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

/** Runs axe-core (WCAG 2 A and AA rules) in the page; returns the violations, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  // (Expressions as strings: these run in the page, whose DOM types the Node-side tsconfig lacks.)
  const result = (await page.evaluate(
    "axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
  )) as AxeResult;
  return result.violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** How a signed-in tab differs from the usual one. */
export interface SignInOptions {
  viewport?: { width: number; height: number };
}

/**
 * A new tab in Vietnamese on Vietnam time, signed in as a demo user through the development
 * sign-in (the service must run with DEV_SIGN_IN); the page's errors are printed.
 */
export async function signIn(
  browser: Browser,
  base: string,
  userId: string,
  options: SignInOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stdout.write(`page error: ${error.message}\n`));
  await page.goto(`${base}/`);
  await page.getByLabel('Người dùng mẫu').selectOption(userId);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  return { context, page };
}
