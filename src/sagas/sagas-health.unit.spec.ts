import { Pool } from 'pg';
import { RunnerFailingHere } from '../health/stall-message';
import { StoredEventNames } from '../event-store/stored-event-names';
import { sagasHealth } from './sagas-health';
import { SagasRuntime } from './sagas-runtime';

describe('the sagas in /health', () => {
  const since = new Date('2026-12-07T07:00:00.000Z');
  /** One saga, 4 events behind its checkpoint, stalled since `since`; `failure`: its runner here. */
  const check = (failure: RunnerFailingHere | null) => {
    const runner = {
      name: 'discipline-record',
      saga: { filter: { eventTypes: ['DisciplineDecided'] } },
      failure,
    };
    const pool = {
      query: async (sql: string) =>
        sql.includes('saga_checkpoints')
          ? { rows: [{ name: 'discipline-record', position: null, updated_at: since }] }
          : { rows: [{ behind: '4' }] },
    };
    const names = { storedNamesOf: (type: string) => [type] };
    return sagasHealth(
      { runnerList: [runner] } as unknown as SagasRuntime,
      pool as unknown as Pool,
      names as unknown as StoredEventNames,
      async () => since,
    ).check();
  };

  it('says a stalled saga no runner here is failing may be run by no instance, or stuck', async () => {
    const answer = await check(null);
    expect(answer.healthy).toBe(false);
    expect(answer.data).toEqual({
      'discipline-record': { lag: 4, stalledSince: since.toISOString() },
      message: `saga stalled: discipline-record 4 events behind, not moved since ${since.toISOString()} (no instance runs it, or its runner is stuck)`,
    });
  });

  it('says a stalled saga whose runner fails on this instance runs here and fails, with the error', async () => {
    const failingSince = new Date('2026-12-07T06:58:00.000Z');
    const answer = await check({ message: 'connection refused', since: failingSince, attempts: 5 });
    expect(answer.healthy).toBe(false);
    // Before: "(no instance runs it, or its runner is stuck)", from the very instance running it.
    expect(answer.data).toEqual({
      'discipline-record': {
        lag: 4,
        stalledSince: since.toISOString(),
        failing: 'connection refused',
        failingSince: failingSince.toISOString(),
      },
      message: `saga stalled: discipline-record 4 events behind, not moved since ${since.toISOString()} (runs on this instance and its runner is failing since ${failingSince.toISOString()}, 5 attempts in a row: connection refused)`,
    });
  });
});
