import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor } from './actor';
import { IS_PUBLIC } from './public.decorator';
import { cookieValue, SESSION_COOKIE } from './session-cookie.decorator';
import { JWT_VERIFIER, JwtVerifier, TokenRejected } from './jwt-verifier';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  originalUrl?: string;
  url?: string;
  actor?: Actor;
}

/**
 * A token in the URL ends up in proxy and server logs, browser history and Referer headers: it is
 * refused wherever it appears, on every route, even alongside a valid header.
 */
function carriesTokenInQuery(request: AuthenticatedRequest): boolean {
  const url = request.originalUrl ?? request.url ?? '';
  const query = url.indexOf('?');
  if (query < 0) return false;
  return [...new URLSearchParams(url.slice(query + 1)).keys()].some(
    (name) => name.toLowerCase() === 'access_token',
  );
}

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_VERIFIER) private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (carriesTokenInQuery(request)) {
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        rule: 'token.in_query',
        message:
          'a token in the URL (?access_token=) is never accepted: send it as "Authorization: Bearer <token>", and treat the one sent as leaked',
      });
    }
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    const cookie = value ? undefined : this.sessionCookie(context, request);
    if (!value && !cookie)
      throw new UnauthorizedException('missing bearer token: send "Authorization: Bearer <token>"');
    const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
    if (value && !match)
      throw new UnauthorizedException('malformed Authorization header: expected "Bearer <token>"');
    try {
      request.actor = await this.verifier.verify(match ? match[1] : (cookie as string));
    } catch (error) {
      if (error instanceof TokenRejected) throw new UnauthorizedException(error.message);
      throw error;
    }
    return true;
  }

  /** The token in the route's session cookie, on routes that accept one (@AcceptsSessionCookie). */
  private sessionCookie(
    context: ExecutionContext,
    request: AuthenticatedRequest,
  ): string | undefined {
    const name = this.reflector.getAllAndOverride<string | undefined>(SESSION_COOKIE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const header = request.headers.cookie;
    return name ? cookieValue(Array.isArray(header) ? header[0] : header, name) : undefined;
  }
}
