import { Pool } from 'pg';
import { HealthExtra } from '../health/health-extras';
import { describeStall, Stall } from '../health/stall-message';
import { SubscriberCheckpoint } from '../health/stalled-since';
import { StoredEventNames } from '../event-store/stored-event-names';
import { countMatchingEventsAfter } from '../observability/metrics-collector';
import { HEALTH_LAG_CAP } from '../projections/projection-health';
import { SagasRuntime } from './sagas-runtime';

/**
 * `/health` → `sagas`: the sagas with events they subscribe to waiting after their shared
 * checkpoint, unmoved for the stall threshold (a decision whose record nobody writes). Healthy,
 * it lists none: counting every saga's lag on each probe would cost the check its speed. Read
 * from the shared checkpoints, so an API-only instance reports it too; the instance whose own
 * runner of a stalled saga is failing says so, with the error (`failing`, `failingSince`).
 */
export function sagasHealth(
  sagas: SagasRuntime,
  pool: Pool,
  names: StoredEventNames,
  stalledSince: (checkpoint: SubscriberCheckpoint) => Promise<Date | null>,
): HealthExtra {
  return {
    name: 'sagas',
    async check() {
      const { rows } = await pool.query<{
        name: string;
        position: string | null;
        updated_at: Date;
      }>('SELECT name, position, updated_at FROM saga_checkpoints');
      const stored = new Map(rows.map((row) => [row.name, row]));
      const found = await Promise.all(
        sagas.runnerList.map(async (runner): Promise<Stall | null> => {
          const row = stored.get(runner.name);
          const checkpoint = {
            position: row?.position ?? null,
            updatedAt: row?.updated_at ?? null,
            filter: { filter: runner.saga.filter, names },
          };
          const since = await stalledSince(checkpoint);
          if (!since) return null;
          const lag = await countMatchingEventsAfter(
            pool,
            checkpoint.position,
            runner.saga.filter,
            HEALTH_LAG_CAP,
            names,
          );
          return { name: runner.name, lag, since, failingHere: runner.failure };
        }),
      );
      const stalled = found.filter((stall): stall is Stall => stall !== null);
      const data: Record<string, unknown> = Object.fromEntries(
        stalled.map((s) => [
          s.name,
          {
            lag: s.lag,
            stalledSince: s.since.toISOString(),
            ...(s.failingHere
              ? { failing: s.failingHere.message, failingSince: s.failingHere.since.toISOString() }
              : {}),
          },
        ]),
      );
      if (stalled.length) data.message = describeStall('saga', stalled);
      return { healthy: stalled.length === 0, data };
    },
  };
}
