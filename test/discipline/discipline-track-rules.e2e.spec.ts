import request from 'supertest';
import * as path from 'node:path';
import { loadCalendar } from '../../src/workflow/calendar/working-day-calendar';
import { addMonths } from '../../src/workflow/rules/retirement';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 100 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/**
 * Issue 19, discipline: the limitation judged on the form voted (a time-barred outcome), the
 * council by status and its skip paths, the authority deciding against the recommendation with a
 * reason, the written request ending a maternity deferral, the time limit from detection.
 */
describe('discipline rules by track over HTTP', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const calendar = loadCalendar(path.resolve(__dirname, '../../seeds/calendar'));
  const http = () => request(t.server as never);
  const as = (who: string) => headers[who];

  beforeAll(async () => {
    t = await startTestApp('discipline_rules', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    }))
      headers[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    const post = {
      positionId: 'pos-deputy',
      from: addDays(today, -900),
      termEnd: addDays(today, 900),
    };
    await buildRegistry(t, as('staff'), {
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: ['p-old', 'p-cadre', 'p-servant', 'p-mother'].map((id) => ({ id, posts: [post] })),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (
    id: string,
    personId: string,
    definition: string,
    extra: Record<string, unknown> = {},
  ) => {
    const { violation, ...rest } = extra as { violation?: Record<string, unknown> };
    return http()
      .post('/discipline-cases')
      .set(as('inspector'))
      .send({
        id,
        definition,
        personId,
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          ...violation,
        },
        ...rest,
      });
  };
  const meeting = (id: string, stepId: string, who: string, extra: Record<string, unknown> = {}) =>
    http()
      .post(`/discipline-cases/${id}/steps/${stepId}`)
      .set(as(who))
      .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: stepId, ...extra });
  const ballot = (id: string, members: number, votesByForm: Record<string, number>) => {
    const marked = Object.values(votesByForm).reduce((a, b) => a + b, 0);
    return http()
      .post(`/discipline-cases/${id}/steps/ballot`)
      .set(as('secretary'))
      .send({
        heldOn: today,
        minutesRef: 'BB-KP',
        tally: {
          members,
          summoned: members,
          present: members,
          invalid: 0,
          noDiscipline: members - marked,
          votesByForm,
        },
      });
  };
  const decide = (id: string, form: string, extra: Record<string, unknown> = {}) =>
    http()
      .post(`/discipline-cases/${id}/steps/decision`)
      .set(as('leader'))
      .send({
        heldOn: today,
        number: '12/QĐ-UBND',
        signer: 'Chủ tịch UBND',
        form,
        effectiveFrom: today,
        ...extra,
      });

  it('opens an old violation, votes a reprimand and records "confirmed but time-barred"; nothing reaches the record', async () => {
    const committedOn = addDays(today, -(5 * 366 + 10));
    await open('d-old', 'p-old', 'discipline.party', {
      violation: { committedOn, severity: 'reprimand' },
    }).expect(201);
    await meeting('d-old', 'verification', 'inspector', { violationConfirmed: true }).expect(200);
    await meeting('d-old', 'self-criticism', 'staff').expect(200);
    await meeting('d-old', 'review', 'inspector').expect(200);
    const barred = await ballot('d-old', 13, { reprimand: 9 }).expect(200);
    expect(barred.body).toMatchObject({
      status: 'time_barred',
      currentStep: null,
      timeBarred: {
        limitation: {
          form: 'reprimand',
          years: 5,
          runsFrom: committedOn,
          endsOn: addMonths(committedOn, 60),
          expired: true,
        },
        reason: expect.stringContaining('confirmed but time-barred'),
      },
    });
    const decision = await decide('d-old', 'reprimand').expect(409);
    expect(decision.body).toMatchObject({ rule: 'case.closed' });
    const record = await eventually(
      async () => (await http().get('/cadres/p-old').set(as('staff')).expect(200)).body,
      (body) => body.openCases.length === 0,
    );
    expect(record.openCases).toEqual([]);
    expect(record.discipline).toEqual([]);
  });

  it('sends a cadre past the council to the decision, where dismissal is refused for a cadre', async () => {
    await open('d-cadre', 'p-cadre', 'discipline.civil-service', { serviceStatus: 'cadre' }).expect(
      201,
    );
    await meeting('d-cadre', 'verification', 'inspector', { violationConfirmed: true }).expect(200);
    const past = await meeting('d-cadre', 'self-criticism', 'staff').expect(200);
    expect(past.body).toMatchObject({
      definition: 'discipline.civil-service@2',
      serviceStatus: 'cadre',
      currentStep: { id: 'decision' },
    });
    expect(past.body.steps.at(-1).skippedSteps).toMatchObject({
      stepIds: ['review', 'ballot'],
      ground: 'no_council_for_cadre',
    });
    const refused = await decide('d-cadre', 'dismissal').expect(422);
    expect(refused.body).toMatchObject({
      rule: 'discipline.dismissal_needs_civil_servant',
      field: 'form',
    });
    await decide('d-cadre', 'warning').expect(200);
  });

  it('lets the authority decide another form than the council recommended, only with a reason; the time runs from detection', async () => {
    const detectedOn = addDays(today, -30);
    const opened = await open('d-servant', 'p-servant', 'discipline.civil-service', {
      violation: { detectedOn },
    }).expect(201);
    expect(opened.body.timeLimit).toMatchObject({
      runsFrom: detectedOn,
      decideBy: calendar.periodEnd(addDays(detectedOn, 90)),
    });
    await meeting('d-servant', 'verification', 'inspector', { violationConfirmed: true }).expect(
      200,
    );
    await meeting('d-servant', 'self-criticism', 'staff').expect(200);
    await meeting('d-servant', 'review', 'inspector').expect(200);
    // The council meets in full: 4 of 5 present is no quorum for it.
    const short = await http()
      .post('/discipline-cases/d-servant/steps/ballot')
      .set(as('secretary'))
      .send({
        heldOn: today,
        minutesRef: 'BB',
        tally: {
          members: 5,
          summoned: 5,
          present: 4,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { warning: 4 },
        },
      })
      .expect(422);
    expect(short.body).toMatchObject({ rule: 'ballot.no_quorum' });
    await ballot('d-servant', 5, { warning: 3 }).expect(200);
    const noReason = await decide('d-servant', 'reprimand').expect(400);
    expect(noReason.body).toMatchObject({
      rule: 'discipline.different_form_needs_reason',
      field: 'reasonForDifferentForm',
    });
    const decided = await decide('d-servant', 'reprimand', {
      reasonForDifferentForm: 'khắc phục hậu quả',
    }).expect(200);
    expect(decided.body).toMatchObject({
      status: 'decided',
      form: 'reprimand',
      decision: {
        differsFromRecommendation: { recommended: 'warning', reason: 'khắc phục hậu quả' },
      },
    });
  });

  it('defers during maternity leave, and decides once the person asks in writing', async () => {
    await http()
      .post('/cadres/p-mother/statuses')
      .set(as('staff'))
      .send({ status: 'maternity_leave', from: addDays(today, -20), note: 'nghỉ thai sản' })
      .expect(201);
    await open('d-mother', 'p-mother', 'discipline.civil-service', {
      violation: { category: 'other' },
    }).expect(201);
    await meeting('d-mother', 'verification', 'inspector', { violationConfirmed: true }).expect(
      200,
    );
    const skip = { ground: 'criminal_conviction', reference: 'Bản án 12/2026/HS-ST' };
    await meeting('d-mother', 'self-criticism', 'staff', { councilSkip: skip }).expect(200);
    const deferred = await decide('d-mother', 'warning').expect(422);
    expect(deferred.body).toMatchObject({ rule: 'discipline.deferred' });
    expect(deferred.body.message).toContain('maternity leave');
    const request = { receivedOn: today, reference: 'Đơn đề nghị' };
    const decided = await decide('d-mother', 'warning', { personRequest: request }).expect(200);
    expect(decided.body.decision.personRequest).toEqual({
      ...request,
      waived: ['maternity_leave'],
    });
  });
});
