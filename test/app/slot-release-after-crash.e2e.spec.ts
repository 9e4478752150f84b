import request from 'supertest';
import { CaseContextFactory } from '../../src/procedures/case/case-context.factory';
import { caseStream } from '../../src/procedures/case/case-stream';
import { openCaseSlotStream } from '../../src/procedures/case/open-case-slot';
import { runStreamCommand } from '../../src/common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { caseDecider } from '../../src/procedures/case/decider/case.decider';
import { waitFor } from '../jobs/support/jobs-harness';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A case closed by an append whose process died before freeing the open-case slot (or a retry
 * answered from the idempotency store) must not hold the slot: the release saga frees it.
 */
describe('the open-case slot of a case closed without its release', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const body = (id: string) => ({
    id,
    procedure: 'appointment',
    definition: 'appointment.internal',
    personId: 'p-one',
    positionId: 'pos-deputy',
    orgUnitId: 'ou-town',
    summary: 'Bổ nhiệm',
  });

  beforeAll(async () => {
    ({ t, staff } = await startWithOnePerson('slot_release', 'true'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is released by the saga, with no other open needed, and the next case opens', async () => {
    await http().post('/cases').set(staff).send(body('c-first')).expect(201);
    // The withdrawal is appended straight to the case stream: the inline release never runs.
    await withdrawWithoutRelease(t, 'c-first');
    const store = t.app.get<EventStore>(EVENT_STORE);
    // Nobody opens another case meanwhile: the saga alone writes the release.
    const slot = openCaseSlotStream({
      procedure: 'appointment',
      personId: 'p-one',
      positionId: 'pos-deputy',
    });
    const released = await waitFor(
      async () => {
        const events = await store.readStream(slot);
        return events.at(-1)?.type === 'OpenCaseSlotReleased' ? events : undefined;
      },
      'the release saga to free the slot',
      30_000,
    );
    expect(released.map((e) => [e.type, e.data])).toEqual([
      ['OpenCaseSlotClaimed', { caseId: 'c-first' }],
      ['OpenCaseSlotReleased', { caseId: 'c-first', reason: 'withdrawn' }],
    ]);
    const opened = await http().post('/cases').set(staff).send(body('c-second')).expect(201);
    expect(opened.body).toMatchObject({ id: 'c-second', status: 'open' });
  });
});

describe('a new open over a holder that closed without its release', () => {
  let t: TestApp;
  let staff: Record<string, string>;

  beforeAll(async () => {
    // No workers: the release saga does not run, so the next open finds the stale holder.
    ({ t, staff } = await startWithOnePerson('slot_stale_holder', 'false'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('releases that holder in the same append as its own claim: one release per claim', async () => {
    const http = () => request(t.server as never);
    const open = (id: string) =>
      http().post('/cases').set(staff).send({
        id,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-one',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm',
      });
    await open('c-a').expect(201);
    await withdrawWithoutRelease(t, 'c-a');
    await open('c-b').expect(201);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const events = await store.readStream(
      openCaseSlotStream({ procedure: 'appointment', personId: 'p-one', positionId: 'pos-deputy' }),
    );
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['OpenCaseSlotClaimed', { caseId: 'c-a' }],
      ['OpenCaseSlotReleased', { caseId: 'c-a', reason: 'closed' }],
      ['OpenCaseSlotClaimed', { caseId: 'c-b' }],
    ]);
  });
});

/** Appends a withdrawal straight to the case stream, as if the process died before the release. */
async function withdrawWithoutRelease(t: TestApp, caseId: string): Promise<void> {
  const contexts = t.app.get(CaseContextFactory);
  const store = t.app.get<EventStore>(EVENT_STORE);
  const actor = { userId: 'u-staff', roles: ['organization_staff'], orgUnit: 'ou-town' };
  await runStreamCommand(
    store,
    caseStream('appointment', caseId),
    caseDecider,
    { type: 'WithdrawCase', data: { reason: 'the process died before the release' } },
    {
      metadata: {
        actorId: 'u-staff',
        correlationId: 'crash-test',
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
      context: (state) => contexts.build(actor, contexts.pinned(state), 'ou-town'),
    },
  );
}

/** A service with one person in the planning pool for one post, and a staff user's headers. */
async function startWithOnePerson(
  suite: string,
  runWorkers: 'true' | 'false',
): Promise<{ t: TestApp; staff: Record<string, string> }> {
  const t = await startTestApp(suite, { RUN_WORKERS: runWorkers });
  const staff = {
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  };
  await buildRegistry(t, staff, {
    positions: [{ id: 'pos-deputy', rank: 5 }],
    people: [{ id: 'p-one', pool: ['pos-deputy'] }],
  });
  return { t, staff };
}
