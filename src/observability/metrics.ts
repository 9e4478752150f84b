import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const APP_METRICS = Symbol('APP_METRICS');

/** Seconds; from 1 ms (a cached read) to 10 s (a request stuck behind a lock). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Appends (or events) sharing one statement and its commit; 1 = sent on its own. */
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64];

/**
 * The service's Prometheus metrics, in a registry of its own per application (two instances in
 * one process, as the tests start them, do not share or clash). Names follow Prometheus'
 * conventions: `cadreflow_` prefix, base units (seconds), `_total` for counters.
 *
 * Request, append and group-commit metrics are observed as the work happens; lags, timers, dead
 * letters and the pool are read when Prometheus scrapes (see MetricsCollector).
 */
export class AppMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'cadreflow_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template (never the raw URL) and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'cadreflow_event_store_append_duration_seconds',
    help: 'Event store append latency, from the call to its commit, by outcome',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly appendedEvents = new Counter({
    name: 'cadreflow_event_store_appended_events_total',
    help: 'Events appended to the event store (idempotent retries included)',
    registers: [this.registry],
  });

  readonly groupCommitAppends = new Histogram({
    name: 'cadreflow_event_store_group_commit_appends',
    help: 'PostgreSQL adapter: appends sharing one statement and its commit (1 = sent alone), by stream kind',
    labelNames: ['streams'] as const,
    buckets: BATCH_BUCKETS,
    registers: [this.registry],
  });

  readonly groupCommitEvents = new Histogram({
    name: 'cadreflow_event_store_group_commit_events',
    help: 'PostgreSQL adapter: events written by one append statement, by stream kind',
    labelNames: ['streams'] as const,
    buckets: BATCH_BUCKETS,
    registers: [this.registry],
  });

  readonly poolConnections = new Counter({
    name: 'cadreflow_pg_pool_connections_total',
    help: 'PostgreSQL pool: connections opened and closed (idle timeout, lost, or failed beyond a statement)',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    // CPU, memory, event-loop lag and GC of this process (`cadreflow_process_*`, `cadreflow_nodejs_*`).
    if (options.processMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'cadreflow_' });
  }

  /** A gauge whose value is read at scrape time. */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: (gauge: Gauge<L>) => Promise<void> | void,
  ): Gauge<L> {
    return new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }
}
