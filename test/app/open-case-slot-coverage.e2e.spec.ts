import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { OpenCaseSlotBackfillLifecycle } from '../../src/procedures/case/open-case-slot-backfill.lifecycle';
import { OPEN_CASE_SLOT_COVERAGE_STREAM } from '../../src/procedures/case/open-case-slot-coverage';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A store from before open-case slots: an open case holds its post with no claim, the case list
 * answering for it. The backfill claims it once, in the background where the workers run; after
 * that the claim alone holds the post, whatever the case list shows.
 */
describe('open cases from before open-case slots', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const opening = (id: string) => ({
    id,
    procedure: 'appointment',
    definition: 'appointment.internal',
    personId: 'p-an',
    positionId: 'pos-deputy',
    orgUnitId: 'ou-town',
    summary: 'Bổ nhiệm Phó Chủ tịch',
  });

  beforeAll(async () => {
    t = await startTestApp('slot-coverage');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-deputy', rank: 5 }],
      people: [{ id: 'p-an', dateOfBirth: '1985-03-03', pool: ['pos-deputy'] }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('claims an old open case once; its claim then holds the post until the case is closed', async () => {
    await http().post('/cases').set(staff).send(opening('c-old')).expect(201);
    // As a database written before slots holds it: no claim in the slot stream.
    await t.db.pool.query(
      "DELETE FROM events WHERE stream_id = 'caseslot-appointment/p-an/pos-deputy'",
    );

    const report = await t.app.get(OpenCaseSlotBackfillLifecycle).runOnce();

    expect(report).toMatchObject({ alreadyComplete: false, cases: 1, claimed: 1 });
    const { rows } = await t.db.pool.query(
      "SELECT type, data FROM events WHERE stream_id = 'caseslot-appointment/p-an/pos-deputy'",
    );
    expect(rows).toEqual([
      {
        type: expect.stringMatching(/^OpenCaseSlotClaimed/),
        data: { caseId: 'c-old', backfilled: true },
      },
    ]);
    // The case list no longer names it (a lagging or rebuilt list): the claim still holds the post.
    await t.db.pool.query("DELETE FROM case_summaries WHERE case_id = 'c-old'");
    const refused = await http().post('/cases').set(staff).send(opening('c-new'));
    expect({ status: refused.status, body: refused.body }).toMatchObject({
      status: 409,
      body: { rule: 'case.duplicate_open', openCaseId: 'c-old' },
    });
    await http().post('/cases/c-old/withdraw').set(staff).send({ reason: 'x' }).expect(200);
    await http().post('/cases').set(staff).send(opening('c-new')).expect(201);
    expect((await t.app.get(OpenCaseSlotBackfillLifecycle).runOnce()).alreadyComplete).toBe(true);
  });
});

describe('the open-case slot backfill where the workers run', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('slot-coverage-workers', { RUN_WORKERS: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records on start that every open case holds its slot', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const deadline = Date.now() + 10_000;
    while ((await store.streamRevision(OPEN_CASE_SLOT_COVERAGE_STREAM)) === null) {
      if (Date.now() > deadline) throw new Error('no coverage recorded within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [recorded] = await store.readStream(OPEN_CASE_SLOT_COVERAGE_STREAM);
    expect(recorded).toMatchObject({
      type: 'OpenCaseSlotsAllClaimed',
      data: { cases: 0, claimed: 0 },
      metadata: { actorId: 'system:case-slots' },
    });
  });
});
