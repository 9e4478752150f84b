import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { workbook } from './spreadsheets';

/**
 * One violation is disciplined once, with one form, on each track (Nghị định 112/2020/NĐ-CP art.
 * 2(2); Quy định 69-QĐ/TW), on paper as through a case. Before, the import recorded a discipline
 * on a violation a case of the track already handled, and the same violation twice from one file.
 */
describe('an imported discipline on a violation already handled on its track', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff', 'inspector'], 'ou-town')}`,
  });
  const upload = (file: Buffer, dryRun: boolean) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(staff())
      .attach('file', file, 'so-theo-doi.xlsx');
  const eventCount = () =>
    streamEventCount(t.db.pool, ['import-%', 'cadre-p-an', 'cadre-p-binh'], {
      requestsOnly: true,
    });
  const discipline = (personId: string, ref: string, category: string, committedOn: string) => ({
    'Mã cán bộ': personId,
    Khối: 'Công chức',
    'Hình thức': 'Khiển trách',
    'Ngày quyết định': addDays(today, -30),
    'Số quyết định': ref,
    'Loại vi phạm': category,
    'Ngày vi phạm': committedOn,
  });

  beforeAll(async () => {
    t = await startTestApp('import_violation_handled_once', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), { positions: [], people: [{ id: 'p-an' }, { id: 'p-binh' }] });
    await http()
      .post('/discipline-cases')
      .set(staff())
      .send({
        id: 'd-an-budget',
        definition: 'discipline.civil-service',
        personId: 'p-an',
        orgUnitId: 'ou-town',
        summary: 'Chi sai dự toán',
        violation: {
          description: 'Chi sai dự toán',
          source: 'inspection',
          category: 'budget',
          committedOn: '2026-01-01',
        },
      })
      .expect(201);
    await eventually(
      async () => (await http().get('/cadres/p-an').set(staff()).expect(200)).body,
      (body) => body.openCases.some((c: { caseId: string }) => c.caseId === 'd-an-budget'),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the row naming the case or the earlier row, at «Ngày vi phạm», in the dry run and the import', async () => {
    const file = await workbook({
      discipline: [
        discipline('p-an', 'QĐ-an-1', 'Tài chính, ngân sách', '01/01/2026'),
        discipline('p-binh', 'QĐ-binh-1', 'land_management', '02/02/2026'),
        // `land` is the old code of the same category: the same violation.
        discipline('p-binh', 'QĐ-binh-2', 'land', '02/02/2026'),
        // Another day: another violation.
        discipline('p-binh', 'QĐ-binh-3', 'land_management', '03/02/2026'),
        // No violation day: nothing tells it from another of that category.
        { ...discipline('p-an', 'QĐ-an-2', 'budget', ''), 'Ngày vi phạm': undefined },
      ],
    });
    const before = await eventCount();
    const dry = await upload(file, true).expect(200);
    expect(dry.body.valid).toBe(false);
    const told = (body: { errors: Record<string, string>[] }) =>
      body.errors.map(({ sheet, line, column, rule, message }) => ({
        sheet,
        line,
        column,
        rule,
        message,
      }));
    expect(told(dry.body)).toEqual([
      {
        sheet: 'Kỷ luật',
        line: 2,
        column: 'Ngày vi phạm',
        rule: 'discipline.violation_already_handled',
        message: expect.stringContaining(
          'the budget violation of 2026-01-01 is already handled on the civil_service track by case d-an-budget (open)',
        ),
      },
      {
        sheet: 'Kỷ luật',
        line: 4,
        column: 'Ngày vi phạm',
        rule: 'discipline.violation_already_handled',
        message: expect.stringContaining(
          'the land_management violation of 2026-02-02 is already handled on the civil_service track by row 3 of this file (decision QĐ-binh-1)',
        ),
      },
    ]);
    const refused = await upload(file, false).expect(422);
    expect(refused.body.rule).toBe('import.invalid_rows');
    expect(told(refused.body)).toEqual(told(dry.body));
    expect(await eventCount()).toBe(before);
  });
});
