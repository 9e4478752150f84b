import ExcelJS from 'exceljs';
import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { workbook } from './spreadsheets';

/**
 * A discipline sheet's «Khối» takes «Cán bộ» beside «Đảng» and «Công chức», as the register's
 * «Khối» names a cadre's (an elected or appointed official's) civil-service discipline. Before, a
 * cán bộ's decision could only be imported as «Công chức» and was listed so (`import.choice` for
 * «Cán bộ»).
 */
describe('a discipline imported as a cán bộ’s («Khối» Cán bộ)', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });
  const inspector = () => ({
    Authorization: `Bearer ${t.token('u-insp', ['inspector'], 'ou-town')}`,
  });
  const upload = (file: Buffer, dryRun: boolean) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(staff())
      .attach('file', file, 'so-theo-doi.xlsx');
  const discipline = (personId: string, khoi: string, form: string) => ({
    'Mã cán bộ': personId,
    Khối: khoi,
    'Hình thức': form,
    'Ngày quyết định': addDays(today, -30),
    'Số quyết định': `QĐ-${personId}`,
    'Loại vi phạm': 'land_management',
  });
  const problems = (body: { errors: Record<string, unknown>[] }) =>
    body.errors.map(({ line, column, rule }) => ({ line, column, rule }));

  beforeAll(async () => {
    t = await startTestApp('import_cadre_block', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: [{ id: 'p-an' }, { id: 'p-binh' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the template’s instructions name the three', async () => {
    const response = await http()
      .get('/imports/template')
      .set(staff())
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.body as never);
    const notes: unknown[][] = [];
    book.getWorksheet('Hướng dẫn')!.eachRow((row) => notes.push(row.values as unknown[]));
    expect(notes.find((row) => row[1] === 'Khối')?.[2]).toBe('Đảng; Cán bộ; Công chức');
  });

  it('judges the form as a cadre’s: dismissal is for civil servants; another label is named with the three', async () => {
    const file = await workbook({
      discipline: [
        discipline('p-binh', 'Cán bộ', 'Buộc thôi việc'),
        discipline('p-an', 'Viên chức', 'Cảnh cáo'),
      ],
    });
    const dry = await upload(file, true).expect(200);
    expect(problems(dry.body)).toEqual([
      { line: 2, column: 'Hình thức', rule: 'discipline.dismissal_needs_civil_servant' },
      { line: 3, column: 'Khối', rule: 'import.choice' },
    ]);
    expect(dry.body.errors[1].message).toContain('Đảng, Cán bộ, Công chức');
  });

  it('records the decision as a cadre’s, on the record and in the register', async () => {
    const file = await workbook({ discipline: [discipline('p-an', 'Cán bộ', 'Cảnh cáo')] });
    const done = await upload(file, false).expect(200);
    expect(done.body.counts.discipline).toMatchObject({ written: 1 });
    const record = await http().get('/cadres/p-an').set(staff()).expect(200);
    expect(record.body.discipline).toEqual([
      expect.objectContaining({
        track: 'civil_service',
        serviceStatus: 'cadre',
        form: 'warning',
      }),
    ]);
    const register = await eventually(
      async () => (await http().get('/discipline-records?person=p-an').set(inspector())).body,
      (body) => body.items?.length === 1,
    );
    expect(register.items[0]).toMatchObject({ track: 'civil_service', serviceStatus: 'cadre' });
    const csv = await http()
      .get('/discipline-records?person=p-an&format=csv')
      .set({ ...inspector(), 'Accept-Language': 'vi' })
      .expect(200);
    expect(csv.text.split('\n')[1]).toContain('Cán bộ');
    // Imported again: the record holds it, nothing is written.
    const again = await upload(file, false).expect(200);
    expect(again.body.counts.discipline).toMatchObject({ written: 0, unchanged: 1 });
  });
});
