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
 * A Party warning decided and announced on D; a complaint; the review on D+10 changes it to a
 * reprimand and is announced on D+12. Its 12 months of effect run from the complaint decision's
 * announcement (Quy định 69-QĐ/TW art. 2(5): "kể từ ngày công bố quyết định kỷ luật hoặc quyết
 * định giải quyết khiếu nại kỷ luật"); before, they kept running from D, on the case, the person
 * page and the register alike.
 */
describe('a Party complaint decision that changes the form restarts its 12 months of effect', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const clock = movableClock();
  const http = () => request(t.server as never);
  const decidedOn = addDays(vietnamToday(), -20);
  const reviewedOn = addDays(decidedOn, 10);
  const announcedOn = addDays(decidedOn, 12);

  beforeAll(async () => {
    t = await startTestApp('party_complaint_validity', { RUN_WORKERS: 'true' }, { clock });
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

  async function decideWarning(): Promise<void> {
    clock.setDay(decidedOn);
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: 'd-a',
        definition: 'discipline.party',
        personId: 'p-a',
        orgUnitId: 'ou-town',
        summary: 'warning',
        violation: {
          category: 'budget',
          committedOn: addDays(decidedOn, -30),
          description: 'x',
          source: 'inspection',
          severity: 'warning',
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
        .send({ heldOn: decidedOn, minutesRef: 'B', conclusion: 'x', ...extra })
        .expect(200);
    }
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    await http()
      .post('/discipline-cases/d-a/steps/ballot')
      .set(h.secretary)
      .send({
        heldOn: decidedOn,
        minutesRef: 'B',
        tally: { ...tally, votesByForm: { warning: 5 } },
      })
      .expect(200);
    await http()
      .post('/discipline-cases/d-a/steps/decision')
      .set(h.leader)
      .send({
        heldOn: decidedOn,
        number: '7-QĐ/UBKT',
        signer: 'x',
        form: 'warning',
        effectiveFrom: decidedOn,
      })
      .expect(200);
    clock.reset();
    await http()
      .post('/discipline-cases/d-a/complaints')
      .set(h.staff)
      .send({ filedOn: addDays(decidedOn, 2), grounds: 'quá nặng' })
      .expect(200);
  }

  const review = (extra: Record<string, unknown>) =>
    http()
      .post('/discipline-cases/d-a/complaints/review')
      .set(h.leader)
      .send({
        heldOn: reviewedOn,
        number: '70-QĐ/UBKTTW',
        outcome: 'change',
        form: 'reprimand',
        reason: 'tình tiết giảm nhẹ',
        ...extra,
      });

  it('refuses an announcement before the review or after today, naming servedOn, and writes nothing', async () => {
    await decideWarning();
    // The case's own events: the sagas the decision set off may still be writing elsewhere.
    const caseEvents = "SELECT count(*)::int AS n FROM events WHERE stream_id = 'discipline-d-a'";
    const before = await t.db.pool.query(caseEvents);
    const early = await review({ servedOn: addDays(reviewedOn, -1) }).expect(400);
    expect(early.body).toMatchObject({ rule: 'decision.served_before_signed', field: 'servedOn' });
    const later = await review({ servedOn: addDays(vietnamToday(), 1) }).expect(400);
    expect(later.body).toMatchObject({ rule: 'decision.served_in_the_future', field: 'servedOn' });
    const after = await t.db.pool.query(caseEvents);
    expect(after.rows[0].n).toBeGreaterThan(0);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('a reprimand announced on D+12 is in effect until D+12 plus 12 months on the case, the person page and the register', async () => {
    const inEffectUntil = addMonths(announcedOn, 12);
    const reviewed = await review({ servedOn: announcedOn }).expect(200);
    expect(reviewed.body.inEffectUntil).toBe(inEffectUntil);
    expect(reviewed.body.reviews.at(-1)).toMatchObject({
      servedOn: announcedOn,
      inEffectUntil,
      inEffectRule: expect.stringContaining(
        `from the announcement of the decision on the complaint on ${announcedOn}`,
      ),
    });
    // Quy định 377-QĐ/TW: a reprimand bars a higher post 24 months from the decision's effect.
    const barEndsOn = addMonths(decidedOn, 24);

    const person = await eventually(
      async () => (await http().get('/cadres/p-a').set(h.staff).expect(200)).body,
      (body) => body.discipline[0]?.form === 'reprimand',
    );
    expect(person.discipline).toEqual([
      expect.objectContaining({ caseId: 'd-a', form: 'reprimand', inEffectUntil, barEndsOn }),
    ]);

    // Five days after twelve months from the warning's announcement: the reprimand still applies.
    const asOf = addDays(addMonths(decidedOn, 12), 5);
    const register = await eventually(
      async () =>
        (await http().get(`/discipline-records?asOf=${asOf}`).set(h.inspector).expect(200)).body,
      (body) => body.items[0]?.form === 'reprimand',
    );
    expect(register.items).toEqual([
      expect.objectContaining({
        caseId: 'd-a',
        form: 'reprimand',
        inEffectUntil,
        status: 'in_effect',
        inEffect: true,
      }),
    ]);
  });
});
