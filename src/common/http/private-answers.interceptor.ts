import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { AuthenticatedRequest } from '../../identity/jwt-auth.guard';

interface CachedResponse {
  setHeader(name: string, value: string): void;
  /** Express adds a field to Vary without dropping the ones already there. */
  vary?(field: string): void;
}

/**
 * What a signed-in reader is answered depends on who they are (a ballot withheld from one role,
 * a person's record cut to the reader's grant), so no cache may hand it to anyone else, nor
 * serve it again without asking: `private, no-cache` (a browser keeps it, and revalidates with
 * its ETag) and `Vary: Authorization` (another token is another answer; Cookie too, where a
 * route takes its token from a cookie). A route that must not be kept at all sets `no-store`
 * itself, after this.
 */
@Injectable()
export class PrivateAnswersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    if (request.actor) {
      const response = http.getResponse<CachedResponse>();
      response.setHeader('Cache-Control', 'private, no-cache');
      if (response.vary) {
        response.vary('Authorization');
        if (!request.headers.authorization) response.vary('Cookie');
      } else response.setHeader('Vary', 'Authorization');
    }
    return next.handle();
  }
}
