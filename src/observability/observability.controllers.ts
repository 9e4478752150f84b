import {
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Inject,
  Injectable,
  NotFoundException,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { SkipRateLimit } from '../identity/skip-rate-limit.decorator';
import * as jwt from 'jsonwebtoken';
import { ApiAuthenticatedProblems } from '../common/openapi/api-problems.decorator';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { AuthenticatedRequest } from '../identity/jwt-auth.guard';
import { JwtVerifier } from '../identity/jwt-verifier';
import { OrgScope } from '../identity/org-scope';
import { Actor } from '../identity/actor';
import { Public } from '../identity/public.decorator';
import { AcceptsSessionCookie } from '../identity/session-cookie.decorator';
import { bearerToken, sameSecret, verifyAdmin } from './admin-access';
import { APP_METRICS, AppMetrics } from './metrics';
import { IncomingMessage, ServerResponse } from 'node:http';
import { PassesQueryThrough } from '../common/input/known-query-parameters.guard';
import {
  QUEUE_DASHBOARD_PATH,
  QUEUE_SESSION_COOKIE,
  QUEUE_SESSION_MAX_SECONDS,
  RequestHandler,
  serveFromBoard,
  sessionCookie,
} from './queue-dashboard';

export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');
/** The bull-board Express app over the service's queues. */
export const QUEUE_BOARD = Symbol('QUEUE_BOARD');

export interface ObservabilityOptions {
  /** The verifier of the API's bearer tokens (the same instance the JWT guard uses). */
  verifier: JwtVerifier;
  /** A static bearer token that may read /metrics (a Prometheus scraper has no user). */
  metricsToken?: string;
}

/**
 * `/metrics` is for a scraper holding `METRICS_TOKEN` or for the bearer token of an admin of a
 * top-level unit: 401 without a valid one, 403 for a user without the admin role or whose grant is
 * a unit below the top (scope.top_level_only). (The route is @Public for the JWT guard,
 * which would refuse the static token; this guard decides instead.)
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
    private readonly scope: OrgScope,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (token && this.options.metricsToken && sameSecret(token, this.options.metricsToken))
      return true;
    request.actor = await verifyAdmin(
      { verifier: this.options.verifier, scope: this.scope },
      token,
      'missing bearer token: send "Authorization: Bearer <METRICS_TOKEN or an admin token>"',
    );
    // The figures are the whole service's (every unit's queues and lags), as the job queues are.
    await this.scope.assertTopLevelGrant(request.actor, 'the service metrics');
    return true;
  }
}

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(APP_METRICS) private readonly metrics: AppMetrics) {}

  @Get()
  @Public()
  @SkipRateLimit()
  @UseGuards(MetricsAccessGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Prometheus metrics (METRICS_TOKEN bearer or an admin token)',
    description:
      'Prometheus text exposition: request latency by route template and status, event store append latency and group-commit sizes, projection and saga lag, timers, queue jobs, dead letters, PostgreSQL pool, process. See the README, "Operating it".',
  })
  @ApiOkResponse({
    description: 'Prometheus text format 0.0.4',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiAuthenticatedProblems()
  async scrape(
    @Res() response: { setHeader(name: string, value: string): void; send(body: string): void },
  ): Promise<void> {
    const body = await this.metrics.registry.metrics();
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(body);
  }
}

export class QueueDashboardSessionDto {
  @ApiProperty({ example: QUEUE_DASHBOARD_PATH, description: 'open this page in the same browser' })
  dashboard!: string;
  @ApiProperty({ description: 'when the session cookie ends, ISO time' })
  expiresAt!: string;
}

@ApiTags('operations')
@Controller('admin/queues/session')
export class QueueDashboardSessionController {
  constructor(private readonly scope: OrgScope) {}

  @Post()
  @Allow(...ACCESS.admin)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Open a queue dashboard session in this browser (admin)',
    description:
      'Sets an HttpOnly, SameSite=Strict cookie scoped to /admin/queues carrying the bearer token, for at most 15 minutes (less if the token ends sooner), so the bull-board page and its API calls are authorised without a token in the URL. The cookie is verified exactly as the bearer is.',
  })
  @ApiCreatedResponse({ type: QueueDashboardSessionDto })
  @ApiAuthenticatedProblems()
  async open(
    // The bearer token itself (ApiBearerAuth documents it), not a parameter of its own.
    @Req() request: { secure?: boolean; headers: { authorization?: string }; actor?: Actor },
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void },
  ): Promise<QueueDashboardSessionDto> {
    // The JWT guard has verified this token and the roles guard the admin role; the queues hold
    // every unit's jobs, so the grant must be a top-level unit's.
    if (request.actor) await this.scope.assertTopLevelGrant(request.actor, 'the job queues');
    const token = bearerToken(request.headers.authorization) as string;
    const now = Math.floor(Date.now() / 1000);
    const exp = (jwt.decode(token) as jwt.JwtPayload | null)?.exp ?? now;
    const lifetime = Math.min(QUEUE_SESSION_MAX_SECONDS, Math.max(0, exp - now));
    response.setHeader('Set-Cookie', sessionCookie(token, lifetime, request.secure === true));
    response.setHeader('Cache-Control', 'no-store');
    return {
      dashboard: QUEUE_DASHBOARD_PATH,
      expiresAt: new Date((now + lifetime) * 1000).toISOString(),
    };
  }
}

/**
 * bull-board at `/admin/queues`, for admins, served through Nest so that its requests pass the
 * API's guards (the token verified as every bearer token, the admin role, a registered grant
 * unit, the rate limits), metrics, access log and problem answers. A browser cannot attach a
 * bearer header to a page load and a token in the URL is refused, so these routes also take the
 * token from the session cookie `POST /admin/queues/session` sets. GET only: the board is
 * read-only, so a cookie that travels by itself can change nothing.
 */
@ApiTags('operations')
@Controller('admin/queues')
@Allow(...ACCESS.admin)
@AcceptsSessionCookie(QUEUE_SESSION_COOKIE)
@PassesQueryThrough()
export class QueueDashboardController {
  constructor(
    @Inject(QUEUE_BOARD) private readonly board: RequestHandler,
    private readonly scope: OrgScope,
  ) {}

  @Get()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The job dashboard (bull-board, read-only; admin)',
    description:
      'The BullMQ queue of timers and saga replays: jobs by state, their data and errors. A browser opens it after POST /admin/queues/session (the token then travels in an HttpOnly cookie); a client can send the bearer header. Its scripts and its API live under /admin/queues/ and take the same authorisation. Read-only: failed jobs are replayed through /admin/dead-letters.',
  })
  @ApiOkResponse({
    description: 'the dashboard page',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @ApiAuthenticatedProblems()
  page(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    return this.serve(request, response);
  }

  @Get('*path')
  @ApiExcludeEndpoint()
  assetsAndApi(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    return this.serve(request, response);
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const actor = (request as IncomingMessage & AuthenticatedRequest).actor;
    if (actor) await this.scope.assertTopLevelGrant(actor, 'the job queues');
    if (!(await serveFromBoard(this.board, request, response)))
      throw new NotFoundException('the queue dashboard has nothing at this address');
  }
}
