import request from 'supertest';
import { EVENT_STORE, EventStore, StreamRead } from '../../src/event-store/event-store.port';
import { CaseIdBackfillLifecycle } from '../../src/procedures/case/case-id-backfill.lifecycle';
import { CASE_ID_COVERAGE_STREAM } from '../../src/procedures/case/case-id-coverage';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A store from before id reservations: its cases are reserved once, in the background where the
 * workers run; after that a case id is answered by its reservation alone, and the old cases still
 * hold their ids.
 */
describe('case ids of cases from before reservations', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const opening = (id: string, procedure: string, positionId: string) => ({
    id,
    procedure,
    definition: `${procedure === 'rotation' ? 'rotation.standard' : 'appointment.internal'}`,
    personId: 'p-pooled',
    positionId,
    orgUnitId: 'ou-town',
    summary: 'Luân chuyển về xã',
  });

  beforeAll(async () => {
    t = await startTestApp('case-id-coverage');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-commune-chair', rank: 4 },
        { id: 'pos-deputy', rank: 5 },
      ],
      people: [{ id: 'p-pooled', dateOfBirth: '1988-02-02', pool: ['pos-deputy'] }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reserves an old case once, keeps refusing its id to other procedures, and opens new cases reading no other procedure', async () => {
    await http()
      .post('/cases')
      .set(staff)
      .send(opening('x-old', 'rotation', 'pos-commune-chair'))
      .expect(201);
    // As a database written before reservations holds it: no reservation stream for the id.
    await t.db.pool.query("DELETE FROM events WHERE stream_id = 'caseid-x-old'");

    const report = await t.app.get(CaseIdBackfillLifecycle).runOnce();

    expect(report).toMatchObject({ alreadyComplete: false, reserved: 1 });
    const { rows } = await t.db.pool.query(
      "SELECT type, data FROM events WHERE stream_id = 'caseid-x-old' ORDER BY revision",
    );
    expect(rows).toEqual([
      {
        type: expect.stringMatching(/^CaseIdReserved/),
        data: { caseId: 'x-old', procedure: 'rotation', backfilled: true },
      },
    ]);
    await http().get('/cases/x-old').set(staff).expect(200);
    const refused = await http()
      .post('/cases')
      .set(staff)
      .send(opening('x-old', 'appointment', 'pos-deputy'));
    expect({ status: refused.status, body: refused.body }).toMatchObject({
      status: 409,
      body: { rule: 'case.id_taken', procedure: 'rotation' },
    });

    const store = t.app.get<EventStore>(EVENT_STORE);
    const reads = jest.spyOn(store, 'readStreams');
    await http()
      .post('/cases')
      .set(staff)
      .send(opening('x-new', 'appointment', 'pos-deputy'))
      .expect(201);
    const streamsRead = reads.mock.calls.flatMap(([read]) =>
      read.map((one: StreamRead) => one.streamId),
    );
    reads.mockRestore();
    expect(streamsRead).toContain('caseid-x-new');
    expect(
      streamsRead.filter((id) => /^(rotation|discipline|reappointment)-x-new$/.test(id)),
    ).toEqual([]);
    expect((await t.app.get(CaseIdBackfillLifecycle).runOnce()).alreadyComplete).toBe(true);
  });
});

describe('the case id backfill where the workers run', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('case-id-coverage-workers', { RUN_WORKERS: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records on start that every case id is reserved', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const deadline = Date.now() + 10_000;
    while ((await store.streamRevision(CASE_ID_COVERAGE_STREAM)) === null) {
      if (Date.now() > deadline) throw new Error('no coverage recorded within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [recorded] = await store.readStream(CASE_ID_COVERAGE_STREAM);
    expect(recorded).toMatchObject({
      type: 'CaseIdsAllReserved',
      data: { cases: 0, reserved: 0, heldByAnother: 0 },
      metadata: { actorId: 'system:case-ids' },
    });
  });
});
