import { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { AppMetrics } from './metrics';
import { startSpan, tracingEnabled } from './tracing';

interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  originalUrl?: string;
  route?: { path?: unknown };
}

/**
 * The route a request matched, as its template (`/cases/:id`, never `/cases/c-1`): ids must not
 * become label values, or every case would make a new time series. A request no route matched is
 * `(unmatched)` when it was a 404 and `(other)` otherwise (static files, the web app's page).
 */
export function routeTemplate(request: RoutedRequest, status: number): string {
  const path = request.route?.path;
  if (typeof path === 'string') return `${request.baseUrl ?? ''}${path}` || '/';
  if (status === 404) return '(unmatched)';
  return request.baseUrl ? `${request.baseUrl}/*` : '(other)';
}

/**
 * Express middleware, first in the chain: times every request into
 * `cadreflow_http_request_duration_seconds{method,route,status}` and, with tracing on, runs it in
 * a server span that continues the caller's `traceparent` header and is named by its route.
 */
export function httpObservation(metrics: AppMetrics) {
  return (request: RoutedRequest, response: ServerResponse, next: () => void): void => {
    const stop = metrics.httpRequestDuration.startTimer();
    const method = request.method ?? 'GET';
    const parent = tracingEnabled()
      ? propagation.extract(ROOT_CONTEXT, request.headers)
      : ROOT_CONTEXT;
    const span = startSpan(method, {
      kind: SpanKind.SERVER,
      parent,
      attributes: {
        'http.request.method': method,
        'url.path': (request.originalUrl ?? request.url ?? '/').split('?')[0],
      },
    });
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      const status = response.statusCode;
      const route = routeTemplate(request, status);
      stop({ method, route, status: String(status) });
      if (span) {
        span.updateName(`${method} ${route}`);
        span.setAttribute('http.route', route);
        span.setAttribute('http.response.status_code', status);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    };
    response.once('finish', finish);
    response.once('close', finish);
    if (!span) return next();
    // The request's own stream events (the body arriving) run in the span's context too.
    const active = trace.setSpan(parent, span);
    context.bind(active, request);
    context.bind(active, response);
    context.with(active, next);
  };
}
