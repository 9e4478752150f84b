/**
 * The web app's render budget on the query bench's database (bench/queries/million-events.ts):
 * how long Chromium takes from navigation to the first rows of the inbox and of the discipline
 * register, with the real service (PostgreSQL, the read models rebuilt) serving the built app.
 * Budget: ≤ 1 s each on the million-event database.
 *
 * Run: npm run bench:web:render (builds web/dist first). BENCH_PEOPLE and BENCH_CASES scale the
 * database as for bench:queries (20,000 and 45,000: about 942,000 events), BENCH_RUNS the
 * measured page loads per screen (10, after one warm-up). The figures are written to
 * bench/README.md; the run ends with one JSON line.
 */
import 'reflect-metadata';
import { SERVER } from '../bench-database';
import * as os from 'node:os';
import * as path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { Browser, Page } from 'playwright-core';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { projectRoot } from '../../src/common/project-root';
import { loadConfig } from '../../src/config/app-config';
import { Actor } from '../../src/identity/actor';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { peopleProjection } from '../../src/read-models/people.projection';
import { launchChromium } from '../../test/web/support/browser';
import {
  createBenchDatabase,
  loadBenchEvents,
  rebuildBenchReadModels,
} from '../queries/million-events';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000);
const CASES = Number(process.env.BENCH_CASES ?? 45_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const BUDGET_MS = 1000;
const ROOT = projectRoot();
const README = path.join(ROOT, 'bench/README.md');
const SECRET = 'cadreflow-render-bench-secret';

interface Screen {
  name: string;
  path: string;
  actor: Actor;
  /** The API call whose answer fills the table (its time is reported beside the render). */
  api: RegExp;
}

/**
 * A district's leadership (the bench's open cases wait on the decision, a leadership step) and the
 * province's inspection commission (every discipline record).
 */
const SCREENS: Screen[] = [
  {
    name: 'inbox (Hộp việc)',
    path: '/',
    actor: {
      userId: 'bench-leader',
      name: 'Lãnh đạo huyện',
      roles: ['leadership'],
      // The bench's cases of district 6 are all open (case n lies in district n mod 30 and is
      // decided when n mod 10 < 6): 1,500 waiting on its leadership at full size.
      orgUnit: 'ou-d-6',
    },
    api: /\/inbox(\?|$)/,
  },
  {
    name: 'discipline register (Sổ theo dõi kỷ luật)',
    path: '/discipline-records',
    actor: {
      userId: 'bench-inspector',
      name: 'Ủy ban Kiểm tra tỉnh',
      roles: ['inspector'],
      orgUnit: 'ou-province',
    },
    api: /\/discipline-records(\?|$)/,
  },
];

/** Milliseconds from the navigation's start. */
interface Phases {
  /** the app's script downloaded */
  scriptLoaded: number | null;
  /** the document parsed and the app's script run (DOMContentLoaded ended) */
  domReady: number | null;
  /** the table's API call sent, and answered */
  apiStarted: number | null;
  apiAnswered: number | null;
}

interface Load {
  renderMs: number;
  apiMs: number | null;
  rows: number;
  phases: Phases;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const round = (n: number) => Math.round(n);

/**
 * One first visit in a fresh browser context (no cache): the session is in sessionStorage as
 * after a sign-in; the clock runs from the navigation's start (performance.now() = 0) to the
 * first animation frame in which the table has rows.
 */
/** One navigation, timed from its start to the first frame with the table's rows. */
async function visit(page: Page, screen: Screen, navigate: () => Promise<unknown>): Promise<Load> {
  await navigate();
  // (A function, not a string: the page's CSP forbids eval. It runs in the page, whose DOM
  // types this tsconfig lacks, hence the casts.)
  const rendered = await page
    .waitForFunction(
      () => {
        const page = globalThis as unknown as {
          document: { querySelector(selector: string): unknown };
          performance: { now(): number };
        };
        return page.document.querySelector('table.grid tbody tr') ? page.performance.now() : null;
      },
      undefined,
      { polling: 'raf', timeout: 20_000 },
    )
    .catch(async (error: unknown) => {
      process.stderr.write(`${screen.path} shows: ${await page.locator('main').innerText()}\n`);
      throw error;
    });
  const renderMs = (await rendered.jsonValue()) as number;
  const rows = await page.locator('table.grid tbody tr').count();
  // Where the time went: the navigation and every resource, as the page's own timing saw them.
  const entries = await page.evaluate(() => {
    type Entry = {
      name: string;
      entryType: string;
      startTime: number;
      responseEnd: number;
      domContentLoadedEventEnd?: number;
    };
    const timing = (
      globalThis as unknown as {
        performance: { getEntriesByType(type: string): Entry[] };
      }
    ).performance;
    return [...timing.getEntriesByType('navigation'), ...timing.getEntriesByType('resource')].map(
      (e) => ({
        name: e.name,
        type: e.entryType,
        start: e.startTime,
        end: e.responseEnd,
        domReady: e.domContentLoadedEventEnd ?? null,
      }),
    );
  });
  const path = (url: string) => new URL(url).pathname + new URL(url).search;
  const navigation = entries.find((e) => e.type === 'navigation');
  const script = entries.find((e) => /\/assets\/index-[^/]*\.js$/.test(path(e.name)));
  const api = entries.find((e) => e.type === 'resource' && screen.api.test(path(e.name)));
  if (process.env.BENCH_TRACE === '1')
    process.stderr.write(`${JSON.stringify(entries)} rendered at ${Math.round(renderMs)}\n`);
  return {
    renderMs,
    rows,
    apiMs: api ? api.end - api.start : null,
    phases: {
      scriptLoaded: script?.end ?? null,
      domReady: navigation?.domReady ?? null,
      apiStarted: api?.start ?? null,
      apiAnswered: api?.end ?? null,
    },
  };
}

async function loadOnce(
  browser: Browser,
  base: string,
  screen: Screen,
  token: string,
): Promise<{ first: Load; again: Load }> {
  const context = await browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 900 },
  });
  const session = {
    token,
    userId: screen.actor.userId,
    name: screen.actor.name,
    roles: screen.actor.roles,
    orgUnit: screen.actor.orgUnit,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    via: 'dev',
  };
  await context.addInitScript(
    `sessionStorage.setItem('cadreflow.session', ${JSON.stringify(JSON.stringify(session))});`,
  );
  try {
    const page = await context.newPage();
    const url = `${base}${screen.path}`;
    const first = await visit(page, screen, () => page.goto(url, { waitUntil: 'commit' }));
    // The same user coming back: the browser has the scripts in its cache (and compiled).
    const again = await visit(page, screen, () => page.reload({ waitUntil: 'commit' }));
    return { first, again };
  } finally {
    await context.close();
  }
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

async function main(): Promise<void> {
  const db = await createBenchDatabase(SERVER, 'cf_bench_render');
  const queuePrefix = `cf-bench-render-${process.pid}`;
  let browser: Browser | null = null;
  let app: Awaited<ReturnType<typeof NestFactory.create>> | null = null;
  try {
    const { store, events, loadSeconds } = await loadBenchEvents(db.pool, {
      people: PEOPLE,
      cases: CASES,
    });
    const buildStarted = Date.now();
    await rebuildBenchReadModels(db.pool, store, events);
    // The people read model too: the inbox and the register show names.
    await rebuildProjection({ pool: db.pool, store, projection: peopleProjection });
    const rebuildSeconds = (Date.now() - buildStarted) / 1000;
    // The post every bench person holds and every bench case fills, so the inbox has its title.
    await db.pool.query(
      `INSERT INTO positions (id, title, org_unit_id, appointing_authority, rank, is_leadership)
       VALUES ('pos-head', 'Chủ tịch Ủy ban nhân dân xã', 'ou-province', 'ou-province', 3, true)`,
    );

    // The service as `npm start` runs it, on that database, serving the built web app; the
    // read models are already built, so no worker runs (nothing else competes for the cores).
    const config = loadConfig({
      DATABASE_URL: db.url,
      JWT_SECRET: SECRET,
      RUN_WORKERS: 'false',
      LOG_LEVEL: 'silent',
      QUEUE_PREFIX: queuePrefix,
      RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '100000',
    });
    app = await NestFactory.create(AppModule.forConfig(config), { logger: false });
    configureApp(app, {
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      webDir: path.join(ROOT, 'web/dist'),
    });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    const verifier = new JwtVerifier({ secret: SECRET });

    browser = await launchChromium();
    interface Figures {
      median: number;
      p90: number;
      max: number;
      runs: number[];
      /** the median of each phase */
      phases: Record<keyof Phases, number | null>;
    }
    const figures = (loads: Load[]): Figures => {
      const ms = loads.map((l) => l.renderMs);
      const phase = (key: keyof Phases) => {
        const values = loads.map((l) => l.phases[key]).filter((v): v is number => v !== null);
        return values.length ? round(median(values)) : null;
      };
      return {
        median: round(median(ms)),
        p90: round(quantile(ms, 0.9)),
        max: round(Math.max(...ms)),
        runs: ms.map(round),
        phases: {
          scriptLoaded: phase('scriptLoaded'),
          domReady: phase('domReady'),
          apiStarted: phase('apiStarted'),
          apiAnswered: phase('apiAnswered'),
        },
      };
    };
    const results: {
      screen: string;
      rows: number;
      firstVisitMs: Figures;
      returnVisitMs: Figures;
      apiMs: number | null;
    }[] = [];
    for (const screen of SCREENS) {
      const token = verifier.sign(screen.actor, 3600);
      await loadOnce(browser, base, screen, token); // warm-up: the server's caches and plans
      const loads: { first: Load; again: Load }[] = [];
      for (let i = 0; i < RUNS; i += 1) loads.push(await loadOnce(browser, base, screen, token));
      const api = loads
        .flatMap((l) => [l.first.apiMs, l.again.apiMs])
        .filter((ms): ms is number => ms !== null);
      const result = {
        screen: screen.name,
        rows: loads[0].first.rows,
        firstVisitMs: figures(loads.map((l) => l.first)),
        returnVisitMs: figures(loads.map((l) => l.again)),
        apiMs: api.length ? round(median(api)) : null,
      };
      results.push(result);
      process.stderr.write(
        `${screen.name}: first visit ${result.firstVisitMs.runs.join(', ')} ms; return visit ${result.returnVisitMs.runs.join(', ')} ms\n`,
      );
    }

    const million = events >= 900_000;
    const load = os.loadavg()[0];
    const cell = (f: Figures) => `${f.median} / ${f.p90} / ${f.max} ms`;
    const section = [
      "## Web render on the query bench's database (`npm run bench:web:render`)",
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} on **${events.toLocaleString('en-US')} events** ` +
        `(${PEOPLE.toLocaleString('en-US')} people, ${CASES.toLocaleString('en-US')} cases` +
        `${million ? ', the million-event database' : `: ${((events / 942_286) * 100).toFixed(0)} % of the million-event database`}` +
        `; loaded in ${round(loadSeconds)} s, read models rebuilt in ${round(rebuildSeconds)} s), ` +
        `the machine's load average ${load.toFixed(1)} on its ${os.cpus().length} cores at the end. ` +
        `Debian's Chromium, headless, signed in (the session in sessionStorage), the service serving ` +
        `the built app with no worker running; the time is from the navigation's start to the first ` +
        `frame with the table's rows. *First visit*: a fresh browser context (nothing cached); ` +
        `*return visit*: the same page reloaded (scripts cached). ${RUNS} of each per screen, after one warm-up.`,
      '',
      '| screen | rows shown | first visit median / p90 / max | return visit median / p90 / max | its API call (median) |',
      '|---|---:|---:|---:|---:|',
      ...results.map(
        (r) =>
          `| ${r.screen} | ${r.rows} | ${cell(r.firstVisitMs)} | ${cell(r.returnVisitMs)} | ${r.apiMs ?? '—'} ms |`,
      ),
      '',
      "Where the time goes (medians, ms from the navigation's start): the app's script downloaded → the page parsed and the script run (DOMContentLoaded) → the table's API call sent → answered → rows drawn.",
      '',
      '| screen | visit | script loaded | DOMContentLoaded | API sent | API answered | rows drawn |',
      '|---|---|---:|---:|---:|---:|---:|',
      ...results.flatMap((r) =>
        (
          [
            ['first', r.firstVisitMs],
            ['return', r.returnVisitMs],
          ] as const
        ).map(
          ([visit, f]) =>
            `| ${r.screen} | ${visit} | ${f.phases.scriptLoaded ?? '—'} | ${f.phases.domReady ?? '—'} | ${f.phases.apiStarted ?? '—'} | ${f.phases.apiAnswered ?? '—'} | ${f.median} |`,
        ),
      ),
      '',
      `Budget ≤ ${BUDGET_MS} ms${million ? '' : ' (stated for the million-event database)'}: ` +
        `first visits **${results.every((r) => r.firstVisitMs.p90 <= BUDGET_MS) ? 'within' : 'OVER'}**, ` +
        `return visits **${results.every((r) => r.returnVisitMs.p90 <= BUDGET_MS) ? 'within' : 'OVER'}** the budget at p90.`,
      '',
    ].join('\n');
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf("## Web render on the query bench's database");
    const next = start < 0 ? -1 : readme.indexOf('\n## ', start + 1);
    const updated =
      start < 0
        ? `${readme.trimEnd()}\n\n${section}`
        : `${readme.slice(0, start)}${section}${next < 0 ? '' : readme.slice(next + 1)}`;
    writeFileSync(README, updated.endsWith('\n') ? updated : `${updated}\n`);
    process.stdout.write(`${section}\n`);
    console.log(
      JSON.stringify({
        benchmark: 'web-render',
        events,
        people: PEOPLE,
        cases: CASES,
        loadSeconds,
        rebuildSeconds,
        loadAverage: os.loadavg(),
        results,
      }),
    );
  } finally {
    await browser?.close();
    await app?.close();
    await db.drop(process.env.BENCH_KEEP_DB === '1');
    await deleteRedisKeys(queuePrefix);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
