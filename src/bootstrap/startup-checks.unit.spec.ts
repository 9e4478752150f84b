import { StartupError, UnreachableError, waitUntilReachable } from './startup-checks';

/** A clock that only moves when the code under test sleeps. */
function fakeTime() {
  let now = 0;
  const pauses: number[] = [];
  return {
    pauses,
    now: () => now,
    sleep: async (ms: number) => {
      pauses.push(ms);
      now += ms;
    },
  };
}

describe('waiting for a service at start (STARTUP_WAIT_SECONDS)', () => {
  it('retries an unreachable service with pauses doubling from 1 s to 10 s, then passes', async () => {
    const time = fakeTime();
    const lines: string[] = [];
    let attempts = 0;
    await waitUntilReachable(
      async () => {
        attempts += 1;
        if (attempts < 7)
          throw new UnreachableError('KurrentDB at kurrentdb:2113 is not reachable');
      },
      { waitSeconds: 120, log: (l) => lines.push(l), ...time },
    );
    expect(attempts).toBe(7);
    expect(time.pauses).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
    expect(lines[0]).toBe('KurrentDB at kurrentdb:2113 is not reachable; retrying in 1.0 s');
  });

  it('gives up when the time is spent, saying how long it waited', async () => {
    const time = fakeTime();
    const attempt = waitUntilReachable(
      async () => {
        throw new UnreachableError('Redis at redis:6379 is not reachable');
      },
      { waitSeconds: 20, log: () => undefined, ...time },
    );
    await expect(attempt).rejects.toThrow(
      'Redis at redis:6379 is not reachable (gave up after 6 attempts in 20 s, STARTUP_WAIT_SECONDS)',
    );
    expect(time.pauses.reduce((a, b) => a + b, 0)).toBe(20_000);
  });

  it('with 0 fails at once with the service’s own message, as npm start always did', async () => {
    const time = fakeTime();
    await expect(
      waitUntilReachable(
        async () => {
          throw new UnreachableError('PostgreSQL at 127.0.0.1:5432 is not reachable');
        },
        { waitSeconds: 0, log: () => undefined, ...time },
      ),
    ).rejects.toThrow(/^PostgreSQL at 127.0.0.1:5432 is not reachable$/);
    expect(time.pauses).toEqual([]);
  });

  it('does not retry what waiting cannot mend', async () => {
    const time = fakeTime();
    let attempts = 0;
    await expect(
      waitUntilReachable(
        async () => {
          attempts += 1;
          throw new StartupError('database migration failed: syntax error');
        },
        { waitSeconds: 60, log: () => undefined, ...time },
      ),
    ).rejects.toThrow('database migration failed');
    expect(attempts).toBe(1);
  });
});
