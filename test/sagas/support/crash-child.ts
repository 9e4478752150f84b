/**
 * The engine in a child process for the crash test: the demo saga's runner and the jobs worker on
 * real PostgreSQL and Redis. With CRASH_AFTER_EFFECTS=n it SIGKILLs itself after carrying out the
 * outputs of its n-th event and before storing that event's checkpoint — the worst moment.
 * Run: node -r ./test/support/swc-register.js test/sagas/support/crash-child.ts
 */
import { TestCommandBus } from './test-command-bus';
import { Pool } from 'pg';
import { systemClock } from '../../../src/common/clock';
import { PostgresEventStore } from '../../../src/event-store/postgres/postgres-event-store';
import { JobsRuntime } from '../../../src/jobs/jobs-runtime';
import { SagasRuntime } from '../../../src/sagas/sagas-runtime';
import { testJobsConfig } from '../../jobs/support/jobs-harness';
import { demoSaga, wireDemo } from './demo-saga';

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const store = new PostgresEventStore(pool);
  const crashAfter = Number(process.env.CRASH_AFTER_EFFECTS ?? 0);
  let handled = 0;
  const jobs = new JobsRuntime({
    store,
    pool,
    clock: systemClock,
    config: testJobsConfig(process.env.JOBS_PREFIX!),
    log: () => {},
  });
  const commands = new TestCommandBus();
  const sagas = new SagasRuntime({
    store,
    pool,
    clock: systemClock,
    jobs,
    commands,
    retry: { attempts: 3, backoffMs: 20 },
    log: () => {},
    afterEffects: (_saga, event) => {
      handled += 1;
      if (crashAfter > 0 && handled === crashAfter) {
        process.stdout.write(`crashing-after ${event.id} ${event.position}\n`);
        process.kill(process.pid, 'SIGKILL');
      }
    },
  });
  wireDemo(store, commands, jobs.timerHandlers);
  sagas.register(demoSaga);
  await jobs.start();
  await sagas.start();
  process.stdout.write('ready\n');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
