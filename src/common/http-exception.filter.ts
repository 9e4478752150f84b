import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpErrorBody, toHttpError } from './domain-error-mapping';
import { ProblemAnswer, redactUrl } from './http-logger-options';
import { preferredLanguage } from './problems/accept-language';
import { InvalidBody, translatedMessage } from './problems/invalid-body';
import { PROBLEM_CONTENT_TYPE, renderProblem } from './problems/problem-details';
import {
  lostDependency,
  RETRY_AFTER_SECONDS,
  SERVICE_UNAVAILABLE,
  serviceUnavailableBody,
} from './problems/service-unavailable';

/** The rule of an error Nest or a library raised without one, by its status. */
const RULE_BY_STATUS: Record<number, string> = {
  400: 'request.invalid',
  401: 'auth.unauthenticated',
  403: 'access.forbidden',
  404: 'resource.not_found',
  409: 'state.conflict',
  413: 'body.too_large',
  422: 'request.unprocessable',
  429: 'rate_limit.exceeded',
  503: SERVICE_UNAVAILABLE,
};

interface ErrorResponse {
  status(code: number): ErrorResponse;
  setHeader(name: string, value: string): void;
  /** Express adds a field to Vary without dropping the ones already there. */
  vary?(field: string): void;
  send(body: string): void;
  headersSent?: boolean;
}

interface ErrorRequest {
  id?: unknown;
  method?: string;
  url?: string;
  originalUrl?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * One error shape for the whole API: an RFC 9457 problem (`application/problem+json`) that keeps
 * the fields clients already read: status, error, message, and for refusals the rule and field.
 * Stack traces and SQL never reach the client; unexpected errors are logged with the request id.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<ErrorResponse>();
    const request = http.getRequest<ErrorRequest>();
    if (response.headersSent) return;
    const refused = multipartRefusal(exception) ?? exception;
    sendProblem(response, request, refused, this.errorBody(refused, request));
  }

  private errorBody(exception: unknown, request: ErrorRequest): HttpErrorBody {
    // A refusal raised inside Express middleware (the body parser's UTF-8 check) arrives wrapped
    // in an HttpException by Nest's adapter: its rule and field are answered as they are.
    const domain =
      toHttpError(exception) ??
      (exception instanceof HttpException ? toHttpError(exception.cause) : null);
    if (domain) return domain;
    const parser = bodyParserError(exception);
    if (parser) return parser;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'string')
        return {
          statusCode: status,
          error: exception.name,
          rule: RULE_BY_STATUS[status],
          message: body,
        };
      const { message, ...rest } = body as { message?: unknown };
      // ValidationPipe gives a list; the first entry names the field and the rule.
      const messages = Array.isArray(message) ? message : undefined;
      return {
        rule: RULE_BY_STATUS[status],
        ...rest,
        statusCode: status,
        // The status's own phrase ("Bad Request"), never the exception's class name.
        error: String(
          (rest as { error?: unknown }).error ?? STATUS_CODES[status] ?? exception.name,
        ),
        message: messages ? messages.join('; ') : String(message ?? exception.message),
        ...(messages ? { errors: messages } : {}),
      };
    }
    const lost = lostDependency(exception);
    if (lost) {
      const { dependency, refused } = lost;
      this.logger.warn(
        { err: exception, requestId: request.id, method: request.method, dependency, refused },
        'connection lost during the request: answered 503',
      );
      return serviceUnavailableBody(lost, request);
    }
    this.logger.error(
      {
        err: exception,
        requestId: request.id,
        method: request.method,
        url: request.url && redactUrl(request.url),
      },
      'unexpected error',
    );
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      rule: 'internal.unexpected',
      message: `unexpected error; quote request id ${String(request.id ?? 'unknown')} when reporting it`,
    };
  }
}

/**
 * body-parser's own errors (the JSON did not parse, the body is over the limit), raw or as the
 * `cause` of the HttpException Nest's Express adapter wraps them in.
 */
function bodyParserError(exception: unknown): HttpErrorBody | null {
  const cause = (exception as { cause?: unknown } | null)?.cause;
  const error = (cause ?? exception) as {
    type?: string;
    message?: string;
    limit?: unknown;
    length?: unknown;
  } | null;
  if (error?.type === 'entity.parse.failed')
    return {
      statusCode: 400,
      error: 'Bad Request',
      rule: 'body.malformed_json',
      message: `the request body is not valid JSON (${error.message ?? 'parse error'}); send one JSON object`,
    };
  if (error?.type === 'entity.too.large') return bodyTooLarge(error.limit, error.length);
  if (error?.type === 'charset.unsupported' || error?.type === 'encoding.unsupported')
    return {
      statusCode: 415,
      error: 'Unsupported Media Type',
      rule: 'body.charset',
      field: 'body',
      message: `the body must be UTF-8 JSON (${error.message ?? 'unsupported charset'})`,
    };
  return null;
}

/**
 * A body past the route's limit (BODY_LIMIT_BYTES on most routes), with the limit in bytes as
 * body-parser knew it, as the imports' and transfer batches' own 413s give theirs (before: "request
 * body is too large" alone, and a client could not tell by how much).
 */
function bodyTooLarge(limit: unknown, length: unknown): HttpErrorBody {
  const limitBytes = typeof limit === 'number' ? limit : undefined;
  const size = typeof length === 'number' ? `${length} bytes` : 'larger';
  return {
    statusCode: 413,
    error: 'Payload Too Large',
    rule: 'body.too_large',
    field: 'body',
    ...(limitBytes !== undefined ? { limitBytes } : {}),
    message:
      limitBytes !== undefined
        ? `body: the request body is ${size}; this route reads up to ${limitBytes} bytes`
        : 'body: the request body is too large',
  };
}

/**
 * A multipart body over the route's limits (multer's code, kept as the cause): a file in a field
 * the route does not read, a second file, a form field beside the file — each a 400 naming the
 * field, in English and Vietnamese, instead of multer's "Too many files".
 */
function multipartRefusal(exception: unknown): InvalidBody | null {
  const cause = (exception as { cause?: { code?: unknown; field?: unknown } } | null)?.cause;
  const named = typeof cause?.field === 'string' ? cause.field : undefined;
  switch (cause?.code) {
    case 'LIMIT_UNEXPECTED_FILE': {
      const field = named ?? 'body';
      return new InvalidBody(
        field,
        {
          en: `${field}: this request takes no file in that field (an import's file goes in the field "file")`,
          vi: `${field}: yêu cầu này không nhận tệp ở trường đó (tệp nhập gửi trong trường "file")`,
        },
        'body',
        'body.unexpected_file_field',
      );
    }
    case 'LIMIT_FILE_COUNT':
      return new InvalidBody(
        'file',
        {
          en: 'file: send one file (more than one was sent)',
          vi: 'file: chỉ gửi một tệp (đã gửi nhiều hơn một tệp)',
        },
        'body',
        'body.too_many_files',
      );
    case 'LIMIT_FIELD_COUNT':
    case 'LIMIT_FIELD_KEY':
    case 'LIMIT_FIELD_VALUE':
    case 'LIMIT_PART_COUNT':
      return new InvalidBody(
        named ?? 'body',
        {
          en: `${named ?? 'body'}: this request takes only the file in the field "file", no other form field`,
          vi: `${named ?? 'body'}: yêu cầu này chỉ nhận tệp trong trường "file", không nhận trường nào khác`,
        },
        'body',
        'body.unexpected_field',
      );
    default:
      return null;
  }
}

/** Writes the error as a problem in the language the caller asked for (Accept-Language). */
function sendProblem(
  response: ErrorResponse,
  request: ErrorRequest,
  exception: unknown,
  body: HttpErrorBody,
): void {
  const language = preferredLanguage(request.headers?.['accept-language']);
  const problem = renderProblem(body, {
    path: (request.originalUrl ?? request.url ?? '/').split('?')[0],
    language,
    translatedDetail: translatedMessage(exception, language),
  });
  // The HTTP status is the error's own, whatever `status` a body may carry.
  response.status(body.statusCode);
  response.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
  // The access log line names the rule of the refusal.
  (response as ProblemAnswer).problemRule = problem.rule;
  response.setHeader('Content-Language', language);
  // A dependency that is down comes back by itself: say when to try again.
  if (body.statusCode === 503)
    response.setHeader('Retry-After', String(body.retryAfterSeconds ?? RETRY_AFTER_SECONDS));
  // Caches must keep the English and the Vietnamese answer apart.
  response.vary?.('Accept-Language');
  response.send(JSON.stringify(problem));
}
