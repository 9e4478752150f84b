import { ConfigError } from '../config/app-config';
import { currentTraceparent, inSpan, startTracing, tracingEnabled } from './tracing';

describe('tracing switched off', () => {
  it('starts nothing without OTEL_EXPORTER_OTLP_ENDPOINT, and writes no trace context', async () => {
    expect(startTracing({})).toBeNull();
    expect(tracingEnabled()).toBe(false);
    expect(currentTraceparent()).toBeUndefined();
    await expect(inSpan('work', {}, async (span) => span)).resolves.toBeUndefined();
  });

  it('refuses an endpoint that is not an http(s) URL, naming the variable', () => {
    expect(() => startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      ConfigError,
    );
    expect(() => startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/,
    );
    expect(tracingEnabled()).toBe(false);
  });
});
