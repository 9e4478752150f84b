import { systemClock } from '../../src/common/clock';
import { JobsRuntime } from '../../src/jobs/jobs-runtime';
import { SagasRuntime } from '../../src/sagas/sagas-runtime';
import { notesOf } from '../jobs/support/demo-notes';
import { createJobsHarness, JobsHarness, waitFor } from '../jobs/support/jobs-harness';
import { demoSaga, followUpStream, wireDemo } from './support/demo-saga';
import { openDemoCase } from './support/demo-events';
import { TestCommandBus } from './support/test-command-bus';

/**
 * A saga keyed by case (the demo saga, as the step-deadlines saga) on the real store: a case whose
 * follow-up keeps failing holds back neither the other cases nor its own checkpoint's honesty.
 */
describe('saga lanes on PostgreSQL', () => {
  let h: JobsHarness;
  let jobs: JobsRuntime;
  let sagas: SagasRuntime;
  const failFor = new Set<string>();

  beforeAll(async () => {
    h = await createJobsHarness('sagalanes');
    const commands = new TestCommandBus();
    jobs = h.runtime(systemClock);
    sagas = new SagasRuntime({
      store: h.store,
      pool: h.db.pool,
      clock: systemClock,
      jobs,
      commands,
      // Retries far apart: one at a time, the other cases would wait 35 s behind this one.
      retry: { attempts: 4, backoffMs: 5000 },
      log: () => {},
    });
    wireDemo(h.store, commands, jobs.timerHandlers, failFor);
    sagas.register(demoSaga);
    await jobs.start();
    await sagas.start();
  });
  afterAll(async () => {
    await sagas?.stop();
    await h?.close();
  });

  const checkpoint = () => sagas.runner(demoSaga.name)!.checkpoint();

  it('goes on with other cases while one case retries, and stores no checkpoint past that case until it succeeds', async () => {
    const before = await openDemoCase(h.store);
    await waitFor(async () => (await checkpoint()) === before.position, 'the first checkpoint');

    const stuck = await openDemoCase(h.store);
    failFor.add(stuck.caseId);
    const others: Awaited<ReturnType<typeof openDemoCase>>[] = [];
    for (let i = 0; i < 5; i += 1) others.push(await openDemoCase(h.store));

    // Every other case's follow-up is written during the stuck case's first backoff (5 s).
    await waitFor(
      async () => {
        for (const { caseId } of others)
          if (!(await notesOf(h.store, followUpStream(caseId))).includes('follow-up')) return false;
        return true;
      },
      'the other cases’ follow-ups',
      4000,
    );
    // Their events are done, the stuck one is not: the checkpoint stays where it was.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await checkpoint()).toBe(before.position);
    expect(await notesOf(h.store, followUpStream(stuck.caseId))).toEqual([]);
    expect(await jobs.deadLetters.list({ source: 'saga' })).toEqual([]);

    // Once its follow-up succeeds (at the next attempt), the checkpoint passes every case.
    failFor.delete(stuck.caseId);
    await waitFor(
      async () => (await checkpoint()) === others.at(-1)!.position,
      'the checkpoint past every case',
      15_000,
    );
    expect(await notesOf(h.store, followUpStream(stuck.caseId))).toContain('follow-up');
    expect(await jobs.deadLetters.list({ source: 'saga' })).toEqual([]);
  });
});
