import request from 'supertest';
import { oneYearTermRuleSets } from '../support/one-year-term-rule-sets';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { crashScript, CrashScript, newPostOf } from './support/crash-script';
import { EngineProcess } from './support/engine-process';
import { outstandingWork, waitUntilSettled } from './support/engine-settled';
import { EngineSnapshot, takeSnapshot } from './support/engine-snapshot';

const PEOPLE = Number(process.env.CRASH_TEST_PEOPLE ?? 150);
/**
 * The workers' clock starts every run at this instant, about 40 days ahead, so step deadlines and
 * re-appointment notices fall due. Noon in Vietnam and the same for both runs: a case a notice opens
 * is dated by the workers' day, and a run that began before Vietnam's midnight and one that began
 * after would otherwise date the same case a day apart.
 */
const WORKERS_START = new Date(`${addDays(vietnamToday(), 40)}T12:00:00+07:00`).getTime();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomMs = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

interface RunResult {
  snapshot: EngineSnapshot;
  kills: number;
  /** Kills that found saga events or due timers still to be handled. */
  killsWhileBusy: number;
  deadLetters: number;
}

async function runActions(
  t: TestApp,
  script: CrashScript,
  actions: CrashScript['phases'][number],
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < actions.length) {
        const action = actions[next++];
        const response = await request(t.server as never)
          [action.method](action.path)
          .set(script.headers(t, action.who))
          .send(action.body);
        if (response.status !== action.status) {
          throw new Error(
            `${action.method.toUpperCase()} ${action.path}: expected ${action.status}, got ${response.status} ${JSON.stringify(response.body)}`,
          );
        }
      }
    }),
  );
}

/**
 * Runs the script with the API in this process and the workers in a child. With `crashes`, the
 * child is SIGKILLed at a random moment of every phase (and again in every other phase while its
 * successor catches up) and started again at once.
 */
async function runScript(
  suite: string,
  script: CrashScript,
  crashes: boolean,
  ruleSetsDir: string,
): Promise<RunResult> {
  const t = await startTestApp(suite, { RUN_WORKERS: 'false', RULE_SETS_DIR: ruleSetsDir });
  const clockOffsetMs = WORKERS_START - Date.now();
  const workersNow = () => new Date(Date.now() + clockOffsetMs);
  const engine = new EngineProcess({
    DATABASE_URL: t.db.url,
    QUEUE_PREFIX: t.queuePrefix,
    JWT_SECRET: TEST_JWT_SECRET,
    CLOCK_OFFSET_MS: String(clockOffsetMs),
    RULE_SETS_DIR: ruleSetsDir,
  });
  let killsWhileBusy = 0;
  const crash = async () => {
    const work = await outstandingWork(t.db.pool, workersNow());
    if (work.sagaEvents + work.dueTimers > 0) killsWhileBusy += 1;
    await engine.restart();
  };
  try {
    await script.setup(t);
    engine.start();
    await engine.ready;
    for (const [index, phase] of script.phases.entries()) {
      // While the driver works and the child carries out the effects of what it just did.
      const killer = crashes ? sleep(randomMs(0, 200)).then(crash) : Promise.resolve();
      await runActions(t, script, phase);
      await killer;
      await engine.ready;
      if (crashes && index % 2 === 1) {
        // Again while the restarted child catches up with the backlog its predecessor left.
        await sleep(randomMs(0, 300));
        await crash();
        await engine.ready;
      }
      await waitUntilSettled(t.db.pool, workersNow, `phase ${index}`).catch((error: Error) => {
        throw new Error(`${error.message}\nengine log:\n${engine.log.slice(-3000)}`);
      });
    }
    const reader = {
      Authorization: `Bearer ${t.token('u-reader', ['organization_staff', 'inspector', 'auditor'], 'ou-crash')}`,
    };
    const snapshot = await takeSnapshot(
      t,
      reader,
      script.people.map((person) => person.id),
    );
    const { rows } = await t.db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM dead_letters',
    );
    return { snapshot, kills: engine.kills, killsWhileBusy, deadLetters: rows[0].n };
  } finally {
    await engine.kill();
    await t.close();
  }
}

describe('domain sagas and timers survive SIGKILL (workers in a child process)', () => {
  const script = crashScript(PEOPLE);
  // Group A's re-appointment term ends ~100 days out only under a one-year term (see crash-script).
  const ruleSets = oneYearTermRuleSets();
  afterAll(() => ruleSets.remove());

  it('ends in the same state as a crash-free run of the same script, with no effect twice', async () => {
    const clean = await runScript('crashfree', script, false, ruleSets.dir);
    const crashed = await runScript('crashed', script, true, ruleSets.dir);

    // The crash-free run did what every saga is for.
    const { people, cases, eventCounts } = clean.snapshot;
    const byGroup = (group: string) =>
      script.people.filter((person) => person.group === group).map((person) => person.id);
    for (const id of byGroup('A')) {
      expect(cases[`timer-opened-1-for-${id}`]).toMatchObject({
        procedure: 'reappointment',
        status: 'open',
        personId: id,
      });
      expect(people[id]).toMatchObject({
        reappointmentsDue: [expect.objectContaining({ action: 'open_case', refusal: null })],
      });
    }
    for (const id of byGroup('B')) {
      expect(
        (people[id] as { posts: { positionId: string }[] }).posts.map((post) => post.positionId),
      ).toContain(newPostOf(id));
      expect(eventCounts[`timer term-end on appointment-ab-${id} TimerScheduled`]).toBe(1);
    }
    for (const id of byGroup('C'))
      expect(cases[`rc-${id}`]).toMatchObject({
        vetting: { discipline_bar: { result: 'flagged', source: 'record' } },
      });
    // A decided reprimand bars a higher post, not the re-appointment to the post held
    // (reappointment.blockedWhile): the item cleared at vetting stays cleared.
    for (const id of byGroup('D'))
      expect(cases[`rd-${id}`]).toMatchObject({
        vetting: { discipline_bar: { result: 'cleared', source: 'record' } },
      });
    for (const id of byGroup('E')) {
      expect(cases[`re-${id}`]).toMatchObject({ status: 'withdrawn' });
      expect((people[id] as { posts: unknown[] }).posts).toEqual([]);
    }
    // Group A's case began on paper: its deadlines had passed when it was recorded (no timers).
    expect(eventCounts[`appointment-ab-${byGroup('B')[0]} DeadlineMissed`]).toBeGreaterThanOrEqual(
      1,
    );
    expect(clean.deadLetters).toBe(0);

    // The crashed run: killed many times, same end state, same number of events of every kind in every stream.
    expect(crashed.kills).toBeGreaterThanOrEqual(script.phases.length);
    expect(crashed.killsWhileBusy).toBeGreaterThanOrEqual(3);
    expect(crashed.deadLetters).toBe(0);
    expect(crashed.snapshot.eventCounts).toEqual(clean.snapshot.eventCounts);
    expect(crashed.snapshot.people).toEqual(clean.snapshot.people);
    expect(crashed.snapshot.cases).toEqual(clean.snapshot.cases);
    // Two runs of 150 people with waits for the workers to settle: about 7 minutes on a quiet
    // 2-core machine, over 10 when other suites load it; a bound on a hang, not a speed target.
  }, 900_000);
});
