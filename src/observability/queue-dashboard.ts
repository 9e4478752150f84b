import { ArgumentsHost, INestApplication, UnauthorizedException } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import { IncomingMessage, ServerResponse } from 'node:http';
import { HttpErrorFilter } from '../common/http-exception.filter';
import { carriesTokenInQuery } from '../identity/jwt-auth.guard';
import { JwtVerifier } from '../identity/jwt-verifier';
import { OrgScope } from '../identity/org-scope';
import { bearerToken, verifyAdmin } from './admin-access';

/** Where the dashboard lives; its session cookie is scoped to this path. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** The cookie carrying the admin's token for the dashboard's own page loads and API calls. */
export const QUEUE_SESSION_COOKIE = 'cf_queues_session';
/** Longest life of a dashboard session, however long the token itself still lives. */
export const QUEUE_SESSION_MAX_SECONDS = 15 * 60;

interface DashboardRequest extends IncomingMessage {
  path?: string;
  originalUrl?: string;
  actor?: unknown;
}

/** The value of one cookie in a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * `Set-Cookie` for a dashboard session: the token, readable by no script (HttpOnly), sent only by
 * same-site requests (SameSite=Strict: another site cannot drive the dashboard with it), only to
 * the dashboard (Path), over HTTPS when the request came over it (Secure), for `maxAge` seconds.
 */
export function sessionCookie(token: string, maxAge: number, secure: boolean): string {
  return [
    `${QUEUE_SESSION_COOKIE}=${token}`,
    'HttpOnly',
    'SameSite=Strict',
    `Path=${QUEUE_DASHBOARD_PATH}`,
    `Max-Age=${Math.max(0, Math.floor(maxAge))}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Answers an error as the API does (problem+json, language, rule in the access log). */
function answerWithProblem(error: unknown, request: unknown, response: unknown): void {
  new HttpErrorFilter().catch(error, {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost);
}

/**
 * bull-board at `/admin/queues` over the service's BullMQ queue, for admins only. A browser
 * cannot attach a bearer header to a page load and a token in the URL is refused, so the
 * dashboard takes either the `Authorization: Bearer` header or the session cookie that
 * `POST /admin/queues/session` (with the bearer) sets; both tokens go through the same verifier
 * as every API request. Read-only: a failed job is replayed through `/dead-letters`, the one path
 * that keeps the dead letter's record.
 */
export function mountQueueDashboard(
  app: INestApplication,
  queues: Queue[],
  access: { verifier: JwtVerifier; scope: OrgScope },
): void {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'cadreflow jobs' } },
  });
  const router = board.getRouter();
  const guard = async (
    request: DashboardRequest,
    response: ServerResponse,
    next: (error?: unknown) => void,
  ): Promise<void> => {
    // The session route is an API route: Nest's guards check its bearer.
    if (request.path === '/session') return next();
    try {
      if (carriesTokenInQuery(request as never))
        throw new UnauthorizedException({
          statusCode: 401,
          error: 'Unauthorized',
          rule: 'token.in_query',
          message:
            'a token in the URL (?access_token=) is never accepted: send it as "Authorization: Bearer <token>" or open a dashboard session (POST /admin/queues/session)',
        });
      const token =
        bearerToken(request.headers.authorization) ??
        cookieValue(request.headers.cookie, QUEUE_SESSION_COOKIE);
      request.actor = await verifyAdmin(
        access,
        token,
        'the queue dashboard needs an admin: send "Authorization: Bearer <token>", or POST /admin/queues/session with it to open a dashboard session in this browser',
      );
      next();
    } catch (error) {
      answerWithProblem(error, request, response);
    }
  };
  (app as NestExpressApplication).use(QUEUE_DASHBOARD_PATH, guard, router);
}
