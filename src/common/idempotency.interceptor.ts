import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { from, Observable, of, switchMap } from 'rxjs';
import { Actor } from '../identity/actor';
import { PG_POOL } from './tokens';
import { DomainRuleViolation } from '../workflow/case/domain-rule-violation';

export interface IdempotentRequest {
  method: string;
  originalUrl: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
  /** Seed for deterministic event ids: the same key always yields the same event ids. */
  idempotencySeed?: string;
}

interface Stored {
  request_hash: string;
  status_code: number;
  response: unknown;
}

/**
 * With an `Idempotency-Key` header, a retried write returns the first response and writes
 * nothing new. The events themselves get ids derived from the key, so even a retry after a crash
 * between the append and storing the response appends nothing twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentRequest>();
    const response = http.getResponse<{ status(code: number): void; statusCode: number }>();
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || request.method === 'GET') return next.handle();
    if (key.length > 200)
      throw new DomainRuleViolation(
        'idempotency.key_too_long',
        'Idempotency-Key: at most 200 characters',
        'unprocessable',
        'Idempotency-Key',
      );
    const actorId = request.actor?.userId ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    request.idempotencySeed = `${actorId}\u001f${key}`;

    return from(
      this.pool.query<Stored>(
        'SELECT request_hash, status_code, response FROM idempotent_requests WHERE actor_id = $1 AND idem_key = $2',
        [actorId, key],
      ),
    ).pipe(
      switchMap(({ rows }) => {
        const stored = rows[0];
        if (stored) {
          if (stored.request_hash !== requestHash) {
            throw new DomainRuleViolation(
              'idempotency.key_reused',
              'Idempotency-Key was already used for a different request: use a new key for a new request',
              'unprocessable',
              'Idempotency-Key',
            );
          }
          response.status(stored.status_code);
          return of(stored.response);
        }
        return next.handle().pipe(
          switchMap((body) =>
            from(
              this.pool
                .query(
                  `INSERT INTO idempotent_requests (actor_id, idem_key, request_hash, status_code, response)
                   VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
                  [actorId, key, requestHash, response.statusCode, JSON.stringify(body ?? null)],
                )
                .then(() => body),
            ),
          ),
        );
      }),
    );
  }
}
