import { systemClock } from '../../src/common/clock';
import { JobsRuntime } from '../../src/jobs/jobs-runtime';
import { timerIdFor, timerStreamId } from '../../src/jobs/timers/timer.events';
import { Ignore, Saga, Send } from '../../src/sagas/saga';
import { WorkflowCommand } from '../../src/sagas/workflow-command';
import { TestCommandBus } from './support/test-command-bus';
import { sagaDeadLetterKey } from '../../src/sagas/saga-runner';
import { SagasRuntime } from '../../src/sagas/sagas-runtime';
import { notesOf } from '../jobs/support/demo-notes';
import { createJobsHarness, JobsHarness, waitFor } from '../jobs/support/jobs-harness';
import { demoSaga, followUpStream, wireDemo } from './support/demo-saga';
import { openDemoCase } from './support/demo-events';

describe('saga runner (PostgreSQL subscription + checkpoints)', () => {
  let h: JobsHarness;
  let jobs: JobsRuntime;
  let sagas: SagasRuntime;
  const failFor = new Set<string>();
  const otherSagaSaw: string[] = [];

  /** A second saga over the same events: it must keep going while the demo saga is stuck on one. */
  class Count extends WorkflowCommand {}
  const countingSaga: Saga = {
    name: 'demo-counter',
    filter: { eventTypes: ['DemoCaseOpened'] },
    handle(event) {
      otherSagaSaw.push(String(event.data.caseId));
      return [Send(new Count()), Ignore('demo')];
    },
  };

  beforeAll(async () => {
    h = await createJobsHarness('sagas');
    const commands = new TestCommandBus().on(Count, async () => {});
    jobs = h.runtime(systemClock);
    sagas = new SagasRuntime({
      store: h.store,
      pool: h.db.pool,
      clock: systemClock,
      jobs,
      commands,
      retry: { attempts: 3, backoffMs: 20 },
      log: () => {},
    });
    wireDemo(h.store, commands, jobs.timerHandlers, failFor);
    sagas.register(demoSaga).register(countingSaga);
    await jobs.start();
    await sagas.start();
  });
  afterAll(async () => {
    await sagas?.stop();
    await h?.close();
  });

  const checkpointOf = async (name: string) =>
    (
      await h.db.pool.query<{ position: string | null; events_parked: string }>(
        'SELECT position, events_parked FROM saga_checkpoints WHERE name = $1',
        [name],
      )
    ).rows[0];
  const eventCount = async () =>
    Number((await h.db.pool.query('SELECT count(*) AS n FROM events')).rows[0].n);

  /** The saga is past `position` and every case's reminder timer has fired (TimerFired comes after the handler's note). */
  async function settled(
    cases: { caseId: string; eventId: string }[],
    position: string,
  ): Promise<void> {
    await waitFor(
      async () => (await checkpointOf(demoSaga.name))?.position === position,
      'the saga checkpoint',
    );
    await waitFor(async () => {
      for (const { caseId, eventId } of cases) {
        if ((await notesOf(h.store, followUpStream(caseId))).length < 2) return false;
        const timer = await h.store.readStream(timerStreamId(timerIdFor(eventId, 'demo-reminder')));
        if (!timer.some((e) => e.type === 'TimerFired')) return false;
      }
      return true;
    }, 'follow-ups and fired reminders');
  }

  it('each case opened causes one follow-up and one fired timer; redelivery from an old checkpoint appends nothing', async () => {
    const opened: Awaited<ReturnType<typeof openDemoCase>>[] = [];
    for (let i = 0; i < 5; i += 1) opened.push(await openDemoCase(h.store));
    const last = opened[opened.length - 1];
    await settled(opened, last.position);
    for (const { caseId, eventId } of opened) {
      expect((await notesOf(h.store, followUpStream(caseId))).sort()).toEqual([
        'follow-up',
        'reminder',
      ]);
      const timer = await h.store.readStream(timerStreamId(timerIdFor(eventId, 'demo-reminder')));
      expect(timer.map((e) => e.type)).toEqual(['TimerScheduled', 'TimerFired']);
      expect(timer[0].metadata).toMatchObject({
        actorId: 'system:saga:demo-follow-up',
        causationId: eventId,
      });
    }
    const before = await eventCount();

    // Restart the runner from an old checkpoint (the start): every event is delivered again.
    await sagas.stop();
    await h.db.pool.query(`UPDATE saga_checkpoints SET position = NULL WHERE name = $1`, [
      demoSaga.name,
    ]);
    await sagas.start();
    await waitFor(
      async () => (await checkpointOf(demoSaga.name))?.position === last.position,
      'the replayed checkpoint',
    );
    // And the same event handled twice more, directly.
    const event = (await h.store.readStream(`democase-${opened[0].caseId}`))[0];
    await sagas.runner(demoSaga.name)!.execute(event);
    await sagas.runner(demoSaga.name)!.execute(event);
    await jobs.reconciler.reconcile();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await eventCount()).toBe(before);
  });

  it('an event whose outputs keep failing is retried, parked in dead_letters, and the sagas move on; replay resolves it', async () => {
    const poison = await openDemoCase(h.store);
    failFor.add(poison.caseId);
    const after = [await openDemoCase(h.store), await openDemoCase(h.store)];
    await settled(after, after[1].position);
    expect(otherSagaSaw).toEqual(
      expect.arrayContaining([poison.caseId, ...after.map((c) => c.caseId)]),
    );

    const [parked] = await jobs.deadLetters.list({ source: 'saga' });
    expect(parked).toMatchObject({
      key: sagaDeadLetterKey(demoSaga.name, poison.eventId),
      status: 'parked',
      attempts: 3,
      jobName: 'saga.replay',
      errorMessage: `follow-up refused for ${poison.caseId}`,
    });
    expect(Number((await checkpointOf(demoSaga.name)).events_parked)).toBe(1);
    expect(await notesOf(h.store, followUpStream(poison.caseId))).toEqual([]);

    failFor.delete(poison.caseId);
    expect((await jobs.deadLetterService.replay(parked.id)).kind).toBe('replayed');
    await waitFor(
      async () => (await jobs.deadLetters.get(parked.id))?.status === 'resolved',
      'the replay to resolve',
    );
    await waitFor(
      async () => (await notesOf(h.store, followUpStream(poison.caseId))).length === 2,
      'follow-up and reminder',
    );
    expect((await notesOf(h.store, followUpStream(poison.caseId))).sort()).toEqual([
      'follow-up',
      'reminder',
    ]);
    expect((await jobs.deadLetterService.replay(parked.id)).kind).toBe('not-parked');
  });
});
