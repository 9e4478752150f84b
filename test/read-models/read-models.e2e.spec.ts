import { PoolClient } from 'pg';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { REGISTERED_PROJECTIONS } from '../../src/projections/registered-projections';
import { caseSummariesProjection } from '../../src/read-models/case-summaries.projection';
import { disciplineRegisterProjection } from '../../src/read-models/discipline-register.projection';
import { addMonths } from '../../src/workflow/rules/retirement';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { movableClock } from '../support/movable-clock';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 200 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** The inbox, the case list and the discipline register, on a small data set built through the API. */
describe('read models', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const longAgo = addDays(today, -4 * 365);
  /**
   * The old case was opened when it was decided, four years ago, and pins the rules of then:
   * Quy định 80-QĐ/TW (2022) bars a higher post for 30 months after a warning (36 from 377-QĐ/TW).
   */
  const WARNING_BAR_THEN = 30;
  const http = () => request(t.server as never);
  const clock = movableClock();

  /** A Party case opened and decided on `heldOn` (the service's clock set back to that day). */
  const discipline = async (
    id: string,
    personId: string,
    form: string,
    heldOn: string,
    category: string,
  ) => {
    clock.setDay(heldOn);
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id,
        definition: 'discipline.party',
        personId,
        orgUnitId: 'ou-town',
        summary: `${form} for ${personId}`,
        violation: {
          category,
          committedOn: addDays(heldOn, -30),
          description: 'x',
          source: 'inspection',
          severity: form,
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
      ['review', 'inspector', {}],
    ] as const) {
      await http()
        .post(`/discipline-cases/${id}/steps/${stepId}`)
        .set(h[who])
        .send({ heldOn, minutesRef: 'B', conclusion: 'x', ...extra })
        .expect(200);
    }
    await http()
      .post(`/discipline-cases/${id}/steps/ballot`)
      .set(h.secretary)
      .send({
        heldOn,
        minutesRef: 'B',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { [form]: 5 },
        },
      })
      .expect(200);
    await http()
      .post(`/discipline-cases/${id}/steps/decision`)
      .set(h.leader)
      .send({ heldOn, number: `${id}-QĐ`, signer: 'x', form, effectiveFrom: heldOn })
      .expect(200);
    clock.reset();
  };

  beforeAll(async () => {
    t = await startTestApp('read_models', { RUN_WORKERS: 'true' }, { clock });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    })) {
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    }
    await buildRegistry(t, h.staff, {
      positions: [
        { id: 'pos-head', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
      ],
      people: [{ id: 'p-a', pool: ['pos-head'] }, { id: 'p-b' }, { id: 'p-c' }],
    });
    // A neighbouring town whose inspector must not see ou-town's records.
    await http()
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` })
      .send({ id: 'ou-other', name: 'Huyện khác', kind: 'district' })
      .expect(201);
    h.otherInspector = { Authorization: `Bearer ${t.token('u-other', ['inspector'], 'ou-other')}` };

    await discipline('d-old', 'p-b', 'warning', longAgo, 'land_management');
    await discipline('d-new', 'p-c', 'reprimand', today, 'budget');
    // Two open cases for one person: one per post (a second for the same post would be refused).
    for (const [id, positionId] of [
      ['c-1', 'pos-head'],
      ['c-2', 'pos-deputy'],
    ]) {
      await http()
        .post('/cases')
        .set(h.staff)
        .send({
          id,
          procedure: 'appointment',
          definition: 'appointment.internal',
          personId: 'p-a',
          positionId,
          orgUnitId: 'ou-town',
          summary: id,
        })
        .expect(201);
    }
    await eventually(
      async () =>
        (await http().get('/discipline-records').set(h.inspector).expect(200)).body.items.length +
        (await http().get('/cases').set(h.staff).expect(200)).body.items.length,
      (n) => n === 2 + 4,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the register filters by status as of a day, category, form, person and date range, and pages with a cursor', async () => {
    const inEffect = await http()
      .get('/discipline-records?status=in_effect')
      .set(h.inspector)
      .expect(200);
    expect(inEffect.body.items.map((r: { caseId: string }) => r.caseId)).toEqual(['d-new']);
    const expired = await http()
      .get('/discipline-records?status=expired')
      .set(h.inspector)
      .expect(200);
    expect(expired.body.items).toEqual([
      expect.objectContaining({
        caseId: 'd-old',
        status: 'expired',
        barEndsOn: addMonths(longAgo, WARNING_BAR_THEN),
        violationCategory: 'land_management',
      }),
    ]);
    // Ten months after the old decision it was still in effect, and barred.
    const then = await http()
      .get(`/discipline-records?asOf=${addDays(longAgo, 300)}`)
      .set(h.inspector)
      .expect(200);
    expect(then.body.items).toEqual([
      expect.objectContaining({
        caseId: 'd-old',
        status: 'in_effect',
        inEffect: true,
        barred: true,
      }),
    ]);
    expect(
      (
        await http().get('/discipline-records?category=budget').set(h.inspector).expect(200)
      ).body.items.map((r: { caseId: string }) => r.caseId),
    ).toEqual(['d-new']);
    expect(
      (await http().get('/discipline-records?form=warning&person=p-b').set(h.inspector).expect(200))
        .body.items,
    ).toHaveLength(1);
    expect(
      (
        await http()
          .get(`/discipline-records?from=${addDays(today, -1)}`)
          .set(h.inspector)
          .expect(200)
      ).body.items,
    ).toHaveLength(1);
    const first = await http().get('/discipline-records?limit=1').set(h.inspector).expect(200);
    expect(first.body.items.map((r: { caseId: string }) => r.caseId)).toEqual(['d-new']);
    const second = await http()
      .get(`/discipline-records?limit=1&cursor=${first.body.nextCursor}`)
      .set(h.inspector)
      .expect(200);
    expect(second.body).toEqual({
      items: [
        expect.objectContaining({
          caseId: 'd-old',
          personName: 'Người p-b',
          orgUnitName: 'Thị xã Demo',
        }),
      ],
      nextCursor: null,
    });
    const bad = await http().get('/discipline-records?status=soon').set(h.inspector).expect(400);
    expect(bad.body).toMatchObject({ field: 'status' });
  });

  it('in effect is not barred: two dates, and the inspector filters by either', async () => {
    // Two years after the old warning: its validity (12 months) is over, its bar (30) runs.
    const asOf = addDays(longAgo, 2 * 365);
    const all = await http().get(`/discipline-records?asOf=${asOf}`).set(h.inspector).expect(200);
    expect(all.body.items).toEqual([
      expect.objectContaining({
        caseId: 'd-old',
        inEffectUntil: addMonths(longAgo, 12),
        barEndsOn: addMonths(longAgo, WARNING_BAR_THEN),
        status: 'expired',
        inEffect: false,
        barred: true,
      }),
    ]);
    const ids = async (query: string) =>
      (
        await http().get(`/discipline-records?${query}`).set(h.inspector).expect(200)
      ).body.items.map((r: { caseId: string }) => r.caseId);
    expect(await ids(`asOf=${asOf}&barred=true`)).toEqual(['d-old']);
    expect(await ids(`asOf=${asOf}&inEffect=true`)).toEqual([]);
    expect(await ids(`asOf=${asOf}&inEffect=false&barred=true`)).toEqual(['d-old']);
    expect(await ids('inEffect=true')).toEqual(['d-new']);
    expect(await ids('barred=false')).toEqual(['d-old']);
    const bad = await http().get('/discipline-records?barred=maybe').set(h.inspector).expect(400);
    expect(bad.body).toMatchObject({ field: 'barred' });
  });

  it('the register is scoped to the caller’s unit and exports CSV', async () => {
    expect(
      (await http().get('/discipline-records').set(h.otherInspector).expect(200)).body.items,
    ).toEqual([]);
    const csv = await http().get('/discipline-records?format=csv').set(h.inspector).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.startsWith('\uFEFFcaseId,')).toBe(true);
    const lines = csv.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'caseId,personId,personName,personOrgUnitId,personOrgUnitName,orgUnitId,orgUnitName,track,serviceStatus,form,violationCategory,decidedOn,effectiveFrom,inEffectUntil,barEndsOn,annulledOn,status,inEffect,barred,decisionRef,revisedByRef,revisedOn,ruleSet,sameViolationCaseId',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(
      `${addMonths(today, 12)},${addMonths(today, 24)},,in_effect,true,true,`,
    );
  });

  it('the web app’s CSV (Accept-Language: vi) is headed and labelled in Vietnamese (before: English headers and codes)', async () => {
    const csv = await http()
      .get('/discipline-records?format=csv')
      .set(h.inspector)
      .set('Accept-Language', 'vi')
      .expect(200);
    const lines = csv.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'Mã hồ sơ,Mã cán bộ,Cán bộ,Mã đơn vị,Đơn vị,Mã đơn vị quyết định,Đơn vị quyết định,Khối,Hình thức,Loại vi phạm,Ngày quyết định,Hiệu lực từ,Hết hiệu lực kỷ luật,Hết hạn chế bổ nhiệm,Ngày bị hủy,Tình trạng,Còn hiệu lực kỷ luật,Đang bị hạn chế bổ nhiệm,Số quyết định,Quyết định giải quyết khiếu nại,Ngày giải quyết khiếu nại,Bộ quy định,Cùng vi phạm (khối kia)',
    );
    expect(lines[1]).toContain(',Đảng,Khiển trách,"Tài chính, ngân sách",');
    expect(lines[1]).toContain(
      `${addMonths(today, 12)},${addMonths(today, 24)},,Đang có hiệu lực,Có,Có,`,
    );
    // The rule set by its name (before: the code "party-…"); a decision's reference as recorded,
    // its day yyyy-mm-dd like the day columns of the same row (before: "d-new-QĐ (07/12/2026)"
    // beside "2026-12-07" in Ngày quyết định).
    const row = lines.find((line) => line.startsWith('d-new,'))!;
    expect(row).toContain(`,d-new-QĐ (${today}),`);
    expect(row).toMatch(/,"?Các quy định có hiệu lực ngày \d{2}\/\d{2}\/\d{4}/);
    expect(row).not.toMatch(/,(party|state)-\d{4}/);
    const days = row.match(/\d{2}\/\d{2}\/\d{4}/g) ?? [];
    expect(days.filter((day) => !row.includes(`hiệu lực ngày ${day}`))).toEqual([]);
  });

  it('the inbox shows each role its own open steps, soonest deadline first', async () => {
    const staff = await http().get('/inbox').set(h.staff).expect(200);
    expect(
      staff.body.items.map((i: { caseId: string; step: string }) => `${i.caseId}/${i.step}`),
    ).toEqual(['c-1/leadership-round-1', 'c-2/leadership-round-1']);
    expect(staff.body.items[0]).toMatchObject({
      kind: 'step',
      procedure: 'appointment',
      personId: 'p-a',
      personName: 'Người p-a',
      positionId: 'pos-head',
      positionTitle: 'pos-head',
      orgUnitName: 'Thị xã Demo',
      definition: 'appointment.internal@3',
      stepTitleVi: 'Hội nghị tập thể lãnh đạo lần 1',
      stepKind: 'meeting',
      overdue: false,
      href: '/cases/c-1',
    });
    expect(staff.body.items[0].dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await http().get('/inbox').set(h.secretary).expect(200)).body.items).toEqual([]);
    expect((await http().get('/inbox?overdue=true').set(h.staff).expect(200)).body.items).toEqual(
      [],
    );
    const paged = await http().get('/inbox?limit=1').set(h.staff).expect(200);
    const next = await http()
      .get(`/inbox?limit=1&cursor=${paged.body.nextCursor}`)
      .set(h.staff)
      .expect(200);
    expect(next.body.items.map((i: { caseId: string }) => i.caseId)).toEqual(['c-2']);
  });

  it('the case list filters by procedure, status and person, newest first', async () => {
    const all = await http().get('/cases').set(h.staff).expect(200);
    expect(all.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([
      'c-2',
      'c-1',
      'd-new',
      'd-old',
    ]);
    const decided = await http()
      .get('/cases?procedure=discipline&status=decided')
      .set(h.staff)
      .expect(200);
    expect(decided.body.items.map((c: { caseId: string }) => c.caseId)).toEqual(['d-new', 'd-old']);
    expect(
      (await http().get('/cases?person=p-a&limit=1').set(h.staff).expect(200)).body.nextCursor,
    ).not.toBeNull();
    expect((await http().get('/cases').set(h.otherInspector).expect(200)).body.items).toEqual([]);
  });

  it('a rebuild from 0 yields the same rows as live processing', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const snapshot = async () => ({
      cases: (await t.db.pool.query('SELECT * FROM case_summaries ORDER BY case_id')).rows,
      tasks: (await t.db.pool.query('SELECT * FROM inbox_tasks ORDER BY task_id')).rows,
      records: (await t.db.pool.query('SELECT * FROM discipline_records ORDER BY case_id')).rows,
    });
    const live = await snapshot();
    expect(live.cases).toHaveLength(4);
    await rebuildProjection({ pool: t.db.pool, store, projection: caseSummariesProjection });
    await rebuildProjection({ pool: t.db.pool, store, projection: disciplineRegisterProjection });
    expect(await snapshot()).toEqual(live);
  });

  it('no projection writes for an event it declares it does not handle', async () => {
    // Such events are only applied (with the next batch it handles) up to 200 ms late: a wrong
    // declaration would hold a read model's rows back.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const events = await store.readAll('start', { limit: 100_000 });
    const client = await t.db.pool.connect();
    const written: string[] = [];
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const recording = Object.assign(Object.create(client) as PoolClient, {
      query: (...args: unknown[]) => {
        const [config] = args;
        written.push(typeof config === 'string' ? config : (config as { text: string }).text);
        return query(...args);
      },
    });
    let declined = 0;
    try {
      for (const projection of REGISTERED_PROJECTIONS.filter((p) => p.handles)) {
        for (const [index, event] of events.entries()) {
          if (projection.handles!(event)) continue;
          declined += 1;
          await client.query('BEGIN');
          await projection.handle(event, recording, { sequence: index + 1 });
          await client.query('ROLLBACK');
          expect({ projection: projection.name, type: event.type, written }).toEqual({
            projection: projection.name,
            type: event.type,
            written: [],
          });
        }
      }
    } finally {
      client.release();
    }
    expect(declined).toBeGreaterThan(events.length);
  });
});
