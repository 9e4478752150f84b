/**
 * `npm run bench:request`: what one request costs the service before any step is decided — the
 * framework around it (HTTP, the request logger, the rate limiter's Redis calls, authentication,
 * the guards, body parsing and validation). The service as `npm start` runs it, on a fresh
 * database with the demo data; `BENCH_REQUESTS` requests one after another on one kept-alive
 * connection per route and round (after a warm-up of a tenth as many), its CPU read from /proc.
 * Routes: a public GET that reads nothing, an authenticated POST its role guard refuses (403) and
 * one whose body validation refuses (400). Prints the median over `BENCH_ROUNDS` rounds of the
 * service's CPU and the time a request, and one JSON line. Issue 21: a case's eight writes each
 * carry this cost (bench/README.md, twenty-eighth session).
 */
import { withBenchDatabase } from '../bench-database';
import { benchToken } from '../bench-token';
import { plainRequest } from '../lifecycle/keep-alive-http';
import {
  benchEnvironment,
  deleteRedisKeys,
  seedDemoData,
  ServiceUnderTest,
} from '../lifecycle/service-under-test';
import { median } from '../lifecycle/timed-http';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3980 + (process.pid % 9));

interface Probe {
  name: string;
  status: number;
  send: () => Promise<{ status: number }>;
}

function bearer(role: string): Record<string, string> {
  return { authorization: `Bearer ${benchToken(role)}`, 'content-type': 'application/json' };
}

function probes(base: string): Probe[] {
  const auditor = bearer('auditor');
  const staff = bearer('organization_staff');
  return [
    {
      name: 'GET /auth/config (public, reads nothing)',
      status: 200,
      send: () => plainRequest(`${base}/auth/config`, 'GET', {}),
    },
    {
      name: 'POST /cases refused by its role guard',
      status: 403,
      send: () => plainRequest(`${base}/cases`, 'POST', auditor, JSON.stringify({})),
    },
    {
      name: 'POST /cases refused by body validation',
      status: 400,
      send: () => plainRequest(`${base}/cases`, 'POST', staff, JSON.stringify({ caseId: 1 })),
    },
  ];
}

/** The service's CPU and the time, in milliseconds a request, over `count` requests of one probe. */
async function measure(service: ServiceUnderTest, probe: Probe, count: number) {
  const cpuBefore = service.cpuSeconds();
  const started = performance.now();
  for (let sent = 0; sent < count; sent += 1) {
    const { status } = await probe.send();
    if (status !== probe.status)
      throw new Error(`${probe.name}: answered ${status}, expected ${probe.status}`);
  }
  return {
    cpuMs: ((service.cpuSeconds() - cpuBefore) * 1000) / count,
    wallMs: (performance.now() - started) / count,
  };
}

async function main(): Promise<void> {
  const figures = await withBenchDatabase('request', async (url) => {
    const env = benchEnvironment(url, PORT);
    seedDemoData(env);
    const service = new ServiceUnderTest(env);
    try {
      await service.start();
      const results: Record<string, { cpuMs: number; wallMs: number }> = {};
      for (const probe of probes(`http://127.0.0.1:${PORT}`)) {
        await measure(service, probe, Math.ceil(REQUESTS / 10));
        const rounds = [];
        for (let round = 0; round < ROUNDS; round += 1)
          rounds.push(await measure(service, probe, REQUESTS));
        const cpuMs = median(rounds.map((r) => r.cpuMs));
        const wallMs = median(rounds.map((r) => r.wallMs));
        results[probe.name] = { cpuMs: round3(cpuMs), wallMs: round3(wallMs) };
        process.stdout.write(
          `${probe.name}: service CPU ${round3(cpuMs)} ms a request, time ${round3(wallMs)} ms ` +
            `(rounds: ${rounds.map((r) => round3(r.cpuMs)).join(', ')} ms CPU)\n`,
        );
      }
      return results;
    } catch (error) {
      process.stderr.write(`service log tail:\n${service.log}\n`);
      throw error;
    } finally {
      await service.stop();
      await deleteRedisKeys(env.QUEUE_PREFIX);
    }
  });
  process.stdout.write(
    `${JSON.stringify({ bench: 'request', requests: REQUESTS, rounds: ROUNDS, figures, node: process.version, at: new Date().toISOString() })}\n`,
  );
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
