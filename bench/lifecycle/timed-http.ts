import { benchRequest } from './keep-alive-http';

/** Latencies per route template, in milliseconds, and the requests that failed. */
export class RouteTimings {
  readonly byRoute = new Map<string, number[]>();

  record(route: string, ms: number): void {
    const list = this.byRoute.get(route) ?? [];
    list.push(ms);
    this.byRoute.set(route, list);
  }

  /** Every write's latency together (the "write p50/p95/p99"). */
  writes(): number[] {
    return [...this.byRoute.entries()]
      .filter(([route]) => route.startsWith('POST '))
      .flatMap(([, values]) => values);
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const round1 = (value: number): number => Math.round(value * 10) / 10;

export class RequestFailed extends Error {
  constructor(
    readonly route: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${route} answered ${status}: ${body.slice(0, 500)}`);
  }
}

/** A JSON client of the service that times each request under its route template. */
export class TimedHttp {
  constructor(
    private readonly baseUrl: string,
    readonly timings: RouteTimings,
  ) {}

  /** Sends and times the request; anything but 2xx throws with the answer's problem. */
  async send<T = Record<string, unknown>>(
    route: string,
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: unknown,
  ): Promise<T> {
    const started = performance.now();
    const { status, text } = await benchRequest(
      `${this.baseUrl}${path}`,
      method,
      {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body === undefined ? undefined : JSON.stringify(body),
    );
    this.timings.record(`${method} ${route}`, performance.now() - started);
    if (status < 200 || status >= 300) throw new RequestFailed(`${method} ${route}`, status, text);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** An untimed GET of a text answer. */
  async peekText(path: string, token: string): Promise<string> {
    const { status, text } = await benchRequest(`${this.baseUrl}${path}`, 'GET', {
      authorization: `Bearer ${token}`,
    });
    if (status < 200 || status >= 300) throw new RequestFailed(`GET ${path}`, status, text);
    return text;
  }

  /** An untimed GET (the lag observer's polls are not the users' reads). */
  async peek<T>(path: string, token: string): Promise<T> {
    const { status, text } = await benchRequest(`${this.baseUrl}${path}`, 'GET', {
      authorization: `Bearer ${token}`,
    });
    if (status < 200 || status >= 300) throw new RequestFailed(`GET ${path}`, status, text);
    return JSON.parse(text) as T;
  }
}

/** Appends the service counted as refused for a wrong expected revision (its /metrics), so far. */
export async function refusedAppends(http: TimedHttp, adminToken: string): Promise<number> {
  const text = await http.peekText('/metrics', adminToken);
  const line = text
    .split('\n')
    .find((row) =>
      row.startsWith('cadreflow_event_store_append_duration_seconds_count{outcome="conflict"}'),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}
