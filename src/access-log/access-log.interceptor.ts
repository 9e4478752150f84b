import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import { catchError, concatMap, from, Observable, throwError } from 'rxjs';
import {
  AccessLogWriter,
  LoggedRequest,
  purposeOf,
  purposeRefusal,
  statusOf,
} from './access-log-writer';

/** What of Express's request the answer's status depends on. */
interface ConditionalRequest extends LoggedRequest {
  /** Express: the client's `If-None-Match` matches the response's `ETag` (GET or HEAD). */
  fresh?: boolean;
  app?: { get(setting: string): unknown };
}

interface TaggedResponse {
  getHeader(name: string): unknown;
  setHeader(name: string, value: string): void;
  headersSent?: boolean;
}

type EtagOf = (body: string, encoding: 'utf8') => string | undefined;

/**
 * The status the answer will have: 304 when the client's `If-None-Match` matches its entity tag
 * (the one the route set, or the one Express derives from the body, set here as Express would),
 * 200 otherwise. Express decides it as it sends, after this interceptor, so it is asked first.
 */
function answeredStatus(request: ConditionalRequest, response: TaggedResponse, value: unknown) {
  if (!request.headers['if-none-match'] || response.headersSent) return 200;
  const derived = value !== undefined && value !== null && !(value instanceof StreamableFile);
  if (response.getHeader('ETag') === undefined && derived) {
    const etagOf = request.app?.get('etag fn') as EtagOf | undefined;
    // As Nest answers: an object as JSON (with Express's json settings), anything else as text.
    const body =
      typeof value === 'object'
        ? JSON.stringify(
            value,
            request.app?.get('json replacer') as never,
            request.app?.get('json spaces') as never,
          )
        : String(value);
    const tag =
      typeof etagOf === 'function' && body !== undefined ? etagOf(body, 'utf8') : undefined;
    if (tag) response.setHeader('ETag', tag);
  }
  return request.fresh ? 304 : 200;
}

/**
 * Records every sensitive read before its answer leaves, refused ones included, with the status it
 * is answered (304 for a revalidated copy): the log entry and the data go together, so no read
 * escapes the log. A read a guard refuses before this runs is recorded by the guard.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(private readonly log: AccessLogWriter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const what = this.log.kindOf(context);
    const http = context.switchToHttp();
    const request = http.getRequest<ConditionalRequest>();
    if (!what || !request.actor) return next.handle();
    const record = (status: number) => this.log.record(request, what, status);
    const refusal = purposeRefusal(purposeOf(request));
    // Refused before the read, and logged too: with the purpose cut, marked as cut.
    if (refusal) return from(record(400)).pipe(concatMap(() => throwError(() => refusal)));
    return next.handle().pipe(
      concatMap((value) =>
        from(
          record(answeredStatus(request, http.getResponse<TaggedResponse>(), value)).then(
            () => value,
          ),
        ),
      ),
      catchError((error: unknown) =>
        from(record(statusOf(error))).pipe(concatMap(() => throwError(() => error))),
      ),
    );
  }
}
