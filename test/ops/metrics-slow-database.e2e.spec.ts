import { Logger } from 'nestjs-pino';
import { Client } from 'pg';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-slow-database-suite';

/** Whether the exposition has any sample of `name`. */
const hasSamples = (text: string, name: string): boolean =>
  text.split('\n').some((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

/**
 * A database that does not answer (a table locked by a migration or a stuck transaction) must not
 * hold a scrape: Prometheus gives up after 10 s and then has no metrics at all, the ones that
 * would have told why included.
 */
describe('/metrics while the database does not answer', () => {
  let t: TestApp;
  const written: string[] = [];
  const warnings = () =>
    written
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((line) => line.level === 40 && /for \/metrics/.test(line.msg));

  beforeAll(async () => {
    t = await startTestApp(
      'ops_metrics_slow_db',
      { METRICS_TOKEN, LOG_LEVEL: 'warn' },
      { logDestination: { write: (line: string) => written.push(line) } },
    );
    // The service's own lines go to its log stream, as main.ts sets it up.
    t.app.useLogger(t.app.get(Logger));
  });
  afterAll(() => t?.close());

  const scrape = () =>
    request(t.server as never)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      // Prometheus' default scrape timeout: an answer after it is no answer.
      .timeout(10_000);

  it('answers with the locked sources left empty and a warning for each, and fills them again once the lock goes', async () => {
    const before = await scrape().expect(200);
    expect(hasSamples(before.text, 'cadreflow_projection_lag_events')).toBe(true);
    expect(hasSamples(before.text, 'cadreflow_dead_letters')).toBe(false); // none parked

    const locker = new Client({ connectionString: t.db.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(
        'LOCK TABLE projection_checkpoints, saga_checkpoints, dead_letters IN ACCESS EXCLUSIVE MODE',
      );
      const during = await scrape().expect(200);
      expect(hasSamples(during.text, 'cadreflow_projection_lag_events')).toBe(false);
      expect(hasSamples(during.text, 'cadreflow_saga_lag_events')).toBe(false);
      // What does not need the locked tables is still served.
      expect(hasSamples(during.text, 'cadreflow_pg_pool_clients')).toBe(true);
      expect(warnings().map((line) => line.msg)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/could not read projection lag for \/metrics/),
          expect.stringMatching(/could not read saga lag for \/metrics/),
        ]),
      );
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }

    const after = await scrape().expect(200);
    expect(hasSamples(after.text, 'cadreflow_projection_lag_events')).toBe(true);
    expect(hasSamples(after.text, 'cadreflow_saga_lag_events')).toBe(true);
  });
});
