import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { catchError, defer, finalize, from, Observable, of, switchMap } from 'rxjs';
import { canonicalJson } from '../event-store/canonical-json';
import { Actor } from '../identity/actor';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { grantFingerprint } from './grant-fingerprint';
import { CLAIM_LEASE_SECONDS, keepClaim } from './idempotency-claim-keeper';
import { IDEMPOTENCY_TTL_HOURS, PG_POOL } from './tokens';

export interface IdempotentRequest {
  method: string;
  originalUrl: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
  /** Seed for deterministic event ids: the same key always yields the same event ids. */
  idempotencySeed?: string;
}

interface IdempotentResponse {
  status(code: number): void;
  statusCode: number;
  getHeader(name: string): unknown;
  setHeader(name: string, value: string): void;
}

interface StoredRequest {
  request_hash: string;
  grant_fingerprint: string | null;
  status_code: number | null;
  response: unknown;
  etag: string | null;
  lease_expired: boolean;
}

/** Who asks with a key: the user (the key's owner) and the grant they ask under now. */
interface KeyHolder {
  actorId: string;
  key: string;
  grant: string;
}

/** What a request holding an Idempotency-Key does: run (it holds the key) or answer as the first one did. */
type Turn =
  { run: true } | { run: false; statusCode: number; response: unknown; etag: string | null };

/**
 * How long a retry waits for a first request that is still running (its claim renewed) before it
 * gives up with a 409: long, since a slow legitimate write is still answered. A dead one's claim
 * lapses after CLAIM_LEASE_SECONDS instead, and the retry runs then.
 */
const WAIT_LIMIT_MS = 60_000;
const FIRST_POLL_MS = 10;
const LONGEST_POLL_MS = 200;

/**
 * With an `Idempotency-Key` header, a retried write returns the first response and writes
 * nothing new. The first request claims the key in PostgreSQL before it runs; a retry arriving
 * meanwhile, on this instance or another, polls that row until the answer is stored and replays
 * it (an in-process lock would not stop a second instance). The first request renews its claim
 * while it runs; a claim left unrenewed for CLAIM_LEASE_SECONDS is a dead instance's, and the
 * retry takes it over. A request that fails gives its key back, so the next retry runs afresh.
 * The events themselves get ids derived from the key and the request (method, path, canonical
 * body), so a retry that takes over the key of a crashed request appends nothing twice, and
 * another request under a freed key writes anew.
 *
 * An answer is replayed only to the grant it was given under (sub, roles, unit, person record):
 * the same user under another grant is refused (422 `idempotency.key_reused`), since what the
 * first grant could see (a ballot's tally, a case out of the new unit) is not the new one's. An
 * answer is kept IDEMPOTENCY_TTL_HOURS; after that its key is free again (IdempotentAnswersSweep
 * deletes it; a request finding it first takes it over).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(IDEMPOTENCY_TTL_HOURS) private readonly ttlHours: number,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentRequest>();
    const response = http.getResponse<IdempotentResponse>();
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || request.method === 'GET') return next.handle();
    // A multipart body (an import's file) is read only inside its handler, after this runs, so
    // its key could not be matched to its content: it is not kept. Imports are idempotent by
    // their rows' content instead (src/imports).
    if (String(request.headers['content-type'] ?? '').startsWith('multipart/'))
      return next.handle();
    if (key.length > 200)
      throw new DomainRuleViolation(
        'idempotency.key_too_long',
        'Idempotency-Key: at most 200 characters',
        'unprocessable',
        'Idempotency-Key',
      );
    const actorId = request.actor?.userId ?? 'anonymous';
    const holder: KeyHolder = { actorId, key, grant: grantFingerprint(request.actor) };
    // Canonical, so a retry whose client wrote the same object's keys in another order is the
    // same request; a list's order still counts.
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`)
      .digest('hex');
    // With the grant: a write under another grant decides afresh, never on the first one's ids.
    // With the request: once the key is free again (its answer expired, swept or given back), a
    // different request under it is a new write with new ids, not taken for the old one's retry.
    request.idempotencySeed = `${actorId}\u001f${holder.grant}\u001f${key}\u001f${requestHash}`;

    return from(this.takeTurn(holder, requestHash)).pipe(
      switchMap((turn) => {
        if (!turn.run) {
          response.status(turn.statusCode);
          if (turn.etag) response.setHeader('ETag', turn.etag);
          return of(turn.response);
        }
        const claim = keepClaim(this.pool, actorId, key);
        // Deferred, so a handler that throws at once still ends the renewals: answered, failed or
        // dropped, a request no longer keeps its claim.
        return defer(() => next.handle()).pipe(
          finalize(() => claim.stop()),
          switchMap((body) => from(this.storeAnswer(actorId, key, response, body))),
          catchError((error: unknown) => from(this.giveBack(actorId, key, error))),
        );
      }),
    );
  }

  /**
   * Claims the key (or takes over one whose answer outlived its lifetime), or waits for the
   * request holding it and returns its answer.
   */
  private async takeTurn(holder: KeyHolder, requestHash: string): Promise<Turn> {
    const { actorId, key } = holder;
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (let poll = FIRST_POLL_MS; ; poll = Math.min(poll * 2, LONGEST_POLL_MS)) {
      if (await this.claim(holder, requestHash)) return { run: true };
      const { rows } = await this.pool.query<StoredRequest>(
        `SELECT request_hash, grant_fingerprint, status_code, response, etag,
                claimed_at < now() - make_interval(secs => $3) AS lease_expired
           FROM idempotent_requests WHERE actor_id = $1 AND idem_key = $2`,
        [actorId, key, CLAIM_LEASE_SECONDS],
      );
      const stored = rows[0];
      // Gone between the two statements: the first request failed and gave the key back.
      if (!stored) continue;
      refuseAnotherRequest(stored, holder, requestHash);
      if (stored.status_code !== null)
        return {
          run: false,
          statusCode: stored.status_code,
          response: stored.response,
          etag: stored.etag,
        };
      if (stored.lease_expired) {
        const taken = await this.pool.query(
          `UPDATE idempotent_requests SET claimed_at = now()
            WHERE actor_id = $1 AND idem_key = $2 AND status_code IS NULL
              AND claimed_at < now() - make_interval(secs => $3)`,
          [actorId, key, CLAIM_LEASE_SECONDS],
        );
        if (taken.rowCount === 1) return { run: true };
      }
      if (Date.now() > deadline)
        throw new DomainRuleViolation(
          'idempotency.in_flight',
          `the first request with this Idempotency-Key is still running after ${WAIT_LIMIT_MS / 1000} s; retry later with the same key`,
          'conflict',
          'Idempotency-Key',
        );
      await sleep(poll);
    }
  }

  /** Whether this request now holds the key: it was free, or its answer outlived its lifetime. */
  private async claim(holder: KeyHolder, requestHash: string): Promise<boolean> {
    const claimed = await this.pool.query(
      `INSERT INTO idempotent_requests (actor_id, idem_key, request_hash, grant_fingerprint)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (actor_id, idem_key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, grant_fingerprint = EXCLUDED.grant_fingerprint,
              status_code = NULL, response = NULL, etag = NULL, created_at = now(), claimed_at = now()
        WHERE idempotent_requests.created_at < now() - make_interval(hours => $5)`,
      [holder.actorId, holder.key, requestHash, holder.grant, this.ttlHours],
    );
    return claimed.rowCount === 1;
  }

  private async storeAnswer(
    actorId: string,
    key: string,
    response: IdempotentResponse,
    body: unknown,
  ): Promise<unknown> {
    const etag = response.getHeader('ETag');
    await this.pool.query(
      `UPDATE idempotent_requests SET status_code = $3, response = $4, etag = $5
        WHERE actor_id = $1 AND idem_key = $2 AND status_code IS NULL`,
      [
        actorId,
        key,
        response.statusCode,
        JSON.stringify(body ?? null),
        typeof etag === 'string' ? etag : null,
      ],
    );
    return body;
  }

  /** A refused or failed request keeps no answer: its key is free for the next retry. */
  private async giveBack(actorId: string, key: string, error: unknown): Promise<never> {
    // If even this fails, the claim lapses after CLAIM_LEASE_SECONDS (no longer renewed); the
    // caller hears of the first error.
    await this.pool
      .query(
        'DELETE FROM idempotent_requests WHERE actor_id = $1 AND idem_key = $2 AND status_code IS NULL',
        [actorId, key],
      )
      .catch(() => undefined);
    throw error;
  }
}

/** The key's stored request is not this one: another grant asked it, or another body. */
function refuseAnotherRequest(stored: StoredRequest, holder: KeyHolder, requestHash: string): void {
  if (stored.grant_fingerprint !== holder.grant)
    throw new DomainRuleViolation(
      'idempotency.key_reused',
      'Idempotency-Key was used by this user under another grant (roles, unit or person record): its answer is not replayed to this one; use a new key',
      'unprocessable',
      'Idempotency-Key',
    );
  if (stored.request_hash !== requestHash)
    throw new DomainRuleViolation(
      'idempotency.key_reused',
      'Idempotency-Key was already used for a different request: use a new key for a new request',
      'unprocessable',
      'Idempotency-Key',
    );
}
