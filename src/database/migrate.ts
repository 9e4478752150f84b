import * as path from 'node:path';
import { runner } from 'node-pg-migrate';
import { projectRoot } from '../common/project-root';

/** Where the SQL migrations live (they are not compiled; every build reads them from src/). */
export const MIGRATIONS_DIR = path.join(projectRoot(), 'src/database/migrations');

/** Applies every pending migration; safe to call from several processes (advisory lock, wait). */
export async function migrateUp(
  databaseUrl: string,
  log: (msg: string) => void = () => {},
): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    singleTransaction: true,
    advisoryLockMode: 'wait',
    log,
    logger: { debug: () => {}, info: log, warn: log, error: log },
    checkOrder: true,
  });
  return applied.map((m) => m.name);
}
