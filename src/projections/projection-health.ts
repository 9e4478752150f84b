import { HealthExtra } from '../health/health-extras';
import { ProjectionsService } from './projections.service';

/**
 * The `/health` component for read models: each projection's lag in events, and whether this
 * instance's own runner of it is failing. Lag alone is normal right after a burst of writes; a
 * projection is unhealthy when this instance's runner is failing or it is further behind than
 * `maxLag`. The `last_error` of the shared checkpoint row is not used: another instance (one that
 * cannot reach its event store, say) writes it too, and this instance's health is its own.
 */
export function projectionsHealth(projections: ProjectionsService, maxLag = 10_000): HealthExtra {
  return {
    name: 'projections',
    async check() {
      const statuses = await projections.status(maxLag + 1);
      const failures = projections.ownFailures();
      const data = Object.fromEntries(
        statuses.map((s) => {
          const failure = failures.get(s.name) ?? null;
          return [
            s.name,
            {
              lag: s.lag,
              position: s.position,
              ...(failure
                ? {
                    failing: failure.message,
                    failingSince: failure.since.toISOString(),
                    attempts: failure.attempts,
                  }
                : {}),
            },
          ];
        }),
      );
      const healthy = statuses.every((s) => !failures.get(s.name) && s.lag <= maxLag);
      return { healthy, data };
    },
  };
}
