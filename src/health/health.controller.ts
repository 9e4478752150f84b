import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { HealthDto } from './health.dto';
import { HealthProblemDto } from './health-problem.dto';
import {
  JobKindFailingDto,
  ProjectionHealthDto,
  ProjectionsCheckDto,
  SagasCheckDto,
  SagaStallDto,
} from './health-components.dto';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { SkipRateLimit } from '../identity/skip-rate-limit.decorator';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { DependenciesDown } from './dependencies-down';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { PG_POOL, REDIS } from '../common/tokens';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { Public } from '../identity/public.decorator';
import { HEALTH_EXTRAS, HealthExtra } from './health-extras';
import { ServiceStopping } from './service-stopping';

/** Is the service able to work: PostgreSQL, Redis, the event store, and projection lag. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(HEALTH_EXTRAS) private readonly extras: HealthExtra[],
    private readonly stopping: ServiceStopping,
  ) {}

  @Get()
  @Public()
  @SkipRateLimit()
  // Terminus's own OpenAPI answers describe neither the checks' fields nor the problem a 503 is.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary:
      'Whether PostgreSQL, Redis and the event store answer, how far projections lag, and whether projections, sagas or timers have stalled',
  })
  @ApiExtraModels(
    ProjectionHealthDto,
    ProjectionsCheckDto,
    SagaStallDto,
    SagasCheckDto,
    JobKindFailingDto,
  )
  @ApiOkResponse({ type: HealthDto, description: 'every check up' })
  @ApiResponse({
    status: 503,
    description:
      'service.unavailable: a check is down, named in `down` — a dependency, or work nobody does: a projection or saga with events waiting and its checkpoint standing still, or a timer unfired, for HEALTH_STALLED_AFTER_MS (stalledSince, overdueSince); see Retry-After',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(HealthProblemDto) } } },
  })
  @ApiExtraModels(HealthProblemDto)
  async check() {
    // Terminus answers a failed check with a bare 503 exception; the API answers a problem
    // naming what is down (and Retry-After), as for any other refusal.
    return this.runChecks().catch((error: unknown) => {
      if (error instanceof ServiceUnavailableException)
        throw new DependenciesDown(error.getResponse() as HealthCheckResult);
      throw error;
    });
  }

  private runChecks() {
    return this.health.check([
      () => this.stoppingCheck(),
      () => this.probe('postgres', () => this.pool.query('SELECT 1')),
      () => this.probe('redis', () => this.redis.ping()),
      () => this.probe('eventStore', () => this.store.ping()),
      ...this.extras.map((extra) => async () => {
        const session = this.indicators.check(extra.name);
        try {
          const details = await withTimeout(extra.check(), 5000);
          return details.healthy ? session.up(details.data) : session.down(details.data);
        } catch (error) {
          return session.down({ message: (error as Error).message });
        }
      }),
    ]);
  }

  /** Down once the instance has begun to stop: it takes no new work, whatever else answers. */
  private stoppingCheck() {
    const session = this.indicators.check('service');
    const since = this.stopping.since;
    return since
      ? session.down({
          message: `stopping since ${since.toISOString()}: finishing the requests under way; send new ones to another instance`,
          stoppingSince: since.toISOString(),
        })
      : session.up();
  }

  private async probe(name: string, ping: () => Promise<unknown>) {
    const session = this.indicators.check(name);
    try {
      await withTimeout(ping(), 2000);
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message || 'unreachable' });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
