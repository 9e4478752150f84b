import { Pool } from 'pg';
import { AppConfig } from '../config/app-config';
import { EventStore } from '../event-store/event-store.port';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../event-store/stored-event-names';

/** Picks the adapter named by EVENT_STORE. */
export function createEventStore(
  config: AppConfig,
  pool: Pool,
  names: StoredEventNames,
): EventStore {
  if (config.EVENT_STORE === 'kurrentdb') {
    // Loaded only when chosen, so the PostgreSQL deployment never touches the gRPC client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { KurrentDbEventStore } = require('../event-store/kurrentdb/kurrentdb-event-store');
    return new KurrentDbEventStore(config.KURRENTDB_URL, names) as EventStore;
  }
  return new PostgresEventStore(pool, names, {
    appendStatements: config.EVENT_STORE_APPEND_STATEMENTS,
  });
}
