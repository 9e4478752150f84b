import { HealthExtra } from '../health/health-extras';
import { WorkerLeases } from './worker-leases';

/**
 * `/health` → `leases`: this instance's id, the worker leases it holds and those it waits for.
 * Holding none is healthy (another instance does the work); a lease connection that keeps
 * failing shows its reason under `problem` and is down, since this instance can then take over
 * nothing.
 */
export function leasesHealth(leases: WorkerLeases): HealthExtra {
  return {
    name: 'leases',
    check: async () => {
      const state = leases.describe();
      return { healthy: state.problem === null, data: { ...state } };
    },
  };
}
