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
  url?: string;
  query?: Record<string, unknown>;
  [key: string]: unknown;
}

/** pino-http settings: one request id per request (safe client id or a new one), no credentials. */
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
    redact: ['req.headers.authorization'],
    serializers: {
      req: (request: SerializedRequest) => {
        if (typeof request.url === 'string') request.url = redactUrl(request.url);
        if (request.query && typeof request.query === 'object') {
          for (const key of Object.keys(request.query))
            if (/^access_token$/i.test(key)) request.query[key] = '[REDACTED]';
        }
        return request;
      },
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
