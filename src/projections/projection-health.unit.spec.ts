import { ProjectionStatus } from './projection-status';
import { projectionsHealth, STALLED_AFTER_MS } from './projection-health';

function status(lag: number, position: string): ProjectionStatus {
  return {
    name: 'case_summaries',
    version: 1,
    builtWithVersion: 1,
    needsRebuild: false,
    position,
    eventsHandled: 0,
    lag,
    lagCapped: false,
    updatedAt: null,
    lastError: null,
    rebuild: null,
  };
}

describe('the read models in /health', () => {
  let clock = 0;
  let current: ProjectionStatus;
  const health = projectionsHealth(
    { status: async () => [current], ownFailures: () => new Map() },
    10_000,
    () => clock,
  );
  const check = async (lag: number, position: string, at: number) => {
    current = status(lag, position);
    clock = at;
    return health.check();
  };

  it('stays healthy far behind while the checkpoint moves (a bulk write being caught up)', async () => {
    expect((await check(30_000, '1', 0)).healthy).toBe(true);
    expect((await check(25_000, '2', STALLED_AFTER_MS)).healthy).toBe(true);
    expect((await check(12_000, '3', 2 * STALLED_AFTER_MS)).healthy).toBe(true);
    expect((await check(0, '4', 3 * STALLED_AFTER_MS)).healthy).toBe(true);
  });

  it('says a projection far behind whose checkpoint stands still is stalled, and since when', async () => {
    expect((await check(20_000, '9', 0)).healthy).toBe(true);
    expect((await check(20_500, '9', STALLED_AFTER_MS - 1)).healthy).toBe(true);
    const stalled = await check(21_000, '9', STALLED_AFTER_MS);
    expect(stalled.healthy).toBe(false);
    expect(stalled.data).toEqual({
      case_summaries: { lag: 21_000, position: '9', stalledSince: new Date(0).toISOString() },
    });
    // Moving again, it is healthy at once; caught up, it is forgotten.
    expect((await check(15_000, '10', STALLED_AFTER_MS + 1)).healthy).toBe(true);
    expect((await check(10_000, '10', 5 * STALLED_AFTER_MS)).healthy).toBe(true);
    expect((await check(10_001, '10', 5 * STALLED_AFTER_MS + 1)).healthy).toBe(true);
  });
});
