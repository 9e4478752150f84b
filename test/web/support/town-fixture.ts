import { Clock } from '../../../src/common/clock';
import * as path from 'node:path';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { RegistryService } from '../../../src/cadres/registry.service';
import { loadDemoData } from '../../../src/seed/demo-data-loader';
import { startTestApp, TestApp } from '../../support/test-app';
import { buildWebApp, launchChromium, listeningPort, ROOT, WEB_DIST } from './browser';

/** The post of head of the city's Organization Commission (Trưởng ban Tổ chức Thành ủy). */
export const ORGANIZATION_HEAD_POST = 'pos-ha-noi-head-organization';
/** Nguyễn Văn An: its deputy, in the planning pool for the post. */
export const AN = 'p-nguyen-van-an';
/** Trần Thị Bình: a deputy director of Home Affairs. */
export const BINH = 'p-tran-thi-binh';

/**
 * The service on a port of its own, with its workers, the development sign-in, the web app as
 * just built and the Hà Nội demo registry (seeds/demo/ha-noi.json), and a Chromium to drive it.
 */
export interface DemoTown {
  t: TestApp;
  /** The service's address, e.g. http://127.0.0.1:41234. */
  base: string;
  browser: Browser;
  /** A request to the service, for the steps a spec takes over HTTP. */
  http(): ReturnType<typeof request>;
  /** The header of a token for a user of the city (ou-ha-noi) with these roles. */
  bearer(userId: string, roles: string[]): { Authorization: string };
  close(): Promise<void>;
}

/**
 * Starts the demo town on a fresh database named after the suite (`clock`: the service's time;
 * `env`: more of the service's settings, e.g. RULE_SETS_DIR).
 */
export async function startDemoTown(
  suite: string,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<DemoTown> {
  buildWebApp();
  const t = await startTestApp(
    suite,
    { ...options.env, RUN_WORKERS: 'true', DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST },
    { clock: options.clock },
  );
  try {
    await t.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    await loadDemoData(
      path.join(ROOT, 'seeds/demo/ha-noi.json'),
      t.app.get(RegistryService),
      new Date(),
    );
    const browser = await launchChromium();
    return {
      t,
      base,
      browser,
      http: () => request(t.server as never),
      bearer: (userId, roles) => ({
        Authorization: `Bearer ${t.token(userId, roles, 'ou-ha-noi')}`,
      }),
      close: async () => {
        await browser.close();
        await t.close();
      },
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}
