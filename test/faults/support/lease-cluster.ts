import { JwtVerifier } from '../../../src/identity/jwt-verifier';
import { TEST_REDIS } from '../../jobs/support/jobs-harness';
import { TEST_JWT_SECRET } from '../../support/test-app';
import { freePort } from './private-redis';
import { ServiceProcess } from './service-process';

/** What one instance's `/health` says about its worker leases. */
export interface LeaseView {
  instance: string;
  held: string[];
  waiting: string[];
}

/** One instance of the service (a child process) and the port it answers on. */
export interface ClusterInstance {
  process: ServiceProcess;
  base: string;
}

/**
 * Several instances of the service on one database and one queue prefix, as in a deployment.
 * Each goes into `instances` before it starts, so the caller stops it even if a start fails.
 */
export async function startCluster(
  instances: ClusterInstance[],
  size: number,
  env: Record<string, string>,
): Promise<void> {
  for (let i = 0; i < size; i += 1) {
    const port = await freePort();
    instances.push({
      process: new ServiceProcess({
        ...env,
        PORT: String(port),
        REDIS_URL: `redis://${TEST_REDIS.host}:${TEST_REDIS.port}`,
        JWT_SECRET: TEST_JWT_SECRET,
        RUN_WORKERS: 'true',
        WORKER_LEASE_RETRY_MS: '500',
        RATE_LIMIT_PER_MINUTE: '1000000',
        RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
        LOG_LEVEL: 'info',
      }),
      base: `http://127.0.0.1:${port}`,
    });
  }
  // One at a time: three swc compilations at once on a two-core machine only slow each other.
  for (const instance of instances) await instance.process.start(300_000);
}

/** The leases an instance holds and waits for; null when it does not answer. */
export async function leasesOf(instance: ClusterInstance): Promise<LeaseView | null> {
  try {
    const response = await fetch(`${instance.base}/health`);
    const body = (await response.json()) as {
      details?: { leases?: LeaseView };
    };
    return body.details?.leases ?? null;
  } catch {
    return null;
  }
}

/**
 * Every lease is held by exactly one of the given instances: the map from lease to the index of
 * its holder, or undefined while some lease is free or held twice.
 */
export async function oneHolderEach(
  instances: ClusterInstance[],
): Promise<Map<string, number> | undefined> {
  const views = await Promise.all(instances.map(leasesOf));
  if (views.some((view) => view === null)) return undefined;
  const names = new Set(views.flatMap((view) => [...view!.held, ...view!.waiting]));
  const holders = new Map<string, number>();
  for (const name of names) {
    const holding = views.flatMap((view, index) => (view!.held.includes(name) ? [index] : []));
    if (holding.length !== 1) return undefined;
    holders.set(name, holding[0]);
  }
  return names.size > 0 ? holders : undefined;
}

/** A client of the cluster: JSON over fetch with a bearer token of the suite's secret. */
export function clusterClient() {
  const verifier = new JwtVerifier({ secret: TEST_JWT_SECRET, maxLifetimeSeconds: 43_200 });
  const token = (userId: string, ...roles: string[]) =>
    verifier.sign({ userId, roles: roles as never[], orgUnit: 'ou-town' }, 3600);
  const tokens = {
    admin: token('u-admin', 'admin'),
    staff: token('u-staff', 'organization_staff'),
    /** Opens a case that began on paper as of the day it began. */
    clerk: token('u-clerk', 'organization_staff', 'records_clerk'),
    secretary: token('u-secretary', 'ballot_secretary'),
    leader: token('u-leader', 'leadership'),
  };
  const post = async (base: string, path: string, who: keyof typeof tokens, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  return { post };
}
