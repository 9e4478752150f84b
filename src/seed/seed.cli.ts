import * as path from 'node:path';
import { createPool } from '../database/create-pool';
import { prepareInfrastructure, StartupError } from '../bootstrap/startup-checks';
import { RegistryService } from '../cadres/registry.service';
import { ConfigError, loadConfig } from '../config/app-config';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { loadDemoData } from './demo-data-loader';
import { projectRoot } from '../common/project-root';
import { announceDatabase, cliProgram } from '../cli/cli-program';
import { WorkflowCatalog } from '../workflow/workflow-catalog';

const DEMO_FILE = 'seeds/demo/ha-noi.json';

/** npm run seed: loads the demo registry from seeds/demo into DATABASE_URL (safe to repeat). */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  announceDatabase('seed', config.DATABASE_URL);
  // The registry lives in PostgreSQL whatever EVENT_STORE says: only its server and Redis are checked.
  await prepareInfrastructure(
    {
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      STARTUP_WAIT_SECONDS: config.STARTUP_WAIT_SECONDS,
    },
    (line) => process.stderr.write(`seed: ${line}\n`),
  );
  const pool = createPool({ connectionString: config.DATABASE_URL });
  const store = new PostgresEventStore(pool);
  try {
    const file = path.join(projectRoot(), DEMO_FILE);
    // The catalog's rule sets limit the planning pools the demo fills, as the API would.
    const catalog = WorkflowCatalog.load(
      {
        definitions: config.DEFINITIONS_DIR,
        ruleSets: config.RULE_SETS_DIR,
        calendar: config.CALENDAR_DIR,
      },
      projectRoot(),
    );
    const registry = new RegistryService(pool, store, catalog);
    const report = await loadDemoData(file, registry, new Date());
    process.stdout.write(
      `seed: loaded ${report.orgUnits} new org units, ${report.positions} new positions, ${report.people} new people from ${path.relative(process.cwd(), file)}\n`,
    );
  } finally {
    await store.close();
    await pool.end();
  }
}

cliProgram(
  'seed',
  `load the demo registry (org units, posts, people of Hà Nội and four of its wards and communes) from ${DEMO_FILE} into DATABASE_URL; creates and migrates the database if needed; safe to run again`,
)
  .action(() => main().catch(fail))
  .parse(process.argv);

function fail(error: unknown): void {
  const known = error instanceof ConfigError || error instanceof StartupError;
  process.stderr.write(
    `seed: ${known ? (error as Error).message : `failed: ${(error as Error)?.stack ?? String(error)}`}\n`,
  );
  process.exit(1);
}
