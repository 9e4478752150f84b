import ExcelJS from 'exceljs';
import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, workbook } from './spreadsheets';

const person = (id: string, overrides: Record<string, string> = {}) => ({
  'Mã cán bộ': id,
  'Họ và tên': 'Lê Thị Hoa',
  'Ngày sinh': '02/09/1986',
  'Giới tính': 'Nữ',
  'Dân tộc': 'Kinh',
  'Đảng viên': 'Có',
  'Ngày vào Đảng': '03/02/2010',
  'Trình độ chuyên môn': 'Thạc sĩ',
  'Lý luận chính trị': 'Cao cấp',
  'Mã đơn vị': 'ou-town',
  ...overrides,
});

/**
 * What outside testers found in the import's cells: a post row's reversed term hidden by its
 * unknown person, a day written as yyyy-mm-dd which the template did not say it takes, and
 * control characters (NUL among them) taken into text the API would refuse.
 */
describe('an import judges each cell as the template and the API say', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(userId, roles, 'ou-town')}`,
  });
  const staff = () => as('u-staff', ['organization_staff']);
  const clerk = () => as('u-clerk', ['organization_staff', 'records_clerk']);
  const upload = (file: Buffer, name: string, dryRun: boolean, who = staff()) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(who)
      .attach('file', file, name);
  const where = (errors: Record<string, unknown>[]) =>
    errors.map(({ sheet, line, column, rule }) => [sheet, line, column, rule]);

  beforeAll(async () => {
    t = await startTestApp('import_cell_rules', { RUN_WORKERS: 'false' });
    await buildRegistry(t, staff(), { positions: [{ id: 'pos-head', rank: 4 }], people: [] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a post row of an unknown person with its term ending before it starts: both told at once', async () => {
    const file = await workbook({
      posts: [
        {
          'Mã cán bộ': 'p-khong-co',
          'Mã chức vụ': 'pos-head',
          'Từ ngày': '01/01/2025',
          'Hết nhiệm kỳ': '01/01/2020',
          'Số quyết định': '12-QĐ/TU',
        },
        // The same with a cell that cannot be read: the term's order is told with it.
        {
          'Mã cán bộ': 'p-khong-co',
          'Mã chức vụ': 'pos-head',
          'Từ ngày': '01/01/2025',
          'Hết nhiệm kỳ': '01/01/2020',
          'Số quyết định': '',
        },
      ],
    });
    // A person neither on record nor in the file is outside the grant: the file is refused (403)
    // with every problem listed, the rows' own days among them.
    for (const dryRun of [true, false]) {
      const refused = await upload(file, 'nhiem-ky-nguoc.xlsx', dryRun).expect(403);
      expect(refused.body.rule).toBe('scope.out_of_scope');
      expect(where(refused.body.errors)).toEqual([
        ['Chức vụ', 2, 'Mã cán bộ', 'scope.out_of_scope'],
        ['Chức vụ', 2, 'Hết nhiệm kỳ', 'person.dates_out_of_order'],
        ['Chức vụ', 3, 'Số quyết định', 'import.required'],
        ['Chức vụ', 3, 'Mã cán bộ', 'scope.out_of_scope'],
        ['Chức vụ', 3, 'Hết nhiệm kỳ', 'person.dates_out_of_order'],
      ]);
    }
  });

  it('a post row of a person whose row in the file cannot be read, its term reversed: both told', async () => {
    const file = await workbook({
      people: [person('p-moi', { 'Ngày sinh': '31/02/1986' })],
      posts: [
        {
          'Mã cán bộ': 'p-moi',
          'Mã chức vụ': 'pos-head',
          'Từ ngày': '01/01/2025',
          'Hết nhiệm kỳ': '01/01/2020',
          'Số quyết định': '12-QĐ/TU',
        },
      ],
    });
    const dry = await upload(file, 'nguoi-moi.xlsx', true).expect(200);
    expect(where(dry.body.errors)).toEqual([
      ['Cán bộ', 2, 'Ngày sinh', 'import.day'],
      ['Chức vụ', 2, 'Hết nhiệm kỳ', 'person.dates_out_of_order'],
      ['Chức vụ', 2, 'Mã cán bộ', 'person.not_found'],
    ]);
  });

  it('the template says days are dd/mm/yyyy or yyyy-mm-dd, as the reader takes them', async () => {
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
    await book.xlsx.load(response.body as ArrayBuffer);
    const help = book.worksheets[0];
    const days = help
      .getRows(1, help.rowCount)!
      .find((row) => row.getCell(1).text === 'Ngày (days)');
    expect(days?.getCell(2).text).toContain('yyyy-mm-dd');
    expect(days?.getCell(3).text).toContain('yyyy-mm-dd');
    // And the reader takes it, as the template says.
    const dry = await upload(
      csv('people', [person('p-ngay-iso', { 'Ngày sinh': '1990-05-01' })]),
      'ngay-iso.csv',
      true,
    ).expect(200);
    expect(dry.body).toMatchObject({ valid: true, errors: [] });
  });

  it('a control character in a cell, one-line or free text, is refused naming the cell, and nothing is written', async () => {
    // Excel writes a control character of a cell as `_xHHHH_` in the workbook's XML, which the
    // reader turns back into the character: NUL in the summary, a bell in a name.
    const file = await workbook({
      people: [person('p-chuong', { 'Họ và tên': 'Lê Thị_x0007_ Hoa' })],
      cases: [
        {
          'Mã hồ sơ': 'c-nul',
          'Quy trình': 'Bổ nhiệm',
          'Mẫu quy trình': 'appointment.internal',
          'Mã cán bộ': 'p-chuong',
          'Mã chức vụ': 'pos-head',
          'Mã đơn vị': 'ou-town',
          'Trích yếu': 'Bổ nhiệm_x0000_ Trưởng phòng',
          'Ngày bắt đầu': '15/06/2025',
          'Số hồ sơ giấy': 'HS-2025/017',
        },
      ],
    });
    const before = await streamEventCount(t.db.pool, ['import-%', 'cadre-p-chuong', '%-c-nul']);
    const dry = await upload(file, 'ky-tu-dieu-khien.xlsx', true, clerk()).expect(200);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sheet: 'Cán bộ',
          line: 2,
          column: 'Họ và tên',
          rule: 'import.text_control_character',
          message: expect.stringContaining('U+0007'),
        }),
        expect.objectContaining({
          sheet: 'Hồ sơ đang giải quyết',
          line: 2,
          column: 'Trích yếu',
          rule: 'import.text_control_character',
          message: expect.stringContaining('U+0000'),
        }),
      ]),
    );
    const refused = await upload(file, 'ky-tu-dieu-khien.xlsx', false, clerk()).expect(422);
    expect(refused.body.rule).toBe('import.invalid_rows');
    expect(await streamEventCount(t.db.pool, ['import-%', 'cadre-p-chuong', '%-c-nul'])).toBe(
      before,
    );
  });
});
