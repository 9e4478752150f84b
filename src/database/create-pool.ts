import { Pool, PoolConfig } from 'pg';
import { keepConnectionOnStatementError } from './statement-error-keeps-connection';

/**
 * A pg pool that survives its connections being cut. An idle connection whose backend goes
 * away (restart, failover, pg_terminate_backend, a pooler's idle timeout) makes the pool emit
 * `'error'`; with no listener that ends the process. The pool has already dropped the connection
 * and opens a new one for the next query, so the loss is only worth a log line. A statement's own
 * error (a refused append, a violated rule) keeps its connection (keepConnectionOnStatementError).
 */
export function createPool(
  config: PoolConfig,
  log: (message: string) => void = (line) => process.stderr.write(`${line}\n`),
): Pool {
  const pool = new Pool(config);
  keepConnectionOnStatementError(pool);
  pool.on('error', (error) => log(`PostgreSQL: idle connection lost: ${error.message}`));
  return pool;
}
