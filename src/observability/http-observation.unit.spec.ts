import { IncomingMessage } from 'node:http';
import { accessLogLevel } from '../common/http-logger-options';
import { routeTemplate } from './http-observation';

const request = (fields: Record<string, unknown>) => fields as unknown as IncomingMessage;

describe('routeTemplate', () => {
  it('names a matched route by its template, with the base of a mounted router', () => {
    expect(routeTemplate(request({ route: { path: '/cases/:id' } }), 200)).toBe('/cases/:id');
    expect(routeTemplate(request({ baseUrl: '/api', route: { path: '/x/:id' } }), 200)).toBe(
      '/api/x/:id',
    );
  });

  it('never uses the raw URL: a request no route matched is (unmatched) or (other)', () => {
    expect(routeTemplate(request({ url: '/cases/c-123' }), 404)).toBe('(unmatched)');
    expect(routeTemplate(request({ url: '/assets/index-abc.js' }), 200)).toBe('(other)');
  });
});

describe('accessLogLevel', () => {
  it('is info below 400, warn for 4xx, error for 5xx and for a failed response', () => {
    expect(accessLogLevel(200)).toBe('info');
    expect(accessLogLevel(304)).toBe('info');
    expect(accessLogLevel(403)).toBe('warn');
    expect(accessLogLevel(429)).toBe('warn');
    expect(accessLogLevel(500)).toBe('error');
    expect(accessLogLevel(200, new Error('socket hang up'))).toBe('error');
  });
});
