import { ProjectionStatus } from './projection-status';
import { projectionsHealth } from './projection-health';
import { ProjectionRunnerFailure } from './projection-runner';

function status(lag: number, changes: Partial<ProjectionStatus> = {}): ProjectionStatus {
  return {
    name: 'case_summaries',
    version: 1,
    builtWithVersion: 1,
    needsRebuild: false,
    position: '9',
    eventsHandled: 0,
    lag,
    lagCapped: false,
    updatedAt: null,
    lastError: null,
    rebuild: null,
    ...changes,
  };
}

describe('the read models in /health', () => {
  const since = new Date('2026-12-07T07:00:00.000Z');
  const health = (
    current: ProjectionStatus,
    stalled: Date | null,
    failure: ProjectionRunnerFailure | null = null,
  ) => {
    const asked: string[] = [];
    const extra = projectionsHealth(
      { status: async () => [current], ownFailures: () => new Map([[current.name, failure]]) },
      async (checkpoint) => {
        asked.push(String(checkpoint.position));
        return stalled;
      },
    );
    return { asked, check: () => extra.check() };
  };

  it('does not look for a stall when nothing waits', async () => {
    const { asked, check } = health(status(0), since);
    expect((await check()).healthy).toBe(true);
    expect(asked).toEqual([]);
  });

  it('stays healthy behind while the checkpoint moves (events being applied)', async () => {
    expect((await health(status(30_000), null).check()).healthy).toBe(true);
  });

  it('says a projection behind whose checkpoint stands still is stalled: how far and since when', async () => {
    const answer = await health(status(140), since).check();
    expect(answer.healthy).toBe(false);
    expect(answer.data).toEqual({
      case_summaries: { lag: 140, position: '9', stalledSince: since.toISOString() },
      needsRebuild: [],
      message: `projection stalled: case_summaries 140 events behind, not moved since ${since.toISOString()} (no instance runs it, or its runner is stuck)`,
    });
  });

  it('says a stalled projection whose runner fails on this instance runs here and fails, with the error', async () => {
    const failingSince = new Date('2026-12-07T06:59:00.000Z');
    const failure = {
      message: 'relation "case_summaries" does not exist',
      since: failingSince,
      attempts: 7,
    };
    const answer = await health(status(140), since, failure).check();
    expect(answer.healthy).toBe(false);
    // Before: "(no instance runs it, or its runner is stuck)", from the very instance running it.
    expect(answer.data.message).toBe(
      `projection stalled: case_summaries 140 events behind, not moved since ${since.toISOString()} (runs on this instance and its runner is failing since ${failingSince.toISOString()}, 7 attempts in a row: relation "case_summaries" does not exist)`,
    );
    expect(answer.data.message).not.toMatch(/no instance runs it/);
  });

  it('names a runner failing on this instance before its checkpoint counts as stalled', async () => {
    const failure = { message: 'boom', since, attempts: 2 };
    const answer = await health(status(3), null, failure).check();
    expect(answer.healthy).toBe(false);
    // Before: down with no message at all.
    expect(answer.data.message).toBe(
      `projection failing: case_summaries runs on this instance and its runner is failing since ${since.toISOString()}, 2 attempts in a row: boom`,
    );
  });

  it('names a projection an older version built, and stays healthy', async () => {
    const answer = await health(
      status(0, { needsRebuild: true, builtWithVersion: 0 }),
      null,
    ).check();
    expect(answer).toMatchObject({ healthy: true, data: { needsRebuild: ['case_summaries'] } });
  });
});
