import { randomUUID } from 'node:crypto';
import { EventMetadata } from '../event-store/event-envelope';
import { Actor } from '../identity/actor';

export interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  id?: unknown;
}

function header(request: RequestLike, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Metadata for events caused by an HTTP request: the actor, the correlation id, the request as cause. */
export function metadataFromRequest(
  request: RequestLike,
  actor: Actor,
  now: Date,
  extra: Partial<EventMetadata> = {},
): EventMetadata {
  const requestId =
    header(request, 'x-request-id') ??
    (typeof request.id === 'string' ? request.id : undefined) ??
    randomUUID();
  return {
    actorId: actor.userId,
    roles: actor.roles,
    orgUnit: actor.orgUnit,
    correlationId: header(request, 'x-correlation-id') ?? requestId,
    causationId: requestId,
    occurredAt: now.toISOString(),
    ...extra,
  };
}
