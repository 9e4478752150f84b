import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Pool } from 'pg';
import { catchError, concatMap, from, Observable, throwError } from 'rxjs';
import { toHttpError } from '../common/domain-error-mapping';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { PG_POOL } from '../common/tokens';
import { Actor } from '../identity/actor';
import { SENSITIVE_READ } from './sensitive-read.decorator';

interface LoggedRequest {
  method: string;
  originalUrl?: string;
  url: string;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
  id?: unknown;
}

/**
 * Longest purpose kept (`?purpose=` or `X-Purpose`), in characters. Not a legal number: room for
 * a sentence and a file or ticket reference, not for a document pasted into every log row.
 */
export const PURPOSE_MAX_CHARS = 500;

/** Why the reader says they read, and where they said it. */
function purposeOf(request: LoggedRequest): { why: string | undefined; field: string } {
  const { purpose } = request.query ?? {};
  if (typeof purpose === 'string') return { why: purpose, field: 'purpose' };
  const header = request.headers['x-purpose'];
  return { why: Array.isArray(header) ? header[0] : header, field: 'X-Purpose' };
}

/**
 * Records every sensitive read before its answer leaves, refused ones included: the log entry and
 * the data go together, so no read escapes the log.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const what = this.reflector.get<string | undefined>(SENSITIVE_READ, context.getHandler());
    const request = context.switchToHttp().getRequest<LoggedRequest>();
    if (!what || !request.actor) return next.handle();
    const record = (status: number) => this.record(request, what, status);
    const { why, field } = purposeOf(request);
    if (why !== undefined && why.length > PURPOSE_MAX_CHARS) {
      // Refused before the read, and logged too: with the purpose cut, marked as cut.
      const refusal = new DomainRuleViolation(
        'access_log.purpose_too_long',
        `${field}: at most ${PURPOSE_MAX_CHARS} characters (${why.length} sent)`,
        'invalid',
        field,
      );
      return from(record(400)).pipe(concatMap(() => throwError(() => refusal)));
    }
    return next.handle().pipe(
      concatMap((value) => from(record(200).then(() => value))),
      catchError((error: unknown) => {
        const status =
          error instanceof HttpException
            ? error.getStatus()
            : (toHttpError(error)?.statusCode ?? 500);
        return from(record(status)).pipe(concatMap(() => throwError(() => error)));
      }),
    );
  }

  private async record(request: LoggedRequest, what: string, status: number): Promise<void> {
    const actor = request.actor!;
    const { purpose: _purpose, ...query } = request.query ?? {};
    const { why } = purposeOf(request);
    const kept =
      why !== undefined && why.length > PURPOSE_MAX_CHARS
        ? `${why.slice(0, PURPOSE_MAX_CHARS)}… [cut]`
        : why;
    const resource = Object.keys(request.params ?? {}).length
      ? `${what} ${Object.values(request.params ?? {}).join('/')}`
      : what;
    await this.pool.query(
      `INSERT INTO access_log (actor_id, roles, org_unit, method, route, resource, query, purpose, status, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        actor.userId,
        actor.roles,
        actor.orgUnit,
        request.method,
        (request.originalUrl ?? request.url).split('?')[0],
        resource,
        JSON.stringify(query),
        kept ?? null,
        status,
        typeof request.id === 'string' ? request.id : null,
      ],
    );
  }
}
