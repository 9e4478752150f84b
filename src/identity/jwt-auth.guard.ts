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
import { JWT_VERIFIER, JwtVerifier, TokenRejected } from './jwt-verifier';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_VERIFIER) private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    if (!value)
      throw new UnauthorizedException('missing bearer token: send "Authorization: Bearer <token>"');
    const match = /^Bearer\s+(\S+)$/i.exec(value);
    if (!match)
      throw new UnauthorizedException('malformed Authorization header: expected "Bearer <token>"');
    try {
      request.actor = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof TokenRejected) throw new UnauthorizedException(error.message);
      throw error;
    }
    return true;
  }
}
