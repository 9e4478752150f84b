import { Pool } from 'pg';
import { AppConfig } from '../config/app-config';
import { BulkWrites } from '../event-store/bulk-writes';
import { EventStore } from '../event-store/event-store.port';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../event-store/stored-event-names';
import { AppMetrics } from '../observability/metrics';
import { InstrumentedEventStore } from '../observability/instrumented-event-store';

/**
 * Picks the adapter named by EVENT_STORE; with `metrics`, appends are timed and traced. The
 * PostgreSQL adapter's subscriptions hold for `bulkWrites`; KurrentDB pushes to its subscriptions,
 * which are not held.
 */
export function createEventStore(
  config: AppConfig,
  pool: Pool,
  names: StoredEventNames,
  metrics?: AppMetrics,
  bulkWrites?: BulkWrites,
): EventStore {
  const store = createAdapter(config, pool, names, metrics, bulkWrites);
  return metrics ? new InstrumentedEventStore(store, metrics) : store;
}

function createAdapter(
  config: AppConfig,
  pool: Pool,
  names: StoredEventNames,
  metrics: AppMetrics | undefined,
  bulkWrites: BulkWrites | undefined,
): EventStore {
  if (config.EVENT_STORE === 'kurrentdb') {
    // Loaded only when chosen, so the PostgreSQL deployment never touches the gRPC client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { KurrentDbEventStore } = require('../event-store/kurrentdb/kurrentdb-event-store');
    return new KurrentDbEventStore(config.KURRENTDB_URL, names) as EventStore;
  }
  return new PostgresEventStore(pool, names, {
    appendStatements: config.EVENT_STORE_APPEND_STATEMENTS,
    bulkWrites,
    onStatement: metrics
      ? (streams, appends, events) => {
          metrics.groupCommitAppends.observe({ streams }, appends);
          metrics.groupCommitEvents.observe({ streams }, events);
        }
      : undefined,
  });
}
