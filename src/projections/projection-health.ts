import { HealthExtra } from '../health/health-extras';
import { ProjectionsService } from './projections.service';

/**
 * The `/health` component for read models: each projection's lag in events. Lag alone is normal
 * right after a burst of writes; a projection is unhealthy when it is failing (last error set)
 * or further behind than `maxLag`.
 */
export function projectionsHealth(projections: ProjectionsService, maxLag = 10_000): HealthExtra {
  return {
    name: 'projections',
    async check() {
      const statuses = await projections.status(maxLag + 1);
      const data = Object.fromEntries(
        statuses.map((s) => [
          s.name,
          { lag: s.lag, position: s.position, ...(s.lastError ? { lastError: s.lastError } : {}) },
        ]),
      );
      const healthy = statuses.every((s) => s.lastError === null && s.lag <= maxLag);
      return { healthy, data };
    },
  };
}
