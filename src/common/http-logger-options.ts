import { IncomingMessage, ServerResponse } from 'node:http';
import { DestinationStream } from 'pino';
import { Options } from 'pino-http';
import { requestIdFor, safeIdFromHeader } from './request-id';

/** Query parameters that carry credentials; refused by the auth guard, and never logged. */
const CREDENTIAL_PARAMETER = /([?&])(access_token)=[^&#]*/gi;

/** The URL as it may be written to a log: a token sent in the query is replaced. */
export function redactUrl(url: string): string {
  return url.replace(CREDENTIAL_PARAMETER, '$1$2=[REDACTED]');
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
}

/** What the error filter leaves on a response it answered with a problem: its rule. */
export interface ProblemAnswer {
  problemRule?: string;
}

interface LoggedRequest extends IncomingMessage {
  actor?: { userId?: string };
}

/** 5xx at `error`, 4xx at `warn` (a refusal worth seeing), the rest at `info`. */
export function accessLogLevel(status: number, error?: unknown): 'error' | 'warn' | 'info' {
  if (error || status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return 'info';
}

/** What an access line adds at the end of the request: who asked, and the rule of a refusal. */
function outcome(request: LoggedRequest, response: ServerResponse & ProblemAnswer) {
  return {
    ...(request.actor?.userId ? { userId: request.actor.userId } : {}),
    ...(response.problemRule ? { rule: response.problemRule } : {}),
  };
}

/**
 * pino-http settings: one request id per request (safe client id or a new one), no credentials,
 * and one short access line per request: the request's id, method and URL (no headers), the
 * status (no response headers), the time taken, the user (the token's `sub`) and, for a refusal,
 * its rule; 4xx at `warn`, 5xx at `error` (the error itself is logged once by the error filter).
 */
export function httpLoggerOptions(level: string): Options {
  return {
    level,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const id = requestIdFor(request.headers);
      // The client learns which id was used, its own or the one that replaced an unsafe one.
      response.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (request: IncomingMessage & { id?: unknown }) => ({
      correlationId: safeIdFromHeader(request.headers['x-correlation-id']) ?? request.id,
    }),
    customLogLevel: (_request, response, error) => accessLogLevel(response.statusCode, error),
    customSuccessObject: (request, response, value: Record<string, unknown>) => ({
      ...value,
      ...outcome(request as LoggedRequest, response as ServerResponse & ProblemAnswer),
    }),
    // The synthetic "failed with status code 500" error says nothing the status does not.
    customErrorObject: (request, response, _error, value: Record<string, unknown>) => {
      const { err: _err, ...rest } = value;
      void _err;
      return {
        ...rest,
        ...outcome(request as LoggedRequest, response as ServerResponse & ProblemAnswer),
      };
    },
    serializers: {
      req: (request: SerializedRequest) => ({
        id: request.id,
        method: request.method,
        url: typeof request.url === 'string' ? redactUrl(request.url) : request.url,
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
  };
}

/** The pinoHttp setting of nestjs-pino: options, and where to write when a test captures logs. */
export function pinoHttpSetting(
  level: string,
  destination?: DestinationStream,
): Options | [Options, DestinationStream] {
  const options = httpLoggerOptions(level);
  return destination ? [options, destination] : options;
}
