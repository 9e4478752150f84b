/**
 * The whole engine's background half in a child process for the domain crash test: every saga,
 * the timer worker and the projections (RUN_WORKERS=true), on real PostgreSQL and Redis, no HTTP.
 * The test process serves the API (RUN_WORKERS=false) and kills this process with SIGKILL.
 *
 * CLOCK_OFFSET_MS moves this process's clock forward so that step deadlines and re-appointment
 * notices fall due while the test runs; jobs use short locks so a killed worker's job is taken up
 * again within seconds rather than BullMQ's default 30.
 * Run: node -r ./test/support/swc-register.js test/sagas/support/engine-child.ts
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../../src/app.module';
import { CLOCK } from '../../../src/common/clock';
import { loadConfig } from '../../../src/config/app-config';
import { defaultJobsConfig, JOBS_CONFIG } from '../../../src/jobs/jobs.tokens';

async function main(): Promise<void> {
  const offsetMs = Number(process.env.CLOCK_OFFSET_MS ?? 0);
  const config = loadConfig({ ...process.env, RUN_WORKERS: 'true', LOG_LEVEL: 'silent' });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] })
    .overrideProvider(CLOCK)
    .useValue({ now: () => new Date(Date.now() + offsetMs) })
    .overrideProvider(JOBS_CONFIG)
    .useValue(
      defaultJobsConfig({
        redis: { host: '127.0.0.1', port: 6379 },
        prefix: config.QUEUE_PREFIX,
        queueName: 'jobs',
        backoffMs: 100,
        lockDurationMs: 2000,
        stalledIntervalMs: 1000,
        maxStalledCount: 20,
      }),
    )
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  process.stdout.write('ready\n');
}

// The test process holds our stdin open; its end means that process is gone (killed, timed out).
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
