import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { NewEvent } from '../../src/event-store/event-envelope';
import { WrongExpectedRevision } from '../../src/event-store/event-store.errors';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { RecordOrigins } from '../../src/identity/record-origins';
import { CaseIdReservations } from '../../src/procedures/case/case-id-reservations';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** A case id names one case, whatever its procedure: reusing it in another procedure is 409. */
describe('one case id space across procedures', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let inspector: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('case-ids');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    inspector = { Authorization: `Bearer ${t.token('u-inspector', ['inspector'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-commune-chair', rank: 4 },
        { id: 'pos-deputy', rank: 5 },
        { id: 'pos-clerk', rank: 2 },
      ],
      people: [
        { id: 'p-pooled', dateOfBirth: '1988-02-02', pool: ['pos-deputy'] },
        {
          id: 'p-held',
          posts: [
            { positionId: 'pos-clerk', from: addDays(today, -900), termEnd: addDays(today, 900) },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const appointment = (id: string, positionId = 'pos-deputy') => ({
    id,
    procedure: 'appointment',
    definition: 'appointment.internal',
    personId: 'p-pooled',
    positionId,
    orgUnitId: 'ou-town',
    summary: 'Bổ nhiệm Phó trưởng phòng',
  });
  const rotation = (id: string) => ({
    id,
    procedure: 'rotation',
    definition: 'rotation.standard',
    personId: 'p-pooled',
    positionId: 'pos-commune-chair',
    orgUnitId: 'ou-town',
    summary: 'Luân chuyển về xã',
  });
  const discipline = (id: string) => ({
    id,
    definition: 'discipline.party',
    personId: 'p-held',
    positionId: 'pos-clerk',
    orgUnitId: 'ou-town',
    summary: 'Vi phạm quy định quản lý đất đai',
    violation: {
      category: 'land_management',
      // One violation per case id: one discipline per violation and track
      // (discipline.violation_already_handled) would refuse a second case on one act.
      committedOn: addDays(today, -200 - [...id].reduce((sum, c) => sum + c.charCodeAt(0), 0)),
      description: 'Ký cấp đất sai quy hoạch',
      source: 'inspection',
      severity: 'warning',
    },
  });
  const withdraw = (id: string) =>
    http().post(`/cases/${id}/withdraw`).set(staff).send({ reason: 'test' }).expect(200);

  it('refuses a rotation case with the id of an appointment case (409 case.id_taken), and a retry of the first request still answers its 201', async () => {
    const first = await http()
      .post('/cases')
      .set(staff)
      .set('Idempotency-Key', 'open-x-1')
      .send(appointment('x-1'))
      .expect(201);
    const refused = await http().post('/cases').set(staff).send(rotation('x-1'));
    expect({ status: refused.status, type: refused.type, body: refused.body }).toMatchObject({
      status: 409,
      type: 'application/problem+json',
      body: { rule: 'case.id_taken', procedure: 'appointment', status: 409 },
    });
    expect(refused.body.detail).toContain('appointment');
    const retried = await http()
      .post('/cases')
      .set(staff)
      .set('Idempotency-Key', 'open-x-1')
      .send(appointment('x-1'))
      .expect(201);
    expect(retried.body).toEqual(first.body);
    const read = await http().get('/cases/x-1').set(staff).expect(200);
    expect(read.body).toMatchObject({ id: 'x-1', procedure: 'appointment' });
    const { rows } = await t.db.pool.query(
      "SELECT stream_id FROM events WHERE stream_id LIKE '%-x-1' AND stream_id <> 'caseid-x-1'",
    );
    expect(rows.map((row) => row.stream_id as string)).toEqual(
      expect.not.arrayContaining(['rotation-x-1']),
    );
    await withdraw('x-1');
  });

  it('refuses a discipline case with the id of an appointment case, and an appointment case with the id of a discipline case', async () => {
    await http().post('/cases').set(staff).send(appointment('x-2')).expect(201);
    const refusedDiscipline = await http()
      .post('/discipline-cases')
      .set(inspector)
      .send(discipline('x-2'));
    expect({ status: refusedDiscipline.status, body: refusedDiscipline.body }).toMatchObject({
      status: 409,
      body: { rule: 'case.id_taken', procedure: 'appointment' },
    });
    await withdraw('x-2');

    await http().post('/discipline-cases').set(inspector).send(discipline('d-1')).expect(201);
    const refusedAppointment = await http().post('/cases').set(staff).send(appointment('d-1'));
    expect({ status: refusedAppointment.status, body: refusedAppointment.body }).toMatchObject({
      status: 409,
      body: { rule: 'case.id_taken', procedure: 'discipline' },
    });
    // The case API does not reach a discipline case: it is not found there, and a grant that
    // reaches it is told where it is read (case.other_kind).
    const asCase = await http().get('/cases/d-1').set(staff).expect(404);
    expect(asCase.body).toMatchObject({ rule: 'case.other_kind', path: '/discipline-cases/d-1' });
    await http().get('/discipline-cases/d-1').set(inspector).expect(200);
  });

  it('still answers case.exists for the same id in the same procedure', async () => {
    await http().post('/cases').set(staff).send(appointment('x-3')).expect(201);
    const again = await http().post('/cases').set(staff).send(appointment('x-3'));
    expect({ status: again.status, rule: again.body.rule }).toEqual({
      status: 409,
      rule: 'case.exists',
    });
    await withdraw('x-3');
  });

  it('lets exactly one of two concurrent openers of one id in two procedures through', async () => {
    const answers = await Promise.all([
      http().post('/cases').set(staff).send(appointment('x-4')),
      http().post('/cases').set(staff).send(rotation('x-4')),
    ]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 409]);
    const loser = answers.find((answer) => answer.status === 409)!;
    expect(loser.body.rule).toBe('case.id_taken');
    const { rows } = await t.db.pool.query<{ n: number }>(
      "SELECT count(DISTINCT stream_id)::int AS n FROM events WHERE stream_id IN ('appointment-x-4', 'rotation-x-4')",
    );
    expect(rows[0].n).toBe(1);
    const winner = answers.find((answer) => answer.status === 201)!;
    await withdraw(winner.body.id as string);
  });

  it("reads a new case's id once: the scope check's read serves the opening's checks and reservation", async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const reads = jest.spyOn(store, 'readStreams');
    try {
      await http().post('/cases').set(staff).send(appointment('x-12')).expect(201);
      const ofTheId = reads.mock.calls.filter(
        ([streams]) => streams[0]?.streamId === 'caseid-x-12',
      );
      expect(ofTheId).toHaveLength(1);
    } finally {
      reads.mockRestore();
    }
    await withdraw('x-12');
  });

  it('still refuses to reserve an id that another opener reserved after the scope check read it', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const metadata = {
      actorId: 'other-instance',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
    };
    expect(await t.app.get(RecordOrigins).procedureOfCase('x-13')).toBeNull();
    await reserveForRotation(store, 'x-13', metadata);
    const planned = await t.app
      .get(CaseIdReservations)
      .readOnce('x-13')
      .planReservation('x-13', 'appointment', metadata);
    expect(planned?.expectedRevision).toBe('no_stream');
    await expect(store.appendMany([planned!])).rejects.toBeInstanceOf(WrongExpectedRevision);
  });

  it('finds and guards a case opened before id reservations existed', async () => {
    await http().post('/cases').set(staff).send(rotation('x-legacy')).expect(201);
    // As a database written before this release holds it: no reservation stream for the id.
    await t.db.pool.query("DELETE FROM events WHERE stream_id = 'caseid-x-legacy'");
    await http().get('/cases/x-legacy').set(staff).expect(200);
    const refused = await http().post('/cases').set(staff).send(appointment('x-legacy'));
    expect({ status: refused.status, body: refused.body }).toMatchObject({
      status: 409,
      body: { rule: 'case.id_taken', procedure: 'rotation' },
    });
    await withdraw('x-legacy');
  });

  it('answers a reserved id whose opener died from the store each time, never from a kept lookup: released, the id opens in another procedure', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const metadata = {
      actorId: 'u-staff',
      correlationId: 'died',
      causationId: null,
      occurredAt: new Date().toISOString(),
    };
    // An opener reserved x-died for a rotation case and died before writing the case.
    await reserveForRotation(store, 'x-died', metadata);
    // Every lookup of the id meanwhile: the case routes' scope check, the case service, the opener's check.
    await http().get('/cases/x-died').set(staff).expect(403);
    await http().post('/cases/x-died/withdraw').set(staff).send({ reason: 'test' }).expect(403);
    const taken = await http().post('/cases').set(staff).send(appointment('x-died'));
    expect({ status: taken.status, rule: taken.body.rule }).toEqual({
      status: 409,
      rule: 'case.id_taken',
    });
    // The reservation is released (as the opener's undo, or a later opener once it is abandoned, does).
    await store.append(
      'caseid-x-died',
      [
        {
          id: randomUUID(),
          type: 'CaseIdReleased',
          data: { caseId: 'x-died', procedure: 'rotation', reason: 'not_opened' },
          metadata,
        },
      ],
      { expectedRevision: 0 },
    );
    await http().post('/cases').set(staff).send(appointment('x-died')).expect(201);
    const read = await http().get('/cases/x-died').set(staff).expect(200);
    expect(read.body).toMatchObject({ id: 'x-died', procedure: 'appointment' });
    await withdraw('x-died');
  });

  it('frees an id whose opening was refused after the reservation (another case holds the post)', async () => {
    await http().post('/cases').set(staff).send(appointment('x-5')).expect(201);
    const duplicate = await http().post('/cases').set(staff).send(appointment('x-6'));
    expect(duplicate.body.rule).toBe('case.duplicate_open');
    // x-6 was never opened: another procedure may use the id.
    await http().post('/discipline-cases').set(inspector).send(discipline('x-6')).expect(201);
    await withdraw('x-5');
  });

  it('writes an opening in one transaction: the id reservation, the slot claim and the case, or none of them', async () => {
    await http().post('/cases').set(staff).send(appointment('x-7')).expect(201);
    const { rows } = await t.db.pool.query<{ stream_id: string; transaction_id: string }>(
      `SELECT stream_id, transaction_id::text FROM events
        WHERE stream_id IN ('caseid-x-7', 'appointment-x-7')
           OR (stream_id LIKE 'caseslot-appointment/p-pooled/pos-deputy' AND data->>'caseId' = 'x-7')
        ORDER BY global_position`,
    );
    expect(rows.map((row) => row.stream_id).sort()).toEqual([
      'appointment-x-7',
      'caseid-x-7',
      'caseslot-appointment/p-pooled/pos-deputy',
    ]);
    expect(new Set(rows.map((row) => row.transaction_id)).size).toBe(1);
    await withdraw('x-7');
  });

  it('writes a closing and its slot release in one transaction, and the post opens again at once', async () => {
    await http().post('/cases').set(staff).send(appointment('x-8')).expect(201);
    await withdraw('x-8');
    const { rows } = await t.db.pool.query<{ type: string; transaction_id: string }>(
      `SELECT type, transaction_id::text FROM events
        WHERE (stream_id = 'appointment-x-8' AND type LIKE 'CaseWithdrawn%')
           OR (stream_id = 'caseslot-appointment/p-pooled/pos-deputy'
               AND type LIKE 'OpenCaseSlotReleased%' AND data->>'caseId' = 'x-8')`,
    );
    expect(rows.map((row) => row.type.replace(/\.v\d+$/, '')).sort()).toEqual([
      'CaseWithdrawn',
      'OpenCaseSlotReleased',
    ]);
    expect(new Set(rows.map((row) => row.transaction_id)).size).toBe(1);
    // Marked as released in its own write: the release saga leaves it be.
    const closing = await t.db.pool.query<{ written_with: string[] }>(
      `SELECT metadata->'writtenWith' AS written_with FROM events
        WHERE stream_id = 'appointment-x-8' AND type LIKE 'CaseWithdrawn%'`,
    );
    expect(closing.rows[0].written_with).toContain('open-case-slot-release');
    await http().post('/cases').set(staff).send(appointment('x-9')).expect(201);
    await withdraw('x-9');
  });

  it("releases a slot written to behind this process's back since the opening: the kept claim is refused, the closing reads the slot", async () => {
    const slot = 'caseslot-appointment/p-pooled/pos-deputy';
    await http().post('/cases').set(staff).send(appointment('x-10')).expect(201);
    // Another instance's repair: the slot released and claimed again for the same case.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const claimedAt = await store.streamRevision(slot);
    const metadata = {
      actorId: 'other-instance',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
    };
    await store.append(
      slot,
      [
        { type: 'OpenCaseSlotReleased', data: { caseId: 'x-10', reason: 'repair' } },
        { type: 'OpenCaseSlotClaimed', data: { caseId: 'x-10' } },
      ].map((event) => ({ id: randomUUID(), ...event, metadata })),
      { expectedRevision: claimedAt! },
    );
    await withdraw('x-10');
    const { rows } = await t.db.pool.query<{ revision: string; type: string }>(
      `SELECT revision, type FROM events WHERE stream_id = $1 AND revision > $2 ORDER BY revision`,
      [slot, claimedAt],
    );
    expect(rows.map((row) => row.type.replace(/\.v\d+$/, ''))).toEqual([
      'OpenCaseSlotReleased',
      'OpenCaseSlotClaimed',
      'OpenCaseSlotReleased',
    ]);
    await http().post('/cases').set(staff).send(appointment('x-11')).expect(201);
    await withdraw('x-11');
  });
});

/** A reservation for a rotation case written straight to the store, as another instance would. */
async function reserveForRotation(
  store: EventStore,
  caseId: string,
  metadata: NewEvent['metadata'],
): Promise<void> {
  const reserved = { caseId, procedure: 'rotation' };
  await store.append(
    `caseid-${caseId}`,
    [{ id: randomUUID(), type: 'CaseIdReserved', data: reserved, metadata }],
    { expectedRevision: 'no_stream' },
  );
}
