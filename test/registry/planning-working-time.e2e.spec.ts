import request from 'supertest';
import { SheetRows, workbook } from '../imports/spreadsheets';
import { buildRegistry } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A person planned for a term must still be able to work a full term before retiring
 * (planning.minTermsBeforeRetirement: Quy định 50-QĐ/TW, carried into 377-QĐ/TW; restatement, the
 * article not identified). Before, a man retired on 30 Nov 2025 was put into the 2025-2030 pool
 * (201), and a woman retiring in 2027 took one of the post's three places, so that others were
 * refused planning_pool.post_full. The route and an import's planning row refuse it alike.
 */
describe('planning pool: enough working time before retirement', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const entry = (personId: string, term = '2025-2030') =>
    http()
      .post(`/cadres/${personId}/planning-pool`)
      .set(staff)
      .send({ positionId: 'pos-head', term, decisionRef: 'QH-1' });
  const written = (personId: string) =>
    streamEventCount(t.db.pool, [`cadre-${personId}`, 'planningseat-%', 'import-%']);

  beforeAll(async () => {
    // The day the tester met the review judged from today (2026-12-08).
    t = await startTestApp(
      'planning_working_time',
      {},
      {
        clock: { now: () => new Date('2026-12-08T03:00:00Z') },
      },
    );
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        { id: 'p-m-1964', dateOfBirth: '1964-08-15', gender: 'male' },
        { id: 'p-f-1971', dateOfBirth: '1971-05-10', gender: 'female' },
        { id: 'p-young', dateOfBirth: '1982-05-05', gender: 'female' },
        { id: 'p-m-1969', dateOfBirth: '1969-01-15', gender: 'male' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses 422 naming the retirement day and the term, writing nothing; a younger person is planned', async () => {
    for (const personId of ['p-m-1964', 'p-f-1971']) {
      const before = await written(personId);
      const refused = await entry(personId).expect(422);
      expect(refused.body).toMatchObject({
        rule: 'planning.not_enough_working_time',
        field: 'personId',
      });
      expect(refused.body.message).toMatch(
        new RegExp(
          `^personId: ${personId} retires on \\d{4}-\\d{2}-\\d{2}, before .*planned for the term 2025-2030, a person must still have 5 years of working time`,
        ),
      );
      expect(await written(personId)).toBe(before);
    }
    const retired = await entry('p-m-1964').expect(422);
    expect(retired.body.message).toMatch(/retires on 2025-11-30/);
    await entry('p-young').expect(201);
  });

  it("judges a review's addition from its reviewedOn, naming the row when refused", async () => {
    const review = (id: string, reviewedOn: string) =>
      http()
        .post('/planning-reviews')
        .set(staff)
        .send({
          id,
          orgUnitId: 'ou-town',
          term: '2025-2030',
          reviewedOn,
          decisionRef: id.toUpperCase(),
          added: [{ personId: 'p-m-1969', positionId: 'pos-head' }],
          removed: [],
        });
    // He retires early in 2031: five years from 1 Dec 2026 run past it, from 8 Jan 2026 they do not.
    const before = await written('p-m-1969');
    const late = await review('rv-late', '2026-12-01').expect(422);
    expect(late.body).toMatchObject({
      rule: 'planning.not_enough_working_time',
      field: 'added[0].personId',
    });
    expect(late.body.message).toMatch(
      /^added\[0\]\.personId: p-m-1969 retires on 2031-0\d-\d\d, before 2031-11-30; .* from 2026-12-01 /,
    );
    expect(await written('p-m-1969')).toBe(before);
    await review('rv-january', '2026-01-08').expect(201);
    const { body } = await http().get('/cadres/p-m-1969').set(staff).expect(200);
    expect(body.planningPool).toEqual([
      expect.objectContaining({
        positionId: 'pos-head',
        term: '2025-2030',
        decisionRef: 'RV-JANUARY',
      }),
    ]);
  });

  it('names the planning row of an import in the dry run and the import writes nothing', async () => {
    const rows: SheetRows = [
      {
        'Mã cán bộ': 'p-f-1971',
        'Mã chức vụ': 'pos-head',
        'Nhiệm kỳ quy hoạch': '2030-2035',
        'Số quyết định': '90-QĐ/TU',
      },
    ];
    const upload = async (dryRun: boolean, status: number) =>
      http()
        .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
        .set(staff)
        .attach('file', await workbook({ planning: rows }), 'quy-hoach.xlsx')
        .expect(status);
    const dry = await upload(true, 200);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({
        sheet: 'Quy hoạch',
        line: 2,
        rule: 'planning.not_enough_working_time',
        message: expect.stringMatching(/from 2030-01-01 \(Quy định 377-QĐ\/TW/),
      }),
    ]);
    const before = await written('p-f-1971');
    await upload(false, 422);
    expect(await written('p-f-1971')).toBe(before);
  });
});
