import { Pool } from 'pg';

/** Statements a pool is sent from now on, until `restore()`; `uncounted` sends one past the count. */
export interface StatementCount {
  readonly sent: number;
  readonly uncounted: Pool['query'];
  restore(): void;
}

export function countStatements(pool: Pool): StatementCount {
  const query = pool.query.bind(pool) as Pool['query'];
  let sent = 0;
  pool.query = ((...args: Parameters<typeof query>) => {
    sent += 1;
    return query(...args);
  }) as Pool['query'];
  return {
    get sent() {
      return sent;
    },
    uncounted: query,
    restore: () => {
      pool.query = query;
    },
  };
}
