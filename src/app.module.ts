import { LeasesModule } from './leases/leases.module';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PrivateAnswersInterceptor } from './common/http/private-answers.interceptor';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { DestinationStream } from 'pino';
import { pinoHttpSetting } from './common/http-logger-options';
import { Redis } from 'ioredis';
import { AppointmentModule } from './procedures/appointment/appointment.module';
import { ApprovalInPrincipleModule } from './procedures/approval-in-principle/approval-in-principle.module';
import { ConsultationModule } from './procedures/consultation/consultation.module';
import { AuditModule } from './audit/audit.module';
import { ReappointmentModule } from './procedures/reappointment/reappointment.module';
import { RotationModule } from './procedures/rotation/rotation.module';
import { RemovalModule } from './procedures/removal/removal.module';
import { CompetitiveExamModule } from './procedures/competitive-exam/competitive-exam.module';
import { ExtensionModule } from './procedures/extension/extension.module';
import { ElectionNominationModule } from './procedures/election-nomination/election-nomination.module';
import { DisciplineModule } from './procedures/discipline/discipline.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { ReportsModule } from './reports/reports.module';
import { CadresModule } from './cadres/cadres.module';
import { ImportsModule } from './imports/imports.module';
import { TransferBatchModule } from './procedures/transfer-batch/transfer-batch.module';
import { IdempotencyInterceptor } from './common/idempotency.interceptor';
import { IdempotentAnswersSweep } from './common/idempotent-answers-sweep';
import { RequestInputGuard } from './common/input/request-input.guard';
import { KnownQueryParametersGuard } from './common/input/known-query-parameters.guard';
import { AppConfig } from './config/app-config';
import { HealthModule } from './health/health.module';
import { DEV_JWT_SECRET } from './identity/dev-secret';
import { JwtAuthGuard } from './identity/jwt-auth.guard';
import { GrantUnitGuard } from './identity/grant-unit.guard';
import { RolesGuard } from './identity/roles.guard';
import { USER_RATE_LIMIT, UserRateLimitGuard } from './identity/user-rate-limit.guard';
import { IdentityModule } from './identity/identity.module';
import { AccessLogModule } from './access-log/access-log.module';
import { JWT_VERIFIER, JwtVerifier } from './identity/jwt-verifier';
import { DevSignInController } from './identity/dev-sign-in.controller';
import { SignInConfigController } from './identity/sign-in-config.controller';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { RedisThrottlerStorage } from './infrastructure/redis-throttler-storage';
import { ADDRESS_RATE_LIMIT, AddressRateLimitGuard } from './identity/address-rate-limit.guard';
import { RATE_LIMIT_COUNTERS } from './identity/rate-limit-setting';
import { IDEMPOTENCY_TTL_HOURS, REDIS } from './common/tokens';
import { JobsModule } from './jobs/jobs.module';
import { SagasModule } from './sagas/sagas.module';
import { WorkflowModule } from './workflow/workflow.module';
import { WorkflowCatalog } from './workflow/workflow-catalog';
import { ProjectionsModule } from './projections/projections.module';
import { REGISTERED_PROJECTIONS } from './projections/registered-projections';
import { ObservabilityModule } from './observability/observability.module';

/** BullMQ opens its own connections from these options (workers need blocking connections). */
function redisConnection(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.pathname.length > 1 ? { db: Number(parsed.pathname.slice(1)) } : {}),
  };
}

/** The API's token verifier, shared with the dashboard and /metrics. */
function jwtVerifier(config: AppConfig): JwtVerifier {
  return new JwtVerifier({
    // With a JWKS URL (OIDC), HS256 stays accepted only if a secret is set explicitly.
    secret: config.JWT_JWKS_URL ? config.JWT_SECRET : (config.JWT_SECRET ?? DEV_JWT_SECRET),
    jwksUrl: config.JWT_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
  });
}

/** Logging, connections, the command bus, rate-limit storage and the background workers. */
function runtimeModules(config: AppConfig, logDestination: DestinationStream | undefined) {
  return [
    LoggerModule.forRoot({ pinoHttp: pinoHttpSetting(config.LOG_LEVEL, logDestination) }),
    InfrastructureModule.forConfig(config),
    // The one command bus. Listed before JobsModule and SagasModule on purpose: global modules
    // run onApplicationBootstrap in import order, and the bus registers its handlers there,
    // before the timer worker and the sagas start sending workflow commands.
    CqrsModule.forRoot(),
    LeasesModule.forRoot({
      connectionString: config.DATABASE_URL,
      retryMs: config.WORKER_LEASE_RETRY_MS,
    }),
    ProjectionsModule.register({
      projections: REGISTERED_PROJECTIONS,
      autoStart: config.RUN_WORKERS === 'true',
    }),
    JobsModule.forRoot({
      config: {
        redis: redisConnection(config.REDIS_URL),
        prefix: config.QUEUE_PREFIX,
        queueName: 'jobs',
        reconcileIntervalMs: config.TIMER_RECONCILE_INTERVAL_MS,
      },
      runWorker: config.RUN_WORKERS === 'true',
    }),
    SagasModule.forRoot({ autoStart: config.RUN_WORKERS === 'true' }),
  ];
}

/** What every request passes through, in this order, before its handler; and the two rate limits it uses. */
function requestPipeline(config: AppConfig) {
  return [
    // One store for both limits: one set of reserved hits and one Redis warning a minute.
    {
      provide: RATE_LIMIT_COUNTERS,
      inject: [REDIS],
      useFactory: (redis: Redis) => new RedisThrottlerStorage(redis, config.QUEUE_PREFIX),
    },
    {
      provide: ADDRESS_RATE_LIMIT,
      inject: [RATE_LIMIT_COUNTERS],
      useFactory: (storage: RedisThrottlerStorage) => ({
        storage,
        limit: config.RATE_LIMIT_PER_MINUTE,
        windowMs: 60_000,
      }),
    },
    {
      provide: USER_RATE_LIMIT,
      inject: [RATE_LIMIT_COUNTERS],
      useFactory: (storage: RedisThrottlerStorage) => ({
        storage,
        limit: config.RATE_LIMIT_PER_USER_PER_MINUTE,
        windowMs: 60_000,
      }),
    },
    // Floods are cut by address before any token is checked, then by user once it is known.
    { provide: APP_GUARD, useClass: AddressRateLimitGuard },
    // Input no field can take (NUL bytes, `__proto__` keys …) is a 400 before anything else looks at it.
    { provide: APP_GUARD, useClass: RequestInputGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    // After the token check, so a token sent as ?access_token= is still the 401 that says so.
    { provide: APP_GUARD, useClass: KnownQueryParametersGuard },
    { provide: APP_GUARD, useClass: UserRateLimitGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useClass: GrantUnitGuard },
    { provide: APP_INTERCEPTOR, useClass: PrivateAnswersInterceptor },
    { provide: IDEMPOTENCY_TTL_HOURS, useValue: config.IDEMPOTENCY_TTL_HOURS },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    IdempotentAnswersSweep,
  ];
}

@Module({})
export class AppModule {
  /**
   * `logDestination`: where request logs go instead of stdout (a test reading what was logged);
   * `catalog`: the definitions and rule sets main.ts already loaded (else loaded from `config`).
   */
  static forConfig(
    config: AppConfig,
    options: { logDestination?: DestinationStream; catalog?: WorkflowCatalog } = {},
  ): DynamicModule {
    const verifier = jwtVerifier(config);
    return {
      module: AppModule,
      imports: [
        ...runtimeModules(config, options.logDestination),
        IdentityModule,
        AccessLogModule,
        HealthModule.forRoot({
          stalledAfterMs: config.HEALTH_STALLED_AFTER_MS,
          checkpointKeysDir: Boolean(config.CHECKPOINT_PUBLIC_KEYS_DIR),
        }),
        WorkflowModule.forRoot(options.catalog),
        CadresModule,
        ImportsModule,
        AppointmentModule,
        ApprovalInPrincipleModule,
        ConsultationModule,
        ReappointmentModule,
        RotationModule,
        TransferBatchModule,
        DisciplineModule,
        RemovalModule,
        CompetitiveExamModule,
        ExtensionModule,
        ElectionNominationModule,
        ReadModelsModule,
        ReportsModule,
        AuditModule,
        // The dashboard and /metrics verify admin tokens with the API's own verifier.
        ObservabilityModule.forRoot({ verifier, metricsToken: config.METRICS_TOKEN }),
      ],
      controllers: [DevSignInController, SignInConfigController],
      providers: [{ provide: JWT_VERIFIER, useValue: verifier }, ...requestPipeline(config)],
    };
  }
}
