import {
  Context,
  context,
  diag,
  DiagLogLevel,
  Link,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

import { ConfigError } from '../config/app-config';

/** The tracer every manual span of cadreflow comes from. */
export const TRACER_NAME = 'cadreflow';

/** Event metadata key holding the W3C trace context of the append; not covered by the hash chain. */
export const TRACEPARENT_KEY = 'traceparent';

let enabled = false;
let active: Tracing | null = null;

/**
 * Whether tracing is on in this process. Off (no `OTEL_EXPORTER_OTLP_ENDPOINT`), the SDK is never
 * loaded and every helper below returns at once: no span objects, no metadata field, no context
 * lookups.
 */
export function tracingEnabled(): boolean {
  return enabled;
}

export interface TracingSettings {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  /** A full URL for traces only; default `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_SERVICE_NAME?: string;
}

export interface Tracing {
  /** Exports every finished span now (tests, and before exit). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, exporting spans over
 * OTLP/HTTP (JSON) to `<endpoint>/v1/traces`; returns null and loads nothing otherwise. Call it
 * before the application is created. Spans are made by hand (HTTP request, command, append,
 * projection, saga), so they also exist where module-patching instrumentation cannot reach.
 */
export function startTracing(
  settings: TracingSettings,
  log?: (message: string) => void,
): Tracing | null {
  const endpoint = settings.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return null;
  for (const name of [
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  ] as const) {
    const value = settings[name];
    if (value !== undefined && !/^https?:\/\/\S+$/.test(value))
      throw new ConfigError(
        `invalid configuration: ${name} must be an http(s) URL of an OTLP/HTTP collector, e.g. http://127.0.0.1:4318`,
      );
  }
  // The SDK reports a collector it cannot reach through its diagnostic logger: into ours.
  if (log)
    diag.setLogger(
      {
        error: (message) => log(`OpenTelemetry: ${message}`),
        warn: (message) => log(`OpenTelemetry: ${message}`),
        info: () => undefined,
        debug: () => undefined,
        verbose: () => undefined,
      },
      DiagLogLevel.WARN,
    );
  const url =
    settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  // Required here, not imported: with tracing off the SDK and its exporters are never loaded.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK, tracing } =
    require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const processor = new tracing.BatchSpanProcessor(new OTLPTraceExporter({ url }));
  const sdk = new NodeSDK({
    serviceName: settings.OTEL_SERVICE_NAME || 'cadreflow',
    spanProcessors: [processor],
    instrumentations: [],
  });
  sdk.start();
  enabled = true;
  const handle: Tracing = {
    flush: () => processor.forceFlush(),
    async shutdown() {
      if (active !== handle) return;
      enabled = false;
      active = null;
      await sdk.shutdown();
    },
  };
  active = handle;
  return handle;
}

/** Exports what is left and stops the SDK, if tracing was started (on the service's shutdown). */
export async function stopTracing(): Promise<void> {
  await active?.shutdown();
}

const tracer = () => trace.getTracer(TRACER_NAME);

/** The W3C `traceparent` of the active span, for an event's metadata; undefined when off. */
export function currentTraceparent(): string | undefined {
  if (!enabled) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The context a stored `traceparent` names (its span as the remote parent). */
export function contextOf(traceparent: unknown): Context {
  if (typeof traceparent !== 'string') return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** A link to the span a stored `traceparent` names, if it names one. */
export function linkTo(traceparent: unknown): Link | undefined {
  const spanContext = trace.getSpanContext(contextOf(traceparent));
  return spanContext ? { context: spanContext } : undefined;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Record<string, string | number | boolean | string[] | undefined>;
  /** Parent context; default the active one. */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `work` inside a new active span (ended when it settles, marked as an error if it throws);
 * with tracing off, just runs `work`.
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!enabled) return work(undefined);
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      attributes: options.attributes,
      links: options.links,
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}

/** Starts a span the caller ends (an HTTP request spans callbacks, not one promise). */
export function startSpan(name: string, options: SpanOptions): Span | undefined {
  if (!enabled) return undefined;
  return tracer().startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      attributes: options.attributes,
      links: options.links,
    },
    options.parent ?? context.active(),
  );
}
