import { EventMetadata } from '../event-store/event-envelope';
import { Actor } from '../identity/actor';
import { isSafeRequestId, requestIdFor, safeIdFromHeader } from './request-id';

export interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  id?: unknown;
}

/**
 * Metadata for events caused by an HTTP request: the actor, the correlation id, the request as
 * cause. The request id is the one the HTTP logger chose (and answered in `X-Request-Id`); the
 * client's ids are taken only in a safe form, so no header text reaches the hash chain as it came.
 */
export function metadataFromRequest(
  request: RequestLike,
  actor: Actor,
  now: Date,
  extra: Partial<EventMetadata> = {},
): EventMetadata {
  const requestId = isSafeRequestId(request.id) ? request.id : requestIdFor(request.headers);
  return {
    actorId: actor.userId,
    ...(actor.name ? { actorName: actor.name } : {}),
    roles: actor.roles,
    orgUnit: actor.orgUnit,
    correlationId: safeIdFromHeader(request.headers['x-correlation-id']) ?? requestId,
    causationId: requestId,
    occurredAt: now.toISOString(),
    ...extra,
  };
}
