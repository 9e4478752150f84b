import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An elected cadre (a commune People's Committee's vice chair, elected by its council) in a
 * civil-service discipline case: a cadre, not a civil servant, so no discipline council; recall
 * (bãi nhiệm) only for them, and decided by the council that elected them, whose resolution the
 * decision records. Before: the case opened as a civil servant, the council voted a recall and a
 * people's committee chairman's decision recalled the person.
 */
describe('an elected cadre in a civil-service discipline case', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (who: string) => headers[who];
  // The streams of the requests refused here (the cases' own, their ids', the people's slots),
  // not the whole store, where the sagas of the steps before keep writing.
  const eventCount = (...streams: string[]) => streamEventCount(t.db.pool, streams);
  const openings = [
    '%-d-khanh',
    '%-d-said',
    'caseslot-%/p-elected/%',
    'caseslot-%/p-servant/%',
  ] as const;

  beforeAll(async () => {
    t = await startTestApp('discipline_elected_cadre');
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    }))
      headers[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    await buildRegistry(t, as('staff'), {
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: [
        { id: 'p-elected' },
        {
          id: 'p-servant',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -900), termEnd: addDays(today, 900) },
          ],
        },
      ],
    });
    await http()
      .post('/positions')
      .set(as('staff'))
      .send({
        id: 'pos-vice-chair',
        title: 'Phó Chủ tịch UBND xã Demo',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 3,
        filledBy: 'election',
      })
      .expect(201);
    await http()
      .post('/cadres/p-elected/posts')
      .set(as('staff'))
      .send({
        positionId: 'pos-vice-chair',
        from: addDays(today, -300),
        termEnd: addDays(today, 1500),
        decisionRef: '03/NQ-HĐND',
        electedOn: addDays(today, -300),
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (id: string, personId: string, extra: Record<string, unknown> = {}) =>
    http()
      .post('/discipline-cases')
      .set(as('staff'))
      .send({
        id,
        definition: 'discipline.civil-service',
        personId,
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -60),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
        ...extra,
      });
  const meeting = (id: string, stepId: string, who: string, extra: Record<string, unknown> = {}) =>
    http()
      .post(`/discipline-cases/${id}/steps/${stepId}`)
      .set(as(who))
      .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: stepId, ...extra });
  const decide = (id: string, form: string, extra: Record<string, unknown> = {}) =>
    http()
      .post(`/discipline-cases/${id}/steps/decision`)
      .set(as('leader'))
      .send({
        heldOn: today,
        number: '12/QĐ-UBND',
        signer: 'Chủ tịch UBND thành phố',
        form,
        effectiveFrom: today,
        ...extra,
      });

  it('refuses to open a person holding an elected post as a civil servant, or as not elected, and writes nothing', async () => {
    const before = await eventCount(...openings);
    const asServant = await open('d-khanh', 'p-elected', { serviceStatus: 'civil_servant' }).expect(
      422,
    );
    expect(asServant.body).toMatchObject({
      rule: 'discipline.elected_cadre_not_civil_servant',
      field: 'serviceStatus',
    });
    expect(asServant.body.message).toContain('Phó Chủ tịch UBND xã Demo (pos-vice-chair)');
    expect(asServant.body.message).toContain('Người p-elected (p-elected)');
    const notElected = await open('d-khanh', 'p-elected', { electedCadre: false }).expect(422);
    expect(notElected.body).toMatchObject({
      rule: 'discipline.elected_post_on_record',
      field: 'electedCadre',
    });
    // Said elected by the opening though the record shows no elected post: still not a civil servant.
    const said = await open('d-said', 'p-servant', {
      electedCadre: true,
      serviceStatus: 'civil_servant',
    }).expect(422);
    expect(said.body).toMatchObject({
      rule: 'discipline.elected_cadre_not_civil_servant',
      field: 'serviceStatus',
    });
    expect(await eventCount(...openings)).toBe(before);
  });

  it('runs them as a cadre past the council; a recall needs the electing council’s resolution, which the decision records', async () => {
    const opened = await open('d-khanh', 'p-elected', { serviceStatus: 'cadre' }).expect(201);
    expect(opened.body).toMatchObject({ electedCadre: true, serviceStatus: 'cadre' });
    await meeting('d-khanh', 'verification', 'inspector', { violationConfirmed: true }).expect(200);
    const past = await meeting('d-khanh', 'self-criticism', 'staff').expect(200);
    expect(past.body).toMatchObject({ currentStep: { id: 'decision' } });
    expect(past.body.steps.at(-1).skippedSteps).toMatchObject({ stepIds: ['review', 'ballot'] });
    // The council step is not available to a cadre's case.
    const review = await meeting('d-khanh', 'review', 'inspector').expect(409);
    expect(review.body.rule).toMatch(/step/);

    const before = await eventCount('discipline-d-khanh');
    expect(before).toBeGreaterThan(0);
    const byChairman = await decide('d-khanh', 'recall').expect(422);
    expect(byChairman.body).toMatchObject({
      rule: 'discipline.decided_by_electing_council',
      field: 'councilResolution',
    });
    expect(byChairman.body.message).toContain('council that elected the person');
    const late = await decide('d-khanh', 'recall', {
      councilResolution: { number: '07/NQ-HĐND', adoptedOn: addDays(today, 1) },
    }).expect(400);
    expect(late.body).toMatchObject({
      rule: 'discipline.council_resolution_after_decision',
      field: 'councilResolution.adoptedOn',
    });
    const warningWithResolution = await decide('d-khanh', 'warning', {
      councilResolution: { number: '07/NQ-HĐND', adoptedOn: today },
    }).expect(422);
    expect(warningWithResolution.body).toMatchObject({
      rule: 'discipline.council_resolution_not_needed',
    });
    expect(await eventCount('discipline-d-khanh')).toBe(before);

    const recalled = await decide('d-khanh', 'recall', {
      signer: 'Chủ tịch UBND thành phố (phê chuẩn)',
      councilResolution: { number: '07/NQ-HĐND', adoptedOn: addDays(today, -2) },
    }).expect(200);
    expect(recalled.body.decision).toMatchObject({
      form: 'recall',
      councilResolution: { number: '07/NQ-HĐND', adoptedOn: addDays(today, -2) },
    });
  });

  it('keeps recall from a civil servant’s council ballot', async () => {
    await open('d-servant', 'p-servant', { positionId: 'pos-deputy' }).expect(201);
    await meeting('d-servant', 'verification', 'inspector', { violationConfirmed: true }).expect(
      200,
    );
    await meeting('d-servant', 'self-criticism', 'staff').expect(200);
    await meeting('d-servant', 'review', 'inspector').expect(200);
    const ballot = await http()
      .post('/discipline-cases/d-servant/steps/ballot')
      .set(as('secretary'))
      .send({
        heldOn: today,
        minutesRef: 'BB-KP',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 1,
          votesByForm: { recall: 3, warning: 1 },
        },
      })
      .expect(422);
    expect(ballot.body).toMatchObject({ rule: 'discipline.recall_needs_elected_cadre' });
  });
});
