import { ChildProcess, spawn } from 'node:child_process';
import { TestCommandBus } from './support/test-command-bus';
import * as path from 'node:path';
import { systemClock } from '../../src/common/clock';
import { timerIdFor, timerStreamId } from '../../src/jobs/timers/timer.events';
import { SagasRuntime } from '../../src/sagas/sagas-runtime';
import { notesOf } from '../jobs/support/demo-notes';
import { createJobsHarness, JobsHarness, waitFor } from '../jobs/support/jobs-harness';
import { demoSaga, followUpStream, wireDemo } from './support/demo-saga';
import { openDemoCase } from './support/demo-events';

const ROOT = path.resolve(__dirname, '../..');
const CASES = 150;

interface ChildRun {
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  ready: Promise<void>;
  output: () => string;
  child: ChildProcess;
}

/**
 * Real crashes: the engine runs in a child process (plain `node`, TypeScript compiled on load by
 * swc) and dies by SIGKILL — once exactly between an event's effects and its checkpoint (the child
 * kills itself there), then at random moments chosen by this driver.
 */
describe('saga and timers survive SIGKILL (child process)', () => {
  let h: JobsHarness;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    h = await createJobsHarness('sagacrash');
  });
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await h?.close();
  });

  function runChild(env: Record<string, string>): ChildRun {
    const child = spawn(
      process.execPath,
      ['-r', './test/support/swc-register.js', 'test/sagas/support/crash-child.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: h.db.url, JOBS_PREFIX: h.prefix, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let out = '';
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) markReady();
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    return { exit, ready, output: () => out, child };
  }

  const checkpoint = async () =>
    (
      await h.db.pool.query<{ position: string | null }>(
        'SELECT position FROM saga_checkpoints WHERE name = $1',
        [demoSaga.name],
      )
    ).rows[0]?.position ?? null;

  it('kills between effect and checkpoint and at random moments; the end state has every effect exactly once', async () => {
    const opened: Awaited<ReturnType<typeof openDemoCase>>[] = [];
    for (let i = 0; i < CASES; i += 1) opened.push(await openDemoCase(h.store));
    const byEventId = new Map(opened.map((c) => [c.eventId, c]));

    // 1. Crashes at the worst moment: effects done, checkpoint not stored.
    for (const crashAfter of [3, 7, 5]) {
      const run = runChild({ CRASH_AFTER_EFFECTS: String(crashAfter) });
      const { signal } = await run.exit;
      expect(signal).toBe('SIGKILL');
      const match = /crashing-after (\S+) (\S+)/.exec(run.output());
      expect(match).not.toBeNull();
      const crashed = byEventId.get(match![1])!;
      // The effect of the event is stored, its checkpoint is not: a restart will deliver it again.
      expect(await notesOf(h.store, followUpStream(crashed.caseId))).toContain('follow-up');
      expect(await checkpoint()).not.toBe(crashed.position);
    }

    // 2. Crashes at random moments while the saga and the timer worker are busy.
    for (let round = 0; round < 4; round += 1) {
      const run = runChild({});
      await run.ready;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 400)));
      run.child.kill('SIGKILL');
      const { signal } = await run.exit;
      expect(signal).toBe('SIGKILL');
    }

    // 3. A clean restart (in this process) finishes the work.
    const jobs = h.runtime(systemClock);
    const commands = new TestCommandBus();
    const sagas = new SagasRuntime({
      store: h.store,
      pool: h.db.pool,
      clock: systemClock,
      jobs,
      commands,
      retry: { attempts: 3, backoffMs: 20 },
      log: () => {},
    });
    wireDemo(h.store, commands, jobs.timerHandlers);
    sagas.register(demoSaga);
    try {
      await jobs.start();
      await sagas.start();
      const last = opened[opened.length - 1];
      await waitFor(
        async () => (await checkpoint()) === last.position,
        'the saga to finish',
        30000,
      );
      await waitFor(
        async () => {
          for (const { eventId } of opened) {
            const timer = await h.store.readStream(
              timerStreamId(timerIdFor(eventId, 'demo-reminder')),
            );
            if (!timer.some((e) => e.type === 'TimerFired')) return false;
          }
          return true;
        },
        'every reminder timer to fire (stalled jobs are taken up again after the lock expires)',
        30000,
      );
    } finally {
      await sagas.stop();
    }

    for (const { caseId, eventId } of opened) {
      expect((await notesOf(h.store, followUpStream(caseId))).sort()).toEqual([
        'follow-up',
        'reminder',
      ]);
      const timer = await h.store.readStream(timerStreamId(timerIdFor(eventId, 'demo-reminder')));
      expect(timer.map((e) => e.type)).toEqual(['TimerScheduled', 'TimerFired']);
    }
    const { rows } = await h.db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM events WHERE stream_id LIKE 'demofollowup-%'`,
    );
    expect(Number(rows[0].n)).toBe(2 * CASES);
    expect(await jobs.deadLetters.list()).toEqual([]);
  }, 120000);
});
