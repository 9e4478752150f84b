import { HealthExtra } from '../../health/health-extras';
import { overdueTimers } from './overdue-timers';

/**
 * The `/health` component for timers: how many are pending, how many of those have no job in
 * Redis, and how many are overdue. A timer without a job never fires until it is queued again, so
 * any is unhealthy: it means Redis lost data and the reconciler has not caught up yet (or cannot
 * reach Redis). A timer still pending `overdueAfterMs` after its time (its firing not parked)
 * means no instance runs the timer worker, or it is stuck: deadlines pass unrecorded.
 */
export function timersHealth(
  timers: Parameters<typeof overdueTimers>[0],
  overdueAfterMs: number,
): HealthExtra {
  return {
    name: 'timers',
    async check() {
      const [{ pending, withoutJob }, { overdue, since }] = await Promise.all([
        timers.reconciler.missingJobs(),
        overdueTimers(timers, overdueAfterMs),
      ]);
      const data: Record<string, unknown> = { pending, withoutJob, overdue };
      if (since) {
        data.overdueSince = since;
        data.message = `${overdue} timers not fired, due since ${since} (no instance runs the timer worker, or it is stuck)`;
      }
      return { healthy: withoutJob === 0 && overdue === 0, data };
    },
  };
}
