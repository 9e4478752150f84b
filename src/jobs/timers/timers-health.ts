import { HealthExtra } from '../../health/health-extras';
import { RunnerFailingHere } from '../../health/stall-message';
import { overdueTimers } from './overdue-timers';

/**
 * The `/health` component for timers: how many are pending, how many of those have no job in
 * Redis, and how many are overdue. A timer without a job never fires until it is queued again, so
 * any is unhealthy: it means Redis lost data and the reconciler has not caught up yet (or cannot
 * reach Redis). A timer still pending `overdueAfterMs` after its time (its firing not parked)
 * means no instance runs the timer worker, or it is stuck: deadlines pass unrecorded. The instance
 * whose own timer worker is failing (`failingHere`) says so instead, with the error (before, it
 * too said no instance ran the worker).
 */
export function timersHealth(
  timers: Parameters<typeof overdueTimers>[0],
  overdueAfterMs: number,
  failingHere: () => RunnerFailingHere | null = () => null,
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
        const failure = failingHere();
        if (failure) {
          data.failing = failure.message;
          data.failingSince = failure.since.toISOString();
        }
        const why = failure
          ? `the timer worker runs on this instance and is failing since ${failure.since.toISOString()}, ${failure.attempts} attempts in a row: ${failure.message}`
          : 'no instance runs the timer worker, or it is stuck';
        data.message = `${overdue} timers not fired, due since ${since} (${why})`;
      }
      return { healthy: withoutJob === 0 && overdue === 0, data };
    },
  };
}
