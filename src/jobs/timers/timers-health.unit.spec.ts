import { RunnerFailingHere } from '../../health/stall-message';
import { timersHealth } from './timers-health';

describe('the timers in /health', () => {
  const now = new Date('2026-12-07T08:00:00.000Z');
  const dueAt = '2026-12-07T07:00:00.000Z';
  /** One pending timer, due an hour ago, not parked; `failure`: this instance's timer worker. */
  const check = (failure: RunnerFailingHere | null) =>
    timersHealth(
      {
        reconciler: {
          missingJobs: async () => ({ pending: 1, withoutJob: 0 }),
          pendingTimers: async () => [{ timerId: 't-1', dueAt }],
        },
        deadLetters: { parkedKeys: async () => new Set<string>() },
        clock: { now: () => now },
      } as never,
      30_000,
      () => failure,
    ).check();

  it('says an overdue timer may be fired by no instance when no worker here is failing', async () => {
    const answer = await check(null);
    expect(answer.healthy).toBe(false);
    expect(answer.data.message).toBe(
      `1 timers not fired, due since ${dueAt} (no instance runs the timer worker, or it is stuck)`,
    );
  });

  it('says the timer worker runs on this instance and fails, with the error, when it does', async () => {
    const since = new Date('2026-12-07T07:01:00.000Z');
    const answer = await check({
      message: 'connect ECONNREFUSED 127.0.0.1:6379',
      since,
      attempts: 9,
    });
    expect(answer.healthy).toBe(false);
    // Before: "(no instance runs the timer worker, or it is stuck)", from the instance running it.
    expect(answer.data).toMatchObject({
      overdue: 1,
      failing: 'connect ECONNREFUSED 127.0.0.1:6379',
      failingSince: since.toISOString(),
      message: `1 timers not fired, due since ${dueAt} (the timer worker runs on this instance and is failing since ${since.toISOString()}, 9 attempts in a row: connect ECONNREFUSED 127.0.0.1:6379)`,
    });
  });
});
