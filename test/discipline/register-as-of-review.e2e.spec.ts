import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { disciplineRegisterProjection } from '../../src/read-models/discipline-register.projection';
import { movableClock } from '../support/movable-clock';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { bearerIn, partyReprimand } from './support/party-reprimand';

/** The register's row fields this suite reads. */
interface RegisterRow {
  form: string;
  status: string;
  inEffectUntil: string | null;
  barEndsOn: string | null;
  decisionRef: string;
  revisedByRef: string | null;
  revisedOn: string | null;
}

describe('the discipline register judged on a day shows the decision as it stood that day', () => {
  let t: TestApp;
  const today = vietnamToday();
  const decidedOn = addDays(today, -20);
  const reviewedOn = addDays(today, -5);
  const clock = movableClock();
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => bearerIn(t)(who, role);
  const inspector = () => as('inspector', 'inspector');
  const leader = () => as('leader', 'leadership');

  beforeAll(async () => {
    t = await startTestApp('discipline_register_as_of', { RUN_WORKERS: 'true' }, { clock });
    await buildRegistry(t, as('staff', 'organization_staff'), {
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: [
        {
          id: 'p-held',
          posts: [{ positionId: 'pos-deputy', from: addDays(today, -900), termEnd: null }],
        },
        { id: 'p-annulled' },
        { id: 'p-moment' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A Party case opened and decided (reprimand, 45-QĐ/UBKT) on `day`. */
  async function reprimandedOn(day: string, caseId = 'd-asof', personId = 'p-held') {
    clock.setDay(day);
    const decided = await partyReprimand(t, { caseId, personId, day, number: '45-QĐ/UBKT' });
    clock.reset();
    return decided;
  }

  const registerOn = (
    day: string,
    done: (row: RegisterRow | undefined) => boolean,
    person = 'p-held',
  ) =>
    eventually(
      async () =>
        (
          await http()
            .get(`/discipline-records?person=${person}&asOf=${day}`)
            .set(inspector())
            .expect(200)
        ).body.items[0] as RegisterRow | undefined,
      done,
    );

  it('a review changing the form shows only from its own day; before it, the decision as decided', async () => {
    const decision = await reprimandedOn(decidedOn);
    await http()
      .post('/discipline-cases/d-asof/complaints')
      .set(as('staff', 'organization_staff'))
      .send({ filedOn: addDays(today, -15), grounds: 'Hình thức quá nặng' })
      .expect(200);
    const reviewed = await http()
      .post('/discipline-cases/d-asof/complaints/review')
      .set(leader())
      .send({
        heldOn: reviewedOn,
        number: '10-QĐ/TU',
        outcome: 'change',
        form: 'warning',
        reason: 'Vi phạm nghiêm trọng hơn',
      })
      .expect(200);

    const now = await registerOn(today, (row) => row?.form === 'warning');
    expect(now).toMatchObject({
      form: 'warning',
      decisionRef: expect.stringMatching(/^45-QĐ\/UBKT/),
      revisedByRef: `10-QĐ/TU (${reviewedOn})`,
      revisedOn: reviewedOn,
      inEffectUntil: reviewed.body.inEffectUntil,
    });
    // Before: the register on a day before the review showed the review's number and its form.
    const before = await registerOn(addDays(reviewedOn, -1), (row) => row !== undefined);
    expect(before).toMatchObject({
      form: 'reprimand',
      decisionRef: expect.stringMatching(/^45-QĐ\/UBKT/),
      revisedByRef: null,
      revisedOn: null,
      inEffectUntil: decision.inEffectUntil,
      barEndsOn: decision.barEndsOn,
    });
  });

  it('a review annulling the decision is named only from its own day', async () => {
    const decision = await reprimandedOn(decidedOn, 'd-annulled', 'p-annulled');
    await http()
      .post('/discipline-cases/d-annulled/complaints')
      .set(as('staff', 'organization_staff'))
      .send({ filedOn: addDays(today, -15), grounds: 'Không vi phạm' })
      .expect(200);
    await http()
      .post('/discipline-cases/d-annulled/complaints/review')
      .set(leader())
      .send({ heldOn: reviewedOn, number: '11-QĐ/TU', outcome: 'annul', reason: 'Không vi phạm' })
      .expect(200);
    const now = await registerOn(today, (row) => row?.revisedByRef != null, 'p-annulled');
    expect(now).toMatchObject({ status: 'annulled', revisedByRef: `11-QĐ/TU (${reviewedOn})` });
    const before = await registerOn(addDays(reviewedOn, -1), (row) => !!row, 'p-annulled');
    expect(before).toMatchObject({
      form: 'reprimand',
      status: 'in_effect',
      revisedByRef: null,
      revisedOn: null,
      inEffectUntil: decision.inEffectUntil,
      barEndsOn: decision.barEndsOn,
    });
  });

  it('as of a moment, only what was recorded within it counts, in the JSON and the CSV', async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
    const beforeAny = new Date().toISOString();
    await pause();
    await partyReprimand(t, {
      caseId: 'd-moment',
      personId: 'p-moment',
      day: today,
      number: '46-QĐ/UBKT',
    });
    // The decision reaches the person's record after the case's own event: wait for its row.
    await registerOn(today, (row) => !!row, 'p-moment');
    await pause();
    const decided = new Date().toISOString();
    await pause();
    await http()
      .post('/discipline-cases/d-moment/complaints')
      .set(as('staff', 'organization_staff'))
      .send({ filedOn: today, grounds: 'Không vi phạm' })
      .expect(200);
    await http()
      .post('/discipline-cases/d-moment/complaints/review')
      .set(leader())
      .send({ heldOn: today, number: '12-QĐ/TU', outcome: 'annul', reason: 'Không vi phạm' })
      .expect(200);
    await registerOn(today, (row) => row?.status === 'annulled', 'p-moment');
    const at = async (moment: string) =>
      (
        await http()
          .get(`/discipline-records?person=p-moment&asOf=${encodeURIComponent(moment)}`)
          .set(inspector())
          .expect(200)
      ).body.items as RegisterRow[];
    // Before: the moment's day alone was read, so both showed the annulled row.
    expect(await at(beforeAny)).toEqual([]);
    expect(await at(decided)).toEqual([
      expect.objectContaining({ form: 'reprimand', status: 'in_effect', revisedByRef: null }),
    ]);
    const csv = await http()
      .get(`/discipline-records?person=p-moment&format=csv&asOf=${encodeURIComponent(beforeAny)}`)
      .set(inspector())
      .expect(200);
    expect(csv.text.trim().split(/\r?\n/)).toHaveLength(1);
  });

  it('an annulled decision shows no validity or bar end from its annulment, in the JSON, the CSV and after a rebuild', async () => {
    // Before: the annulled row still gave the reprimand's end dates, as if they ran.
    const row = async () =>
      registerOn(today, (r) => r?.status === 'annulled', 'p-annulled') as Promise<RegisterRow>;
    expect(await row()).toMatchObject({ status: 'annulled', inEffectUntil: null, barEndsOn: null });
    const csv = await http()
      .get('/discipline-records?person=p-annulled&format=csv')
      .set(inspector())
      .set('Accept-Language', 'vi')
      .expect(200);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    // Hiệu lực từ, Hết hiệu lực kỷ luật, Hết hạn chế bổ nhiệm, Ngày bị hủy, Tình trạng, …
    expect(lines[0]).toContain('Hết hiệu lực kỷ luật,Hết hạn chế bổ nhiệm,Ngày bị hủy,Tình trạng');
    expect(lines[1]).toContain(`,${decidedOn},,,${reviewedOn},Đã hủy,Không,Không,`);
    // Rebuilt from the events, the rows are the same: nothing but the projection holds them.
    const store = t.app.get<EventStore>(EVENT_STORE);
    await rebuildProjection({ pool: t.db.pool, store, projection: disciplineRegisterProjection });
    expect(await row()).toMatchObject({ status: 'annulled', inEffectUntil: null, barEndsOn: null });
    const before = await registerOn(addDays(reviewedOn, -1), (r) => !!r, 'p-annulled');
    expect(before).toMatchObject({ status: 'in_effect', inEffectUntil: expect.any(String) });
  });
});
