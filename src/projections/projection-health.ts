import { HealthExtra } from '../health/health-extras';
import { ProjectionStatus } from './projection-status';
import { ProjectionsService } from './projections.service';

/**
 * How long a projection may stay further behind than `maxLag` with its checkpoint standing still
 * before `/health` calls it unhealthy. A bulk write (an import, a transfer batch of 10,000: 30,000
 * events) puts every projection that far behind for a few seconds while it catches up, the more so
 * as the writing process holds its subscriptions meanwhile (BULK_WRITE_HOLD_MS); a load balancer
 * must not take the instance out for that.
 */
export const STALLED_AFTER_MS = 30_000;

type HealthSource = Pick<ProjectionsService, 'status' | 'ownFailures'>;

/**
 * The `/health` component for read models: each projection's lag in events, and whether this
 * instance's own runner of it is failing. Lag alone is normal right after a burst of writes; a
 * projection is unhealthy when this instance's runner is failing, or when it is further behind
 * than `maxLag` and its checkpoint has not moved for `STALLED_AFTER_MS` (as seen by these checks).
 * The `last_error` of the shared checkpoint row is not used: another instance (one that cannot
 * reach its event store, say) writes it too, and this instance's health is its own.
 */
export function projectionsHealth(
  projections: HealthSource,
  maxLag = 10_000,
  now: () => number = Date.now,
): HealthExtra {
  // Each projection seen further behind than maxLag: where its checkpoint stood, and since when.
  const farBehind = new Map<string, { position: string | null; since: number }>();
  const stalledSince = (status: ProjectionStatus): number | null => {
    if (status.lag <= maxLag) {
      farBehind.delete(status.name);
      return null;
    }
    const seen = farBehind.get(status.name);
    if (!seen || seen.position !== status.position) {
      farBehind.set(status.name, { position: status.position, since: now() });
      return null;
    }
    return now() - seen.since >= STALLED_AFTER_MS ? seen.since : null;
  };
  return {
    name: 'projections',
    async check() {
      const statuses = await projections.status(maxLag + 1);
      const failures = projections.ownFailures();
      let healthy = true;
      const data = Object.fromEntries(
        statuses.map((s) => {
          const failure = failures.get(s.name) ?? null;
          const stalled = stalledSince(s);
          if (failure || stalled !== null) healthy = false;
          return [
            s.name,
            {
              lag: s.lag,
              position: s.position,
              ...(stalled !== null ? { stalledSince: new Date(stalled).toISOString() } : {}),
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
      return { healthy, data };
    },
  };
}
