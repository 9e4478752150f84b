import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * `asOf=<day>` means the end of that day in Vietnam: what was recorded today is in "as of today",
 * nothing of today is in "as of yesterday". (Midnight UTC, the old reading, is 07:00 in Vietnam
 * and left out most of the day's work.)
 */
describe('asOf a day', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let inspector: Record<string, string>;
  let auditor: Record<string, string>;
  const http = () => request(t.server as never);
  const today = vietnamToday();
  const yesterday = addDays(today, -1);

  beforeAll(async () => {
    // The workers keep the audit history an auditor reads the shown times from.
    t = await startTestApp('api_as_of', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    inspector = { Authorization: `Bearer ${t.token('u-insp', ['inspector'], 'ou-town')}` };
    auditor = { Authorization: `Bearer ${t.token('u-audit', ['auditor'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-head', rank: 5 },
        { id: 'pos-chief', rank: 5 },
      ],
      people: [
        {
          id: 'p-an',
          posts: [{ positionId: 'pos-deputy', from: addDays(today, -900), termEnd: null }],
        },
        // No discipline case of theirs holds an appointment back.
        { id: 'p-binh' },
      ],
    });
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-today',
        procedure: 'appointment',
        definition: 'appointment.external',
        personId: 'p-an',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Opened today',
      })
      .expect(201);
    await http()
      .post('/cases/c-today/steps/consult-receiving-unit')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'Agreed' })
      .expect(200);
    await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-today',
        definition: 'discipline.party',
        personId: 'p-an',
        orgUnitId: 'ou-town',
        summary: 'Opened today',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -30),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
  });
  afterAll(() => t?.close());

  it('a case as of today holds every step recorded today; as of yesterday it did not exist', async () => {
    const asOfToday = await http().get(`/cases/c-today?asOf=${today}`).set(staff).expect(200);
    expect(asOfToday.body).toMatchObject({
      revision: 1,
      currentStep: { id: 'candidate-unit-ballot' },
    });
    const asOfYesterday = await http().get(`/cases/c-today?asOf=${yesterday}`).set(staff);
    expect(asOfYesterday.status).toBe(404);
    expect(asOfYesterday.body.rule).toBe('case.not_found');
  });

  it('a discipline case as of today exists; as of yesterday it did not', async () => {
    const asOfToday = await http()
      .get(`/discipline-cases/d-today?asOf=${today}`)
      .set(inspector)
      .expect(200);
    expect(asOfToday.body).toMatchObject({ revision: 0 });
    expect(
      (await http().get(`/discipline-cases/d-today?asOf=${yesterday}`).set(inspector)).status,
    ).toBe(404);
  });

  it('eligibility as of today sees the record as it stands at the end of today', async () => {
    const eligibility = await http()
      .get(`/cadres/p-an/eligibility?for=pos-deputy&asOf=${today}`)
      .set(staff)
      .expect(200);
    expect(eligibility.body).toMatchObject({ personId: 'p-an', asOf: today });
  });

  // Before: a bare 404, as if there were no such person.
  it('eligibility as of a day before the registration says the person was not yet registered', async () => {
    const before = await http()
      .get(`/cadres/p-an/eligibility?for=pos-deputy&asOf=${yesterday}`)
      .set(staff)
      .expect(422);
    expect(before.body).toMatchObject({
      rule: 'person.not_registered_on',
      field: 'asOf',
      asOf: yesterday,
      registeredOn: today,
      title: 'The person was not yet registered on that day',
      detail: `asOf: person p-an was not yet registered on ${yesterday} (registered on ${today})`,
    });
  });

  it('eligibility for a post the person holds names the route the appointment definition gives', async () => {
    const eligibility = await http()
      .get(`/cadres/p-an/eligibility?for=pos-deputy&asOf=${today}`)
      .set(staff)
      .expect(200);
    expect(eligibility.body.reasons).toContainEqual({
      rule: 'appointment.already_holds_post',
      reason: 'already holds pos-deputy; use re-appointment',
    });
  });

  /** The case's history as an auditor reads it, once the audit history holds its `events` events. */
  const historyOf = async (caseId: string, events: number) =>
    (
      await eventually(
        () => http().get(`/cases/${caseId}/history`).set(auditor),
        (answer) => answer.body.events?.length === events,
      )
    ).body.events as { revision: number; recordedAt: string }[];

  // Before: the store keeps microseconds and the history shows milliseconds, so asOf=<the time
  // shown> came before the event (00:47:47.505 < 00:47:47.505123) and gave the state before it.
  it('asOf the recordedAt a history shows for an event includes that event', async () => {
    for (const event of await historyOf('c-today', 2)) {
      const asOf = await http()
        .get(`/cases/c-today?asOf=${encodeURIComponent(event.recordedAt)}`)
        .set(staff);
      expect({ asOf: event.recordedAt, status: asOf.status, revision: asOf.body.revision }).toEqual(
        { asOf: event.recordedAt, status: 200, revision: event.revision },
      );
    }
    const [opened] = await historyOf('d-today', 1);
    const discipline = await http()
      .get(`/discipline-cases/d-today?asOf=${encodeURIComponent(opened.recordedAt)}`)
      .set(inspector);
    expect({ status: discipline.status, revision: discipline.body.revision }).toEqual({
      status: 200,
      revision: 0,
    });
  });

  it('a time written to the second or the minute takes everything recorded within it', async () => {
    const [, stepped] = await historyOf('c-today', 2);
    const second = stepped.recordedAt.slice(0, 19);
    const inVietnam = new Date(Date.parse(stepped.recordedAt) + 7 * 3600_000).toISOString();
    for (const asOf of [
      `${second}Z`,
      `${second.slice(0, 16)}Z`,
      inVietnam.slice(0, 19),
      `${inVietnam.slice(0, 19)}+07:00`,
    ]) {
      const read = await http()
        .get(`/cases/c-today?asOf=${encodeURIComponent(asOf)}`)
        .set(staff);
      expect({ asOf, status: read.status, revision: read.body.revision }).toEqual({
        asOf,
        status: 200,
        revision: 1,
      });
    }
    // …and nothing after it: the minute before the opening's is before the case.
    const [opening] = await historyOf('c-today', 2);
    const minuteBefore = new Date(Date.parse(opening.recordedAt) - 60_000).toISOString();
    const before = await http()
      .get(`/cases/c-today?asOf=${encodeURIComponent(`${minuteBefore.slice(0, 16)}Z`)}`)
      .set(staff);
    expect(before.status).toBe(404);
  });

  // Before: a withdrawn case as of before its withdrawal offered perform-step and correct-step,
  // and a discipline case as of a past moment its actions, as if that moment were now.
  it('a view as of a moment offers no action: nothing may be done in a replay', async () => {
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-w1',
        procedure: 'appointment',
        definition: 'appointment.external',
        personId: 'p-binh',
        positionId: 'pos-chief',
        orgUnitId: 'ou-town',
        summary: 'Withdrawn later',
      })
      .expect(201);
    await http()
      .post('/cases/c-w1/steps/consult-receiving-unit')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'Agreed' })
      .expect(200);
    const open = await http().get('/cases/c-w1').set(staff).expect(200);
    const actions = (view: { allowedNext: { action: string }[] }) =>
      view.allowedNext.map((next) => next.action);
    expect(actions(open.body)).toEqual(expect.arrayContaining(['perform-step', 'correct-step']));
    const [, stepped] = await historyOf('c-w1', 2);
    await http().post('/cases/c-w1/withdraw').set(staff).send({ reason: 'No longer needed' });
    expect((await http().get('/cases/c-w1').set(staff).expect(200)).body).toMatchObject({
      status: 'withdrawn',
      allowedNext: [],
    });
    const before = await http()
      .get(`/cases/c-w1?asOf=${encodeURIComponent(stepped.recordedAt)}`)
      .set(staff)
      .expect(200);
    expect(before.body).toMatchObject({ status: 'open', revision: 1, allowedNext: [] });
    // The discipline case, open now with its actions, offers none as of a moment either.
    const now = await http().get('/discipline-cases/d-today').set(inspector).expect(200);
    expect(now.body.allowedNext.length).toBeGreaterThan(0);
    const [opened] = await historyOf('d-today', 1);
    for (const asOf of [opened.recordedAt, today]) {
      const past = await http()
        .get(`/discipline-cases/d-today?asOf=${encodeURIComponent(asOf)}`)
        .set(inspector)
        .expect(200);
      expect({ asOf, status: past.body.status, allowedNext: past.body.allowedNext }).toEqual({
        asOf,
        status: 'open',
        allowedNext: [],
      });
    }
  });

  it('every asOf takes a day or an ISO time and refuses anything else naming the field', async () => {
    const register = await http()
      .get(`/discipline-records?asOf=${encodeURIComponent(new Date().toISOString())}`)
      .set(inspector)
      .expect(200);
    expect(register.body.items).toEqual([]);
    for (const path of [
      '/cases/c-today',
      '/discipline-cases/d-today',
      '/discipline-records',
      '/cadres/p-an/eligibility?for=pos-deputy',
    ]) {
      const refused = await http()
        .get(`${path}${path.includes('?') ? '&' : '?'}asOf=2026-02-30`)
        .set(path.startsWith('/discipline') ? inspector : staff);
      expect({
        path,
        status: refused.status,
        rule: refused.body.rule,
        field: refused.body.field,
      }).toEqual({
        path,
        status: 400,
        rule: 'query.as_of',
        field: 'asOf',
      });
    }
  });
});
