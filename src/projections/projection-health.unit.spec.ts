import { ProjectionStatus } from './projection-status';
import { projectionsHealth } from './projection-health';

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
  const health = (current: ProjectionStatus, stalled: Date | null) => {
    const asked: string[] = [];
    const extra = projectionsHealth(
      { status: async () => [current], ownFailures: () => new Map() },
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

  it('names a projection an older version built, and stays healthy', async () => {
    const answer = await health(
      status(0, { needsRebuild: true, builtWithVersion: 0 }),
      null,
    ).check();
    expect(answer).toMatchObject({ healthy: true, data: { needsRebuild: ['case_summaries'] } });
  });
});
