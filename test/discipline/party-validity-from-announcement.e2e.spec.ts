import request from 'supertest';
import { addMonths } from '../../src/workflow/rules/retirement';
import { movableClock } from '../support/movable-clock';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 200 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/**
 * A Party reprimand held on one day and announced to the member ten days later: it may not take
 * effect before the announcement (Điều lệ Đảng art. 39(6); before, an effective day ten days
 * earlier was accepted and the bar ran from it), its 12 months of effect run from the
 * announcement (Quy định 69-QĐ/TW art. 2(5)), and the person page and the register read that end.
 */
describe('a Party decision is in effect 12 months from its announcement', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const clock = movableClock();
  const http = () => request(t.server as never);
  const heldOn = addDays(vietnamToday(), -20);
  const servedOn = addDays(heldOn, 10);

  beforeAll(async () => {
    t = await startTestApp('party_validity', { RUN_WORKERS: 'true' }, { clock });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    })) {
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    }
    await buildRegistry(t, h.staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [{ id: 'p-a' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('decided on D1, announced on D1+10: effective D1 is refused; effective D1+10 is in effect until D1+10 plus 12 months on the person page and in the register', async () => {
    clock.setDay(heldOn);
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: 'd-a',
        definition: 'discipline.party',
        personId: 'p-a',
        orgUnitId: 'ou-town',
        summary: 'reprimand',
        violation: {
          category: 'budget',
          committedOn: addDays(heldOn, -30),
          description: 'x',
          source: 'inspection',
          severity: 'reprimand',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
      ['review', 'inspector', {}],
    ] as const) {
      await http()
        .post(`/discipline-cases/d-a/steps/${stepId}`)
        .set(h[who])
        .send({ heldOn, minutesRef: 'B', conclusion: 'x', ...extra })
        .expect(200);
    }
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    await http()
      .post('/discipline-cases/d-a/steps/ballot')
      .set(h.secretary)
      .send({ heldOn, minutesRef: 'B', tally: { ...tally, votesByForm: { reprimand: 5 } } })
      .expect(200);
    // The decision is recorded once it has been announced, ten days after it was signed.
    clock.setDay(servedOn);
    const decision = (effectiveFrom: string) =>
      http().post('/discipline-cases/d-a/steps/decision').set(h.leader).send({
        heldOn,
        number: '7-QĐ/UBKT',
        signer: 'x',
        form: 'reprimand',
        effectiveFrom,
        servedOn,
      });
    // The case's own events: the sagas of the steps before may still be writing elsewhere.
    const caseEvents = "SELECT count(*)::int AS n FROM events WHERE stream_id = 'discipline-d-a'";
    const before = await t.db.pool.query(caseEvents);
    const early = await decision(heldOn).expect(422);
    expect(early.body).toMatchObject({
      rule: 'discipline.effective_before_announced',
      field: 'effectiveFrom',
      detail: expect.stringMatching(/Điều lệ Đảng .*art\. 39\(6\)/),
    });
    const after = await t.db.pool.query(caseEvents);
    expect(after.rows[0].n).toBeGreaterThan(0);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const decided = await decision(servedOn).expect(200);
    clock.reset();
    const inEffectUntil = addMonths(servedOn, 12);
    // Quy định 377-QĐ/TW: 24 months' bar after a reprimand, from the effective day.
    const barEndsOn = addMonths(servedOn, 24);
    expect(decided.body).toMatchObject({ inEffectUntil, barEndsOn });

    const person = await eventually(
      async () => (await http().get('/cadres/p-a').set(h.staff).expect(200)).body,
      (body) => body.discipline.length === 1,
    );
    expect(person.discipline).toEqual([
      expect.objectContaining({ caseId: 'd-a', inEffectUntil, barEndsOn, status: 'in_effect' }),
    ]);

    // Five days after twelve months from the effective day, before twelve from the announcement.
    const asOf = addDays(addMonths(heldOn, 12), 5);
    const register = await eventually(
      async () =>
        (await http().get(`/discipline-records?asOf=${asOf}`).set(h.inspector).expect(200)).body,
      (body) => body.items.length === 1,
    );
    expect(register.items).toEqual([
      expect.objectContaining({
        caseId: 'd-a',
        effectiveFrom: servedOn,
        inEffectUntil,
        status: 'in_effect',
        inEffect: true,
        barred: true,
      }),
    ]);
  });
});
