import { Pool } from 'pg';

/**
 * `create`'s value for each database (its pool), made on first use and kept while the pool lives:
 * what a process keeps of one database never answers for another (a test suite opens several).
 */
export function perDatabase<T>(create: (pool: Pool) => T): (pool: Pool) => T {
  const values = new WeakMap<Pool, T>();
  return (pool) => {
    let value = values.get(pool);
    if (value === undefined) {
      value = create(pool);
      values.set(pool, value);
    }
    return value;
  };
}
