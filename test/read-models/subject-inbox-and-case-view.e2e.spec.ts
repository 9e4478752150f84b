import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The person a case is about is offered none of its steps: their inbox leaves the case out and
 * the case view offers no action and says why. Before, Bình's inbox listed her own
 * re-appointment's step and the view offered the step, withdrawal, rejection and correction,
 * each then refused 403 separation.subject.
 */
describe('separation.subject in the inbox and the case views', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let self: Record<string, string>;
  let colleague: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const roles = ['organization_staff', 'leadership', 'inspector'];

  beforeAll(async () => {
    t = await startTestApp('subject_inbox', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    self = { Authorization: `Bearer ${t.token('u-binh', roles, 'ou-town', 'p-binh')}` };
    colleague = { Authorization: `Bearer ${t.token('u-cuong', roles, 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        { id: 'p-binh', pool: ['pos-head'] },
        { id: 'p-an', pool: ['pos-head'] },
      ],
    });
    for (const [id, personId] of [
      ['c-self', 'p-binh'],
      ['c-other', 'p-an'],
    ])
      await http()
        .post('/cases')
        .set(staff)
        .send({
          id,
          procedure: 'appointment',
          definition: 'appointment.internal',
          personId,
          positionId: 'pos-head',
          orgUnitId: 'ou-town',
          summary: id,
        })
        .expect(201);
    await http()
      .post('/discipline-cases')
      .set(staff)
      .send({
        id: 'd-self',
        definition: 'discipline.party',
        personId: 'p-binh',
        orgUnitId: 'ou-town',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -10),
          description: 'x',
          source: 'report',
          severity: 'reprimand',
        },
      })
      .expect(201);
    await eventually(
      async () => (await http().get('/inbox').set(colleague).expect(200)).body.items.length,
      (n) => n === 3,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const caseIds = (body: { items: { caseId: string }[] }) =>
    body.items.map((item) => item.caseId).sort();

  it('leaves the cases about the reader out of their inbox', async () => {
    expect(caseIds((await http().get('/inbox').set(colleague).expect(200)).body)).toEqual([
      'c-other',
      'c-self',
      'd-self',
    ]);
    expect(caseIds((await http().get('/inbox').set(self).expect(200)).body)).toEqual(['c-other']);
  });

  it('offers the subject no action on their case and says why; others keep theirs', async () => {
    const own = (await http().get('/cases/c-self').set(self).expect(200)).body;
    expect(own.allowedNext).toEqual([]);
    expect(own.readerMayNotAct).toEqual({
      rule: 'separation.subject',
      message: 'you are the subject of this case (p-binh) and may not act on it',
    });
    // The current step itself is still shown: she may see where her case stands.
    expect(own.currentStep).toMatchObject({ id: 'leadership-round-1' });
    const seenByColleague = (await http().get('/cases/c-self').set(colleague).expect(200)).body;
    expect(seenByColleague.readerMayNotAct).toBeUndefined();
    expect(seenByColleague.allowedNext.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['perform-step', 'withdraw', 'reject']),
    );
    const another = (await http().get('/cases/c-other').set(self).expect(200)).body;
    expect(another.readerMayNotAct).toBeUndefined();
    expect(another.allowedNext.length).toBeGreaterThan(0);

    const discipline = (await http().get('/discipline-cases/d-self').set(self).expect(200)).body;
    expect(discipline.allowedNext).toEqual([]);
    expect(discipline.readerMayNotAct).toMatchObject({ rule: 'separation.subject' });
    const disciplineByColleague = (
      await http().get('/discipline-cases/d-self').set(colleague).expect(200)
    ).body;
    expect(disciplineByColleague.allowedNext.length).toBeGreaterThan(0);
  });
});
