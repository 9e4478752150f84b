import { HealthExtra } from '../health/health-extras';
import { RunnerFailingHere } from '../health/stall-message';

/**
 * `/health` → `jobs`: each job kind whose jobs fail on this instance's worker, under its own name
 * (`saga.replay`, `timer.fire`; `worker` for the worker's own connection), with the error, since
 * when and how often. Up all the same: a failing job is retried, then parked in dead_letters, and
 * what it holds up goes down where it shows (`timers` overdue, a saga stalled). Before, the only
 * failure shown was the whole worker's, under `timers`, even for a saga replay job.
 */
export function jobsHealth(
  failing: () => { name: string; failure: RunnerFailingHere }[],
): HealthExtra {
  return {
    name: 'jobs',
    async check() {
      const data = Object.fromEntries(
        failing().map(({ name, failure }) => [
          name,
          {
            failing: failure.message,
            failingSince: failure.since.toISOString(),
            attempts: failure.attempts,
          },
        ]),
      );
      return { healthy: true, data };
    },
  };
}
