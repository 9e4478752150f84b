import { Pool } from 'pg';
import { createPool } from '../database/create-pool';

/**
 * How long a scrape waits for any one of its sources. Prometheus gives a scrape 10 s by default;
 * a source slower than this (a table locked, Redis away) is left empty for that scrape.
 */
export const SCRAPE_SOURCE_TIMEOUT_MS = 2500;

/**
 * The connections `/metrics` reads the database on: the service's own, with every statement
 * cancelled by PostgreSQL after 2 s. A statement stuck behind a lock is then ended where it runs
 * and its connection freed, rather than left waiting after the scrape has given up on it, and
 * scrapes never take the connections requests need.
 */
export function createScrapePool(service: Pool, log: (line: string) => void): Pool {
  return createPool(
    {
      ...service.options,
      max: 3,
      statement_timeout: SCRAPE_SOURCE_TIMEOUT_MS - 500,
      connectionTimeoutMillis: SCRAPE_SOURCE_TIMEOUT_MS - 500,
      idleTimeoutMillis: 30_000,
    },
    log,
  );
}
