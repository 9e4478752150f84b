import { HealthExtra } from '../health/health-extras';
import { describeFailing, describeStall, RunnerFailingHere, Stall } from '../health/stall-message';
import { SubscriberCheckpoint } from '../health/stalled-since';
import { ProjectionStatus } from './projection-status';
import { ProjectionsService } from './projections.service';

/** Lags are counted up to this many events, so the check stays fast on a far-behind model. */
export const HEALTH_LAG_CAP = 10_001;

type HealthSource = Pick<ProjectionsService, 'status' | 'ownFailures'>;

/**
 * The `/health` component for read models: each projection's lag in events, whether this
 * instance's own runner of it is failing, and whether it has stalled. A projection is unhealthy
 * when this instance's runner is failing, or when events wait after its shared checkpoint and the
 * checkpoint has not moved for `stalledAfterMs` — whichever instance should run it (none, with
 * only API-only instances up; a wedged lease holder): so an API-only instance says so too. Lag
 * alone is normal right after a burst of writes, while the checkpoint moves. The `last_error` of
 * the shared checkpoint row is not used: another instance (one that cannot reach its event store,
 * say) writes it too, and this instance's failures are its own.
 *
 * The message says why: a runner failing on this instance (it holds the projection's lease, or no
 * leases are configured) is named with its error, since when and how often; only a stall with no
 * failure here reads "no instance runs it, or its runner is stuck".
 *
 * `needsRebuild` names the projections whose rows an older version built: they are served as they
 * are (healthy) until `npm run projections -- rebuild <name>`.
 */
export function projectionsHealth(
  projections: HealthSource,
  stalledSince: (checkpoint: SubscriberCheckpoint) => Promise<Date | null>,
): HealthExtra {
  const stallOf = async (status: ProjectionStatus): Promise<Date | null> =>
    status.lag === 0 ? null : stalledSince(status);
  return {
    name: 'projections',
    async check() {
      const statuses = await projections.status(HEALTH_LAG_CAP);
      const failures = projections.ownFailures();
      const stalls = await Promise.all(statuses.map(stallOf));
      const stalled: Stall[] = [];
      const failingOnly: { name: string; failure: RunnerFailingHere }[] = [];
      let healthy = true;
      const data: Record<string, unknown> = Object.fromEntries(
        statuses.map((s, i) => {
          const failure = failures.get(s.name) ?? null;
          const since = stalls[i];
          if (since) stalled.push({ name: s.name, lag: s.lag, since, failingHere: failure });
          else if (failure) failingOnly.push({ name: s.name, failure });
          if (failure || since) healthy = false;
          return [
            s.name,
            {
              lag: s.lag,
              position: s.position,
              ...(since ? { stalledSince: since.toISOString() } : {}),
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
      data.needsRebuild = statuses.filter((s) => s.needsRebuild).map((s) => s.name);
      const messages = [
        ...(stalled.length ? [describeStall('projection', stalled)] : []),
        ...(failingOnly.length ? [describeFailing('projection', failingOnly)] : []),
      ];
      if (messages.length) data.message = messages.join('; ');
      return { healthy, data };
    },
  };
}
