import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { createPool } from '../database/create-pool';
import { AppConfig } from '../config/app-config';
import { CLOCK, systemClock } from '../common/clock';
import { BULK_WRITES, PG_POOL, REDIS } from '../common/tokens';
import { BulkWrites } from '../event-store/bulk-writes';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { createEventStore } from './create-event-store';
import { APP_CONFIG } from './app-config.token';
import { StoredEventNames } from '../event-store/stored-event-names';
import { STORED_EVENT_NAMES } from './stored-event-names.token';
import { APP_METRICS, AppMetrics } from '../observability/metrics';

/** Connections shared by every module: PostgreSQL pool, Redis, the event store, the clock. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  static forConfig(config: AppConfig) {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        { provide: STORED_EVENT_NAMES, useValue: new StoredEventNames() },
        {
          provide: PG_POOL,
          useFactory: () => {
            const logger = new Logger('PostgreSQL');
            return createPool({ connectionString: config.DATABASE_URL, max: 20 }, (line) =>
              logger.warn(line),
            );
          },
        },
        {
          provide: REDIS,
          useFactory: () => {
            const redis = new Redis(config.REDIS_URL, {
              maxRetriesPerRequest: null,
              lazyConnect: false,
              // Concurrent requests' rate-limit counts go out in one write per tick, not one each.
              enableAutoPipelining: true,
            });
            // ioredis reconnects by itself; without a listener it prints every failed attempt.
            const logger = new Logger('Redis');
            redis.on('error', (error) => logger.warn(`connection error: ${error.message}`));
            return redis;
          },
        },
        { provide: APP_METRICS, useFactory: () => new AppMetrics() },
        { provide: BULK_WRITES, useValue: new BulkWrites(config.BULK_WRITE_HOLD_MS) },
        {
          provide: EVENT_STORE,
          inject: [PG_POOL, STORED_EVENT_NAMES, APP_METRICS, BULK_WRITES],
          useFactory: (
            pool: Pool,
            names: StoredEventNames,
            metrics: AppMetrics,
            bulkWrites: BulkWrites,
          ) => createEventStore(config, pool, names, metrics, bulkWrites),
        },
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        STORED_EVENT_NAMES,
        PG_POOL,
        REDIS,
        EVENT_STORE,
        APP_METRICS,
        BULK_WRITES,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close().catch(() => undefined);
    this.redis.disconnect();
    await this.pool.end().catch(() => undefined);
  }
}
