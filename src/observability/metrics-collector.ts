import { Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Pool } from 'pg';
import { parsePosition } from '../event-store/postgres/postgres-position';
import { appendFilter } from '../event-store/postgres/postgres-event-rows';
import { JobsRuntime } from '../jobs/jobs-runtime';
import { ProjectionsService } from '../projections/projections.service';
import { SagaFilter } from '../sagas/saga';
import { SagasRuntime } from '../sagas/sagas-runtime';
import { AppMetrics } from './metrics';
import { SCRAPE_SOURCE_TIMEOUT_MS } from './scrape-pool';
import { StoredEventNames } from '../event-store/stored-event-names';
import { WorkerLeases } from '../leases/worker-leases';

/** Lags are counted up to this many events, so a scrape stays cheap on a far-behind subscriber. */
export const LAG_CAP = 100_000;

export interface CollectorSources {
  /** The service's pool, whose connections the pool gauge counts. */
  pool: Pool;
  /** Where the gauges' own reads run, each statement bounded (see createScrapePool). */
  scrapePool: Pool;
  /** The names events are stored under, for a saga's event types. */
  names: StoredEventNames;
  projections: ProjectionsService;
  sagas: SagasRuntime;
  jobs: JobsRuntime;
  leases?: WorkerLeases;
}

/**
 * Events committed after `position` that a subscriber with `filter` would receive (capped): a
 * saga's checkpoint only moves on the events it subscribes to, so unfiltered counting would show
 * a saga that is up to date as far behind.
 */
export async function countMatchingEventsAfter(
  pool: Pool,
  position: string | null,
  filter: SagaFilter,
  cap: number,
  names: StoredEventNames,
): Promise<number> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (position !== null) {
    const { tx, pos } = parsePosition(position);
    params.push(tx, pos);
    where.push('(transaction_id, global_position) > ($1::xid8, $2::bigint)');
  }
  // The same conditions as the store's filtered reads: prefixes (as stream-index ranges where
  // they can be: a rare saga's checkpoint stands far behind the head, and scanning every event
  // since took 233 ms a saga a scrape on the million-event bench database) and stored type names.
  await appendFilter(pool, filter, where, params, names);
  params.push(cap);
  const { rows } = await pool.query<{ behind: string }>(
    `SELECT count(*) AS behind FROM (SELECT 1 FROM events ${
      where.length ? `WHERE ${where.join(' AND ')}` : ''
    } LIMIT $${params.length}) AS e`,
    params,
  );
  return Number(rows[0].behind);
}

/**
 * The gauges Prometheus reads at scrape time: each projection's and saga's lag (what `/health`
 * computes), timers pending and without a job, the BullMQ queue's jobs by state, dead letters by
 * source and status, and the PostgreSQL pool. A source that cannot answer (Redis away) or does
 * not within SCRAPE_SOURCE_TIMEOUT_MS (a table locked) leaves its gauge empty for that scrape and
 * logs why; the other gauges are still served, and the scrape answers within that time.
 */
export function registerScrapeGauges(metrics: AppMetrics, sources: CollectorSources): void {
  const logger = new Logger('Metrics');
  const guarded: Guarded = (what, collect) => async (gauge) => {
    gauge.reset();
    // Values are set only once the whole source has answered in time: one answering late must
    // not fill the gauge after the scrape gave up on it, nor a half-read source half of it.
    const values: Array<[Record<string, string>, number]> = [];
    try {
      await withinScrapeTime(collect({ set: (labels, value) => values.push([labels, value]) }));
      for (const [labels, value] of values) gauge.set(labels, value);
    } catch (error) {
      logger.warn(`could not read ${what} for /metrics: ${(error as Error).message}`);
    }
  };
  registerPoolGauge(metrics, sources, guarded);
  registerSubscriberGauges(metrics, sources, guarded);
  registerWorkGauges(metrics, sources, guarded);
}

/**
 * Counts the pool's connections as they open and close: churn (a new PostgreSQL backend for a
 * statement that could have used an idle one) shows as `opened` climbing with the request rate.
 */
export function countPoolConnections(metrics: AppMetrics, pool: Pool): void {
  metrics.poolConnections.inc({ event: 'opened' }, 0);
  metrics.poolConnections.inc({ event: 'closed' }, 0);
  pool.on('connect', () => metrics.poolConnections.inc({ event: 'opened' }));
  pool.on('remove', () => metrics.poolConnections.inc({ event: 'closed' }));
}

/** What a source's collection sets: a gauge's values by their labels. */
interface GaugeValues {
  set(labels: Record<string, string>, value: number): void;
}

/** Wraps a gauge's collection: reset, then collect; a source that fails leaves it empty and is logged. */
type Guarded = (
  what: string,
  collect: (gauge: GaugeValues) => Promise<void> | void,
) => (gauge: Gauge<string>) => Promise<void>;

/** A source's collection, given up on (its gauge left empty) when it takes longer than a scrape may. */
function withinScrapeTime(collecting: Promise<void> | void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${SCRAPE_SOURCE_TIMEOUT_MS} ms`)),
      SCRAPE_SOURCE_TIMEOUT_MS,
    );
  });
  // A source still running when given up on settles later unobserved: its rejection is dropped.
  const running = Promise.resolve(collecting);
  running.catch(() => undefined);
  return Promise.race([running, late]).finally(() => clearTimeout(timer));
}

function registerPoolGauge(metrics: AppMetrics, sources: CollectorSources, guarded: Guarded) {
  // First: prom-client starts every gauge's collection at once, and the others queue queries on
  // this pool; read after them, the pool would show the scrape's own queries waiting.
  metrics.gauge(
    'cadreflow_pg_pool_clients',
    'PostgreSQL pool: connections open (total), idle, and requests waiting for one (waiting)',
    ['state'],
    guarded('the pool', (gauge) => {
      gauge.set({ state: 'total' }, sources.pool.totalCount);
      gauge.set({ state: 'idle' }, sources.pool.idleCount);
      gauge.set({ state: 'waiting' }, sources.pool.waitingCount);
    }),
  );
}

/** How far each projection and saga is behind, and which projections are failing. */
function registerSubscriberGauges(
  metrics: AppMetrics,
  sources: CollectorSources,
  guarded: Guarded,
) {
  metrics.gauge(
    'cadreflow_projection_lag_events',
    `Events in the store after the projection's checkpoint (counted up to ${LAG_CAP})`,
    ['projection'],
    guarded('projection lag', async (gauge) => {
      for (const status of await sources.projections.status(LAG_CAP, sources.scrapePool))
        gauge.set({ projection: status.name }, status.lag);
    }),
  );
  metrics.gauge(
    'cadreflow_projection_needs_rebuild',
    "1 while the projection's rows were built by an older version of it (npm run projections -- rebuild <name>), else 0",
    ['projection'],
    guarded('projection versions', async (gauge) => {
      for (const status of await sources.projections.versions(sources.scrapePool))
        gauge.set({ projection: status.name }, status.needsRebuild ? 1 : 0);
    }),
  );
  metrics.gauge(
    'cadreflow_projection_failing',
    "1 while this instance's runner of the projection is failing (see /health for why), else 0",
    ['projection'],
    guarded('projection failures', (gauge) => {
      for (const [name, failure] of sources.projections.ownFailures())
        gauge.set({ projection: name }, failure ? 1 : 0);
    }),
  );
  metrics.gauge(
    'cadreflow_saga_lag_events',
    `Events the saga subscribes to that are after its checkpoint (counted up to ${LAG_CAP})`,
    ['saga'],
    guarded('saga lag', async (gauge) => {
      const { rows } = await sources.scrapePool.query<{ name: string; position: string | null }>(
        'SELECT name, position FROM saga_checkpoints',
      );
      const checkpoints = new Map(rows.map((row) => [row.name, row.position]));
      for (const runner of sources.sagas.runnerList) {
        const lag = await countMatchingEventsAfter(
          sources.scrapePool,
          checkpoints.get(runner.name) ?? null,
          runner.saga.filter,
          LAG_CAP,
          sources.names,
        );
        gauge.set({ saga: runner.name }, lag);
      }
    }),
  );
}

/** Leases held, timers, queued jobs and dead letters: the background work of this instance. */
function registerWorkGauges(metrics: AppMetrics, sources: CollectorSources, guarded: Guarded) {
  metrics.gauge(
    'cadreflow_worker_lease_held',
    '1 for each worker lease (projection:<name>, saga:<name>, timers) this instance holds, 0 for those it waits for',
    ['lease'],
    guarded('worker leases', (gauge) => {
      const state = sources.leases?.describe();
      for (const lease of state?.held ?? []) gauge.set({ lease }, 1);
      for (const lease of state?.waiting ?? []) gauge.set({ lease }, 0);
    }),
  );
  metrics.gauge(
    'cadreflow_timers',
    'Timers by state: pending in the store, and those due within the 15-minute queue horizon without a job in Redis (lost, not yet re-queued); a timer due later has no job by design',
    ['state'],
    guarded('timers', async (gauge) => {
      const { pending, withoutJob } = await sources.jobs.reconciler.missingJobs();
      gauge.set({ state: 'pending' }, pending);
      gauge.set({ state: 'without_job' }, withoutJob);
    }),
  );
  metrics.gauge(
    'cadreflow_queue_jobs',
    'Jobs in the BullMQ queue by state (delayed = timers waiting for their time)',
    ['queue', 'state'],
    guarded('queue jobs', async (gauge) => {
      const queue = sources.jobs.queue.queue;
      const counts = await queue.getJobCounts(
        'waiting',
        'delayed',
        'active',
        'prioritized',
        'failed',
      );
      for (const [state, count] of Object.entries(counts))
        gauge.set({ queue: queue.name, state }, count);
    }),
  );
  metrics.gauge(
    'cadreflow_dead_letters',
    'Dead letters by source (timer, saga, job) and status (parked, replayed, resolved)',
    ['source', 'status'],
    guarded('dead letters', async (gauge) => {
      const { rows } = await sources.scrapePool.query<{
        source: string;
        status: string;
        n: string;
      }>('SELECT source, status, count(*) AS n FROM dead_letters GROUP BY source, status');
      for (const row of rows) gauge.set({ source: row.source, status: row.status }, Number(row.n));
    }),
  );
}
