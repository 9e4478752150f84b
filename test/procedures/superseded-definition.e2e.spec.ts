import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A new case opens under the version of its procedure in force on its opening day: one a newer
 * version replaced by then (discipline.party@1 judged the form ballot by a wrong rule) is refused
 * 422 `definition.superseded`, naming the version asked and the one in force, and writes nothing.
 * The records clerk's case kept on paper counts the version in force on the day it began. Before,
 * every version ever loaded opened new cases.
 */
describe('a new case pinning a superseded definition version', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(userId, roles, 'ou-town')}`,
  });
  const staff = () => as('staff-1', ['organization_staff']);
  const clerk = () => as('clerk-1', ['organization_staff', 'records_clerk']);
  // The streams the refused openings write first (the cases' own, their ids', p-a's slots): not
  // the whole store, where sagas and timers keep writing.
  const eventCount = () => streamEventCount(t.db.pool, ['%-c-old', '%-d-old', 'caseslot-%/p-a/%']);
  const appointment = (overrides: Record<string, unknown>) => ({
    procedure: 'appointment',
    personId: 'p-a',
    positionId: 'pos-head',
    orgUnitId: 'ou-town',
    summary: 'Bổ nhiệm Trưởng phòng',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp('superseded_definition');
    await buildRegistry(t, staff(), {
      positions: [
        { id: 'pos-head', rank: 4 },
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-new', rank: 3 },
      ],
      people: [
        {
          id: 'p-a',
          posts: [{ positionId: 'pos-deputy', from: '2021-01-01', termEnd: addDays(today, 900) }],
          pool: ['pos-head'],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses appointment.internal@1 and discipline.party@1 today, naming the version in force; nothing written', async () => {
    const before = await eventCount();
    const oldAppointment = await http()
      .post('/cases')
      .set(staff())
      .send(appointment({ id: 'c-old', definition: 'appointment.internal@1' }))
      .expect(422);
    expect(oldAppointment.body).toMatchObject({
      rule: 'definition.superseded',
      field: 'definition',
      asked: 'appointment.internal@1',
      inForce: 'appointment.internal@3',
    });
    expect(oldAppointment.body.detail).toContain(
      'appointment.internal@1 is superseded on ' + today + ' by appointment.internal@3',
    );
    const oldBallot = await http()
      .post('/discipline-cases')
      .set(as('inspector-1', ['inspector']))
      .send({
        id: 'd-old',
        definition: 'discipline.party@1',
        personId: 'p-a',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(422);
    expect(oldBallot.body).toMatchObject({
      rule: 'definition.superseded',
      field: 'definition',
      asked: 'discipline.party@1',
      inForce: 'discipline.party@2',
    });
    expect(await eventCount()).toBe(before);
    // The version in force, named or not, still opens.
    await http()
      .post('/cases')
      .set(staff())
      .send(appointment({ id: 'c-new', definition: 'appointment.internal@3' }))
      .expect(201);
  });

  it("refuses transfer.standard@1 in a transfer batch's check, as the batch's own field", async () => {
    const check = await http()
      .post('/transfer-batches/check')
      .set(staff())
      .send({
        definition: 'transfer.standard@1',
        entries: [
          {
            personId: 'p-a',
            currentPositionId: 'pos-deputy',
            positionId: 'pos-new',
            orgUnitId: 'ou-town',
            reason: 'Sắp xếp tổ chức bộ máy',
          },
        ],
      })
      .expect(200);
    expect(check.body.valid).toBe(false);
    expect(check.body.errors[0]).toMatchObject({
      field: 'definition',
      rule: 'definition.superseded',
    });
  });

  it("lets the records clerk's paper case pin the version in force on the day it began, not a later one", async () => {
    // Another post than the case opened above for p-a, whose open-case slot it holds.
    const paper = {
      paperRecordRef: 'HS-2025/017',
      definition: 'appointment.internal@1',
      positionId: 'pos-new',
    };
    const opened = await http()
      .post('/cases')
      .set(clerk())
      .send(appointment({ id: 'c-paper', ...paper, openedOn: '2025-06-15' }))
      .expect(201);
    expect(opened.body).toMatchObject({
      definition: 'appointment.internal@1',
      openedOn: '2025-06-15',
    });
    const december = await http()
      .post('/cases')
      .set(clerk())
      .send(appointment({ id: 'c-paper-dec', ...paper, openedOn: '2025-12-01' }))
      .expect(422);
    expect(december.body).toMatchObject({
      rule: 'definition.superseded',
      field: 'definition',
      asked: 'appointment.internal@1',
      inForce: 'appointment.internal@3',
    });
  });
});
