import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { SheetRows, workbook } from '../imports/spreadsheets';

/**
 * Planning is for the current term of office or the next (planning.plannableTerms: Quy định
 * 50-QĐ/TW, then 377-QĐ/TW — the next term, reviewed and supplemented yearly during the current
 * one). Before, any forward five-year term was taken: 2051-2056, or 2026-2031 between two terms
 * of office, each with a pool of its own. The route, a review and an import row refuse it alike,
 * writing nothing.
 */
describe('planning pool: only the terms the rules plan for', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const entry = (personId: string, term: string) =>
    http()
      .post(`/cadres/${personId}/planning-pool`)
      .set(staff)
      .send({ positionId: 'pos-head', term, decisionRef: '114-QĐ/TU' });
  const planningPool = async (personId: string) =>
    (await http().get(`/cadres/${personId}`).set(staff).expect(200)).body.planningPool;
  // What a planning entry writes: the person's record and the post's pool seats.
  const written = (personId: string) =>
    streamEventCount(t.db.pool, [`cadre-${personId}`, 'planningseat-%', 'planningreview-%']);

  beforeAll(async () => {
    t = await startTestApp('planning_term_open');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [{ id: 'p-1' }, { id: 'p-2' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a term past the next one or between two terms of office, 422 naming term and the rule', async () => {
    const before = await written('p-1');
    for (const [term, why] of [
      [
        '2051-2056',
        /^term: 2051-2056 is not a term of office and starts in 2051, after 2030-2035;/,
      ],
      ['2035-2040', /^term: 2035-2040 starts in 2035, after 2030-2035;/],
      ['2026-2031', /^term: 2026-2031 is not a term of office;/],
    ] as const) {
      // Before: 201, p-1 planned for pos-head in a pool of that term.
      const refused = await entry('p-1', term).expect(422);
      expect(refused.body).toMatchObject({
        rule: 'planning_pool.term_not_plannable',
        field: 'term',
      });
      expect(refused.body.message).toMatch(why);
      expect(refused.body.message).toMatch(
        /the terms open to planning are 2025-2030, 2030-2035 \(Quy định 377-QĐ\/TW/,
      );
    }
    expect(await planningPool('p-1')).toEqual([]);
    expect(await written('p-1')).toBe(before);
    // The current term and the next are planned for.
    await entry('p-1', '2030-2035').expect(201);
    await entry('p-2', '2025-2030').expect(201);
    expect(await planningPool('p-1')).toEqual([
      expect.objectContaining({ positionId: 'pos-head', term: '2030-2035' }),
    ]);
  });

  it('refuses a review adding people for such a term before writing anything', async () => {
    const before = await written('p-2');
    const review = await http()
      .post('/planning-reviews')
      .set(staff)
      .send({
        id: 'rv-far',
        orgUnitId: 'ou-town',
        term: '2040-2045',
        reviewedOn: '2026-11-30',
        decisionRef: '96-QĐ/TU',
        added: [{ personId: 'p-2', positionId: 'pos-head' }],
        removed: [],
      })
      .expect(422);
    expect(review.body).toMatchObject({ rule: 'planning_pool.term_not_plannable', field: 'term' });
    expect(await written('p-2')).toBe(before);
  });

  it('refuses an import row for such a term: the dry run names it, the import writes nothing', async () => {
    const uploaded = async (dryRun: boolean, status: number) =>
      http()
        .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
        .set(staff)
        .attach('file', await workbook(file), 'ho-so.xlsx')
        .expect(status);
    const file: { planning: SheetRows } = {
      planning: [
        {
          'Mã cán bộ': 'p-2',
          'Mã chức vụ': 'pos-head',
          'Nhiệm kỳ quy hoạch': '2051-2056',
          'Số quyết định': '91-QĐ/TU',
        },
      ],
    };
    // Before: valid, planning written 1.
    const dry = await uploaded(true, 200);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({
        sheet: 'Quy hoạch',
        line: 2,
        column: 'Nhiệm kỳ quy hoạch',
        rule: 'planning_pool.term_not_plannable',
        message: expect.stringMatching(/^term: 2051-2056 is not a term of office/),
      }),
    ]);
    const before = await streamEventCount(t.db.pool, ['import-%', 'cadre-p-2', 'planningseat-%']);
    const real = await uploaded(false, 422);
    expect(real.body).toMatchObject({ rule: 'import.invalid_rows', errorCount: 1 });
    expect(await streamEventCount(t.db.pool, ['import-%', 'cadre-p-2', 'planningseat-%'])).toBe(
      before,
    );
    expect(await planningPool('p-2')).toEqual([
      expect.objectContaining({ positionId: 'pos-head', term: '2025-2030' }),
    ]);
  });
});
