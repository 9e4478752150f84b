import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { Actor } from '../../identity/actor';
import { AuthenticatedRequest } from '../../identity/jwt-auth.guard';
import { IdempotentRequest } from '../idempotency.interceptor';
import { RequestLike } from '../request-metadata';
import { HeaderSink } from './etag';

/**
 * What a write route needs from its HTTP exchange, as it came: nothing is parsed here, so each
 * route still checks scope before a malformed If-Match is refused.
 */
export interface WriteRequest {
  actor: Actor;
  request: RequestLike & IdempotentRequest;
  /** The `If-Match` header as sent. */
  ifMatch: string | undefined;
  /** Where the view's revision goes (`ETag`). */
  response: HeaderSink;
}

/** The `If-Match` header as sent, one text (Node gives a list for a repeated header). */
export function ifMatchHeader(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const ifMatch = headers['if-match'];
  return Array.isArray(ifMatch) ? ifMatch.join(', ') : ifMatch;
}

/** The verified actor (set by JwtAuthGuard) with the request, its If-Match and the response. */
export const Write = createParamDecorator((_: unknown, context: ExecutionContext): WriteRequest => {
  const http = context.switchToHttp();
  const request = http.getRequest<AuthenticatedRequest & RequestLike & IdempotentRequest>();
  if (!request.actor) throw new UnauthorizedException('no authenticated actor');
  return {
    actor: request.actor,
    request,
    ifMatch: ifMatchHeader(request.headers),
    response: http.getResponse<HeaderSink>(),
  };
});

/** What a read route that answers a view with its ETag needs: who asks, and the response. */
export interface ReadRequest {
  actor: Actor;
  response: HeaderSink;
}

/** The verified actor (set by JwtAuthGuard) and the response its view's `ETag` goes on. */
export const Read = createParamDecorator((_: unknown, context: ExecutionContext): ReadRequest => {
  const http = context.switchToHttp();
  const { actor } = http.getRequest<AuthenticatedRequest>();
  if (!actor) throw new UnauthorizedException('no authenticated actor');
  return { actor, response: http.getResponse<HeaderSink>() };
});
