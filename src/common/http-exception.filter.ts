import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { toHttpError } from './domain-error-mapping';
import { redactUrl } from './http-logger-options';

/**
 * One error shape for the whole API: status, error, message, and for refusals the rule and field.
 * Stack traces and SQL never reach the client; unexpected errors are logged with the request id.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const raw = http.getResponse<{
      status(code: number): { json(body: unknown): void };
      setHeader(name: string, value: string): void;
      headersSent?: boolean;
    }>();
    const request = http.getRequest<{ id?: unknown; method?: string; url?: string }>();
    if (raw.headersSent) return;
    // An error is JSON even on a route that declares another type (e.g. a CSV download).
    raw.setHeader('Content-Type', 'application/json; charset=utf-8');
    const response = raw;

    // A refusal raised inside Express middleware (the body parser's UTF-8 check) arrives wrapped
    // in an HttpException by Nest's adapter: its rule and field are answered as they are.
    const domain =
      toHttpError(exception) ??
      (exception instanceof HttpException ? toHttpError(exception.cause) : null);
    if (domain) {
      response.status(domain.statusCode).json(domain);
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'string') {
        response.status(status).json({ statusCode: status, error: exception.name, message: body });
      } else {
        const { message, ...rest } = body as { message?: unknown };
        // ValidationPipe gives a list; the first entry names the field and the rule.
        const messages = Array.isArray(message) ? message : undefined;
        response.status(status).json({
          ...rest,
          statusCode: status,
          message: messages ? messages.join('; ') : (message ?? exception.message),
          ...(messages ? { errors: messages } : {}),
        });
      }
      return;
    }
    const payloadTooLarge = (exception as { type?: string }).type === 'entity.too.large';
    if (payloadTooLarge) {
      response.status(413).json({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'request body is too large',
      });
      return;
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
    response.status(500).json({
      statusCode: 500,
      error: 'Internal Server Error',
      message: `unexpected error; quote request id ${String(request.id ?? 'unknown')} when reporting it`,
    });
  }
}
