import { HealthExtra } from '../health/health-extras';
import { WorkerLeases } from './worker-leases';

/**
 * `/health` → `leases`: this instance's id, the worker leases it holds and those it waits for.
 * Holding none is healthy while another instance does the work. Down, with the reason under
 * `problem`: a lease connection that keeps failing (this instance can take over nothing), or work
 * nobody does — a lease held by no instance past the alarm, or a lease keeper that stopped
 * finishing its rounds (see LeaseWatch).
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
