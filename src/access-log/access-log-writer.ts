import { ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Pool } from 'pg';
import { toHttpError } from '../common/domain-error-mapping';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { PG_POOL } from '../common/tokens';
import { Actor } from '../identity/actor';
import { RefusedReads } from '../identity/refused-reads';
import { PURPOSE_MAX_CHARS } from './purpose-max-chars';
import { SENSITIVE_READ } from './sensitive-read.decorator';

export interface LoggedRequest {
  method: string;
  originalUrl?: string;
  url: string;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
  id?: unknown;
}

/** Why the reader says they read, where they said it, and whether its bytes were UTF-8. */
interface Purpose {
  why: string | undefined;
  field: string;
  notUtf8?: true;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A header's text. Node hands header values over as latin1 (one character a byte), so
 * `Thẩm định` sent as UTF-8 would read `Tháº©m Äá»nh`: its bytes are decoded as UTF-8 here.
 * Bytes that are not UTF-8 are kept with U+FFFD in their place, and marked.
 */
function headerText(value: string): { text: string; notUtf8?: true } {
  const bytes = Buffer.from(value, 'latin1');
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    return { text: bytes.toString('utf8'), notUtf8: true };
  }
}

export function purposeOf(request: LoggedRequest): Purpose {
  const { purpose } = request.query ?? {};
  if (typeof purpose === 'string') return { why: purpose, field: 'purpose' };
  const header = request.headers['x-purpose'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return { why: undefined, field: 'X-Purpose' };
  const { text, notUtf8 } = headerText(value);
  return { why: text, field: 'X-Purpose', ...(notUtf8 ? { notUtf8 } : {}) };
}

/** Characters, not UTF-16 units: a Vietnamese letter or an emoji counts once. */
const charactersIn = (text: string): number => [...text].length;

/** Why this purpose is refused before the read, if it is. */
export function purposeRefusal({ why, field, notUtf8 }: Purpose): DomainRuleViolation | null {
  if (notUtf8)
    return new DomainRuleViolation(
      'access_log.purpose_not_utf8',
      `${field}: not UTF-8 text; send the purpose's UTF-8 bytes, or use ?purpose=`,
      'invalid',
      field,
    );
  if (why === undefined || charactersIn(why) <= PURPOSE_MAX_CHARS) return null;
  return new DomainRuleViolation(
    'access_log.purpose_too_long',
    `${field}: at most ${PURPOSE_MAX_CHARS} characters (${charactersIn(why)} sent)`,
    'invalid',
    field,
  );
}

/** The purpose as logged: whole, or its first PURPOSE_MAX_CHARS characters marked as cut. */
function keptPurpose(why: string | undefined): string | undefined {
  if (why === undefined) return undefined;
  const characters = [...why];
  return characters.length > PURPOSE_MAX_CHARS
    ? `${characters.slice(0, PURPOSE_MAX_CHARS).join('')}… [cut]`
    : why;
}

/** The status a refusal is answered with. */
export const statusOf = (error: unknown): number =>
  error instanceof HttpException ? error.getStatus() : (toHttpError(error)?.statusCode ?? 500);

/** Writes access log entries: the reads the interceptor sees, and those a guard refused before. */
@Injectable()
export class AccessLogWriter implements RefusedReads {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** What the route reads, when it is a logged read (`@SensitiveRead`). */
  kindOf(context: ExecutionContext): string | undefined {
    return this.reflector.get<string | undefined>(SENSITIVE_READ, context.getHandler());
  }

  async refused(context: ExecutionContext, refusal: unknown): Promise<void> {
    const what = this.kindOf(context);
    const request = context.switchToHttp().getRequest<LoggedRequest>();
    if (what && request.actor) await this.record(request, what, statusOf(refusal));
  }

  async record(request: LoggedRequest, what: string, status: number): Promise<void> {
    const actor = request.actor!;
    const { purpose: _purpose, ...query } = request.query ?? {};
    const kept = keptPurpose(purposeOf(request).why);
    const resource = Object.keys(request.params ?? {}).length
      ? `${what} ${Object.values(request.params ?? {}).join('/')}`
      : what;
    await this.pool.query(
      `INSERT INTO access_log (actor_id, roles, org_unit, method, route, resource, query, purpose, status, request_id, actor_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
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
        actor.name ?? null,
      ],
    );
  }
}
