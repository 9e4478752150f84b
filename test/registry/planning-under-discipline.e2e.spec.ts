import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { workbook } from '../imports/spreadsheets';

/**
 * A discipline that took a cadre off the planning pool keeps them off while it is in effect
 * (planning.formsLeavingPool: they may be planned again once it has run its term). Before, the
 * same day's POST /cadres/:id/planning-pool answered 201, and a planning review or an import row
 * put them back as easily.
 */
describe('planning a cadre whose discipline is in effect', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });
  const entry = { positionId: 'pos-head', term: '2025-2030', decisionRef: '9-QĐ' };
  const upload = (file: Buffer, dryRun: boolean) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(staff())
      .attach('file', file, 'so-theo-doi.xlsx');
  // The streams a planning entry, a review or an import of the two people writes: their records,
  // the pool's places, the review's, the import's. Not the whole store, where sagas keep writing.
  const eventCount = () =>
    streamEventCount(t.db.pool, [
      'cadre-p-giang',
      'cadre-p-khoa',
      'planningseat-%',
      'planningreview-%',
      'import-%',
    ]);

  beforeAll(async () => {
    t = await startTestApp('planning_under_discipline');
    await buildRegistry(t, staff(), {
      positions: [
        { id: 'pos-head', rank: 5 },
        { id: 'pos-deputy', rank: 3 },
      ],
      people: [{ id: 'p-giang' }, { id: 'p-khoa' }],
    });
    // A warning decided ten days ago, recorded from the paper register.
    const file = await workbook({
      discipline: [
        {
          'Mã cán bộ': 'p-giang',
          Khối: 'Công chức',
          'Hình thức': 'Cảnh cáo',
          'Ngày quyết định': addDays(today, -10),
          'Số quyết định': '45-QĐ/UBND',
          'Loại vi phạm': 'land_management',
        },
      ],
    });
    await upload(file, false).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the direct entry, naming the discipline, its end and the rule; writes nothing', async () => {
    const record = await http().get('/cadres/p-giang').set(staff()).expect(200);
    const until = record.body.discipline[0].inEffectUntil as string;
    expect(until > today).toBe(true);
    const before = await eventCount();
    const refused = await http()
      .post('/cadres/p-giang/planning-pool')
      .set(staff())
      .send(entry)
      .expect(422);
    expect(refused.body).toMatchObject({ rule: 'planning.discipline_bar', field: 'positionId' });
    expect(refused.body.detail).toContain(
      `p-giang is under discipline (warning, 45-QĐ/UBND) in effect until ${until}`,
    );
    expect(refused.body.detail).toContain(
      'may be planned again once that discipline has run its term',
    );
    expect(refused.body.detail).toMatch(/Quy định 377-QĐ\/TW/);
    expect(await eventCount()).toBe(before);
    // Someone with no discipline is planned as before.
    await http().post('/cadres/p-khoa/planning-pool').set(staff()).send(entry).expect(201);
  });

  it('refuses her in a planning review before any of its removals is written', async () => {
    const before = await eventCount();
    const refused = await http()
      .post('/planning-reviews')
      .set(staff())
      .send({
        id: 'rv-1',
        orgUnitId: 'ou-town',
        term: '2025-2030',
        reviewedOn: today,
        decisionRef: '95-QĐ/TU',
        added: [{ personId: 'p-giang', positionId: 'pos-head' }],
        removed: [{ personId: 'p-khoa', positionId: 'pos-head', reason: 'rà soát' }],
      })
      .expect(422);
    expect(refused.body).toMatchObject({ rule: 'planning.discipline_bar', field: 'added[0]' });
    expect(await eventCount()).toBe(before);
  });

  it("lists her planning row among the import's problems, in the dry run and the import alike", async () => {
    const file = await workbook({
      planning: [
        {
          'Mã cán bộ': 'p-giang',
          'Mã chức vụ': 'pos-head',
          'Nhiệm kỳ quy hoạch': '2025-2030',
          'Số quyết định': '9-QĐ',
        },
      ],
    });
    const dry = await upload(file, true).expect(200);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.errors).toMatchObject([
      { sheet: 'Quy hoạch', line: 2, rule: 'planning.discipline_bar' },
    ]);
    const before = await eventCount();
    const real = await upload(file, false).expect(422);
    expect(real.body.errors).toMatchObject([
      { sheet: 'Quy hoạch', rule: 'planning.discipline_bar' },
    ]);
    expect(await eventCount()).toBe(before);
  });
});
