import { createHash } from 'node:crypto';
import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DestinationStream } from 'pino';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Clock, CLOCK } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { WorkflowCatalog } from '../../src/workflow/workflow-catalog';
import { deleteRedisKeys } from '../jobs/support/jobs-harness';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-for-cadreflow-e2e';

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  /** Redis key prefix of this app's job queue (a child process running the workers must use it too). */
  queuePrefix: string;
  /** The Node HTTP server for supertest. */
  server: unknown;
  /** A bearer token for a user with these roles in this org unit. */
  /** A bearer token; `name`: the display name the token carries (as a sign-in gives one). */
  token(
    userId: string,
    roles: string[],
    orgUnit?: string,
    personId?: string,
    name?: string,
  ): string;
  close(): Promise<void>;
}

/** The whole service on a fresh database and the real Redis, as main.ts builds it. */
export async function startTestApp(
  suite: string,
  env: Record<string, string> = {},
  /**
   * `clock`: the service's time, for a test that moves it on (default: the system's); `modules`:
   * test-only modules mounted beside the service's (a route a test controls); `catalog`: the
   * definitions and rule sets already loaded, as main.ts hands them on.
   */
  options: {
    logDestination?: DestinationStream;
    clock?: Clock;
    modules?: Type[];
    catalog?: WorkflowCatalog;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase(suite);
  const queuePrefix = env.QUEUE_PREFIX ?? queuePrefixFor(suite);
  const config = loadConfig({
    ...env,
    DATABASE_URL: db.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: env.LOG_LEVEL ?? 'silent',
    RUN_WORKERS: env.RUN_WORKERS ?? 'false',
    RATE_LIMIT_PER_MINUTE: env.RATE_LIMIT_PER_MINUTE ?? '100000',
    RATE_LIMIT_PER_USER_PER_MINUTE: env.RATE_LIMIT_PER_USER_PER_MINUTE ?? '100000',
    QUEUE_PREFIX: queuePrefix,
  });
  const { clock, modules = [], ...appOptions } = options;
  const testing = Test.createTestingModule({
    imports: [AppModule.forConfig(config, appOptions), ...modules],
  });
  const moduleRef = await (
    clock ? testing.overrideProvider(CLOCK).useValue(clock) : testing
  ).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app, {
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    ...(env.WEB_DIR ? { webDir: env.WEB_DIR } : {}),
  });
  await app.init();
  // Tokens as the service accepts them: signed with its secret, within its lifetime limit.
  const verifier = new JwtVerifier({
    secret: TEST_JWT_SECRET,
    maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
  });
  return {
    app,
    db,
    queuePrefix,
    server: app.getHttpServer(),
    token: (userId, roles, orgUnit = 'ou-ha-noi', personId, name) =>
      verifier.sign({
        userId,
        roles,
        orgUnit,
        ...(personId ? { personId } : {}),
        ...(name ? { name } : {}),
      }),
    async close() {
      await app.close();
      await db.drop();
      await deleteRedisKeys(queuePrefix);
    },
  };
}

/**
 * The suite's own Redis prefix. QUEUE_PREFIX takes at most 40 characters: a long suite name is cut
 * and a digest of it kept, so two suites never share one (before: a 28-character name passed or
 * failed by the length of the process id).
 */
function queuePrefixFor(suite: string): string {
  const whole = `cftest-${suite}-${process.pid}`;
  if (whole.length <= 40) return whole;
  const digest = createHash('sha256').update(suite).digest('hex').slice(0, 6);
  return `cftest-${suite.slice(0, 16)}${digest}-${process.pid}`;
}
