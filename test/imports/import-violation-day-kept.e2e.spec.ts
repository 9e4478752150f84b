import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { workbook } from './spreadsheets';

/**
 * An imported discipline's «Ngày vi phạm» is kept on its record and counts as a decided case on
 * that violation (Nghị định 112/2020/NĐ-CP art. 2(2); Quy định 69-QĐ/TW: one discipline per
 * violation and track). Before, the day was dropped: a case opened on the same violation, and a
 * second file recorded it again with another form. A day after today, before the person's birth
 * or after the decision is refused per row, as `POST /discipline-cases` refuses the first two.
 */
describe("an imported discipline's violation day", () => {
  let t: TestApp;
  const today = vietnamToday();
  const decidedOn = addDays(today, -30);
  const committedOn = addDays(today, -60);
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
  const row = (personId: string, form: string, ref: string, category: string, day: string) => ({
    'Mã cán bộ': personId,
    Khối: 'Cán bộ',
    'Hình thức': form,
    'Ngày quyết định': decidedOn,
    'Số quyết định': ref,
    'Loại vi phạm': category,
    'Ngày vi phạm': day,
  });
  const told = (body: { errors: Record<string, string>[] }) =>
    body.errors.map(({ line, column, rule }) => ({ line, column, rule }));

  beforeAll(async () => {
    t = await startTestApp('import_violation_day_kept');
    await buildRegistry(t, staff(), {
      positions: [],
      people: [{ id: 'p-an' }, { id: 'p-binh', dateOfBirth: '1993-03-03' }],
    });
    const file = await workbook({
      discipline: [row('p-an', 'Khiển trách', 'QD-G1', 'Quản lý đất đai', committedOn)],
    });
    const imported = await upload(file, false).expect(200);
    expect(imported.body.valid).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a case opened on the imported violation (its old category code too), naming the paper record', async () => {
    const record = (await http().get('/cadres/p-an').set(staff()).expect(200)).body;
    const paperId = record.discipline[0].caseId as string;
    expect(paperId).toMatch(/^paper-/);
    const opened = await http()
      .post('/discipline-cases')
      .set(staff())
      .send({
        id: 'd-an-land',
        definition: 'discipline.civil-service',
        personId: 'p-an',
        orgUnitId: 'ou-town',
        summary: 'Giao đất sai thẩm quyền',
        violation: {
          description: 'Giao đất sai thẩm quyền',
          source: 'inspection',
          category: 'land',
          committedOn,
        },
      })
      .expect(409);
    expect(opened.body.rule).toBe('discipline.violation_already_handled');
    expect(opened.body.message).toContain(`by case ${paperId} (decided)`);
  });

  it('refuses a second file recording the same violation with another form, dry run and import alike', async () => {
    const file = await workbook({
      discipline: [row('p-an', 'Cảnh cáo', 'QD-G2', 'land_management', committedOn)],
    });
    const before = await eventCount();
    const dry = await upload(file, true).expect(200);
    expect(dry.body.valid).toBe(false);
    const refusal = [
      { line: 2, column: 'Ngày vi phạm', rule: 'discipline.violation_already_handled' },
    ];
    expect(told(dry.body)).toEqual(refusal);
    expect(told((await upload(file, false).expect(422)).body)).toEqual(refusal);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a violation day after today, before birth or after the decision, per row', async () => {
    const file = await workbook({
      discipline: [
        row('p-binh', 'Khiển trách', 'QD-B1', 'budget', '01/01/2099'),
        row('p-binh', 'Khiển trách', 'QD-B2', 'budget', '01/01/1900'),
        row('p-binh', 'Khiển trách', 'QD-B3', 'budget', addDays(decidedOn, 1)),
      ],
    });
    const before = await eventCount();
    const dry = await upload(file, true).expect(200);
    expect(dry.body.valid).toBe(false);
    const refusals = [
      { line: 2, column: 'Ngày vi phạm', rule: 'discipline.violation_in_future' },
      { line: 3, column: 'Ngày vi phạm', rule: 'discipline.violation_before_birth' },
      { line: 4, column: 'Ngày vi phạm', rule: 'discipline.violation_after_decision' },
    ];
    expect(told(dry.body)).toEqual(refusals);
    expect(told((await upload(file, false).expect(422)).body)).toEqual(refusals);
    expect(await eventCount()).toBe(before);
  });
});
