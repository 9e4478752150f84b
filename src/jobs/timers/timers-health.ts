import { HealthExtra } from '../../health/health-extras';
import { TimerReconciler } from './timer-reconciler';

/**
 * The `/health` component for timers: how many are pending and how many of those have no job in
 * Redis. A timer without a job never fires until it is queued again, so any is unhealthy: it
 * means Redis lost data and the reconciler has not caught up yet (or cannot reach Redis).
 */
export function timersHealth(reconciler: TimerReconciler): HealthExtra {
  return {
    name: 'timers',
    async check() {
      const { pending, withoutJob } = await reconciler.missingJobs();
      return { healthy: withoutJob === 0, data: { pending, withoutJob } };
    },
  };
}
