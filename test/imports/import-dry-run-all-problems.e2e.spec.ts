import request from 'supertest';
import { vietnamDay } from '../../src/common/vietnam-day';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, workbook } from './spreadsheets';

const person = (id: string, overrides: Record<string, unknown> = {}) => ({
  'Mã cán bộ': id,
  'Họ và tên': `Người ${id}`,
  'Ngày sinh': '12/04/1978',
  'Giới tính': 'Nam',
  'Dân tộc': 'Kinh',
  'Đảng viên': 'Có',
  'Ngày vào Đảng': '19/05/2003',
  'Trình độ chuyên môn': 'Thạc sĩ',
  'Lý luận chính trị': 'Cao cấp',
  'Mã đơn vị': 'ou-dist-a',
  ...overrides,
});

/**
 * A dry run lists every problem of every row, whatever kind of check finds it, so a clerk fixes
 * the file once (before: a row outside the grant hid every other problem, a row with a bad cell
 * was not checked further, a discipline row told one of its problems).
 */
describe('an import dry run reports every problem at once', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('staff-a', ['organization_staff'], 'ou-dist-a')}`,
  });
  const upload = (file: Buffer, name: string, dryRun: boolean) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(staff())
      .attach('file', file, name);
  // What an import of these people's rows writes (their records, the posts' and planning pools'
  // seats, the import's own event), not the whole store.
  const eventCount = (personIds: string[]) =>
    streamEventCount(t.db.pool, [
      'import-%',
      'postseat-%',
      'planningseat-%',
      ...personIds.map((id) => `cadre-${id}`),
    ]);
  const where = (errors: Record<string, unknown>[]) =>
    errors.map(({ sheet, line, column, rule }) => [sheet, line, column, rule]);

  beforeAll(async () => {
    t = await startTestApp('import_dry_run_all', { RUN_WORKERS: 'false' });
    const admin = { Authorization: `Bearer ${t.token('admin', ['admin'], 'ou-prov')}` };
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-prov', name: 'Tỉnh', kind: 'province' })
      .expect(201);
    for (const id of ['ou-dist-a', 'ou-dist-b'])
      await http()
        .post('/org-units')
        .set(admin)
        .send({ id, name: id, kind: 'district', parentId: 'ou-prov' })
        .expect(201);
    for (const [id, unit] of [
      ['pos-a-head', 'ou-dist-a'],
      ['pos-b', 'ou-dist-b'],
    ] as const)
      await http()
        .post('/positions')
        .set(admin)
        .send({ id, title: id, orgUnitId: unit, appointingAuthority: unit, rank: 4 })
        .expect(201);
    await http()
      .post('/cadres')
      .set(staff())
      .send({
        id: 'p-old',
        fullName: 'Lê Văn Cũ',
        dateOfBirth: '1975-01-01',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Cử nhân',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-dist-a',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('two kinds of problems in different rows, and two in one row: the dry run lists them all', async () => {
    const file = await workbook({
      people: [
        person('p-new', { 'Ngày sinh': '31/02/1980' }),
        // Registered with another name: the import does not overwrite.
        person('p-old', { 'Họ và tên': 'Lê Văn Khác' }),
      ],
      posts: [
        {
          'Mã cán bộ': 'p-old',
          'Mã chức vụ': 'pos-missing',
          'Từ ngày': '2023-13-01',
          'Số quyết định': '1',
        },
      ],
      discipline: [
        {
          'Mã cán bộ': 'p-old',
          Khối: 'Công chức',
          'Hình thức': 'Giáng chức',
          'Ngày quyết định': '01/08/2025',
          'Hiệu lực từ': '01/07/2025',
          'Số quyết định': '3',
          'Loại vi phạm': 'budget',
        },
      ],
    });
    const before = await eventCount(['p-new', 'p-old']);
    const dry = await upload(file, 'nhieu-loi.xlsx', true).expect(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      valid: false,
      errorCount: 6,
      errorsNotListed: 0,
    });
    expect(where(dry.body.errors)).toEqual([
      ['Cán bộ', 2, 'Ngày sinh', 'import.day'],
      ['Cán bộ', 3, 'Họ và tên', 'person.already_registered'],
      // One row, two kinds: a cell that cannot be read and a post that does not exist.
      ['Chức vụ', 2, 'Từ ngày', 'import.day'],
      ['Chức vụ', 2, 'Mã chức vụ', 'position.not_found'],
      ['Kỷ luật', 2, 'Hình thức', 'discipline.form_not_in_rule_set'],
      ['Kỷ luật', 2, 'Hiệu lực từ', 'decision.effective_before_signed'],
    ]);
    expect(await eventCount(['p-new', 'p-old'])).toBe(before);

    // The import itself still refuses the whole file, listing the same problems.
    const refused = await upload(file, 'nhieu-loi.xlsx', false).expect(422);
    expect(refused.body).toMatchObject({ rule: 'import.invalid_rows', errorCount: 6 });
    expect(refused.body.errors).toEqual(dry.body.errors);
    expect(await eventCount(['p-new', 'p-old'])).toBe(before);
  });

  it('a row refused is not counted as one to write: two person rows both refused, none to write', async () => {
    // Before: "Cán bộ: 2 dòng, Sẽ ghi mới 1" beside "Có 2 lỗi … Chưa ghi gì" (the row naming a
    // unit that does not exist was still counted as written).
    const file = csv('people', [
      person('p-feb', { 'Ngày sinh': '31/02/1985' }),
      person('p-nowhere', { 'Mã đơn vị': 'ou-khong-co' }),
    ]);
    const dry = await upload(file, 'hai-dong-sai.csv', true).expect(200);
    expect(where(dry.body.errors)).toEqual([
      ['Cán bộ', 2, 'Ngày sinh', 'import.day'],
      ['Cán bộ', 3, 'Mã đơn vị', 'org_unit.not_found'],
    ]);
    expect(dry.body.counts.people).toEqual({ rows: 2, written: 0, unchanged: 0 });
    // A row with no problem beside them is still counted as the one the import would write.
    const mixed = csv('people', [
      person('p-feb', { 'Ngày sinh': '31/02/1985' }),
      person('p-nowhere', { 'Mã đơn vị': 'ou-khong-co' }),
      person('p-fine'),
    ]);
    const mixedDry = await upload(mixed, 'mot-dong-dung.csv', true).expect(200);
    expect(mixedDry.body.counts.people).toEqual({ rows: 3, written: 1, unchanged: 0 });
  });

  it('a row outside the grant refuses the file, and the other rows are still checked', async () => {
    const file = await workbook({
      people: [person('p-new', { 'Ngày sinh': '31/02/1980' })],
      planning: [
        {
          'Mã cán bộ': 'p-old',
          'Mã chức vụ': 'pos-b',
          'Nhiệm kỳ quy hoạch': '2025-2030',
          'Số quyết định': '9',
        },
        {
          'Mã cán bộ': 'p-old',
          'Mã chức vụ': 'pos-missing',
          'Nhiệm kỳ quy hoạch': '2025-2030',
          'Số quyết định': '9',
        },
      ],
    });
    const before = await eventCount(['p-new', 'p-old']);
    for (const dryRun of [true, false]) {
      const refused = await upload(file, 'ngoai-pham-vi.xlsx', dryRun).expect(403);
      expect(refused.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'file' });
      expect(where(refused.body.errors)).toEqual([
        ['Cán bộ', 2, 'Ngày sinh', 'import.day'],
        ['Quy hoạch', 2, 'Mã chức vụ', 'scope.out_of_scope'],
        ['Quy hoạch', 3, 'Mã chức vụ', 'position.not_found'],
      ]);
    }
    expect(await eventCount(['p-new', 'p-old'])).toBe(before);
  });

  it('a person row with days after today: each day told as such, with every other problem of the row', async () => {
    const later = Number(vietnamDay(new Date()).slice(0, 4)) + 4;
    const file = csv('people', [
      // Born after today, a Party joining day before that birth, a unit that does not exist.
      person('p-unborn-member', {
        'Ngày sinh': `02/05/${later}`,
        'Ngày vào Đảng': '19/05/2003',
        'Mã đơn vị': 'ou-khong-co',
      }),
      // Born after today, nothing else wrong: not "0 years old" under the minimum age.
      person('p-unborn', {
        'Ngày sinh': `02/05/${later}`,
        'Đảng viên': 'Không',
        'Ngày vào Đảng': '',
      }),
      // Joined the Party after today, and not a member: both told.
      person('p-joins-later', { 'Đảng viên': 'Không', 'Ngày vào Đảng': `01/01/${later}` }),
    ]);
    const before = await eventCount(['p-unborn-member', 'p-unborn', 'p-joins-later']);
    const dry = await upload(file, 'ngay-sau-hom-nay.csv', true).expect(200);
    expect(dry.body.valid).toBe(false);
    expect(where(dry.body.errors)).toEqual([
      ['Cán bộ', 2, 'Mã đơn vị', 'org_unit.not_found'],
      ['Cán bộ', 2, 'Ngày sinh', 'person.date_in_the_future'],
      ['Cán bộ', 2, 'Ngày vào Đảng', 'person.dates_out_of_order'],
      ['Cán bộ', 3, 'Ngày sinh', 'person.date_in_the_future'],
      ['Cán bộ', 4, 'Ngày vào Đảng', 'person.date_in_the_future'],
      ['Cán bộ', 4, 'Ngày vào Đảng', 'person.party_joined_without_membership'],
    ]);
    expect(dry.body.errors[3].message).toBe(
      `dateOfBirth: ${later}-05-02 is after today (${vietnamDay(new Date())})`,
    );
    await upload(file, 'ngay-sau-hom-nay.csv', false).expect(422);
    expect(await eventCount(['p-unborn-member', 'p-unborn', 'p-joins-later'])).toBe(before);
  });

  it('the rows of a person whose own row is refused are judged against it, not told the person is not registered', async () => {
    const later = Number(vietnamDay(new Date()).slice(0, 4)) + 4;
    const file = await workbook({
      people: [person('p-unborn', { 'Ngày sinh': `02/05/${later}`, 'Ngày vào Đảng': '' })],
      posts: [
        {
          'Mã cán bộ': 'p-unborn',
          'Mã chức vụ': 'pos-a-head',
          'Từ ngày': '01/01/2020',
          'Số quyết định': '5/QĐ',
        },
      ],
    });
    const dry = await upload(file, 'nguoi-va-chuc-vu.xlsx', true).expect(200);
    expect(where(dry.body.errors)).toEqual([
      ['Cán bộ', 2, 'Ngày sinh', 'person.date_in_the_future'],
      ['Chức vụ', 2, 'Từ ngày', 'person.dates_out_of_order'],
    ]);
  });

  it('a row with a cell that cannot be read still has its other days judged', async () => {
    const later = Number(vietnamDay(new Date()).slice(0, 4)) + 4;
    const file = await workbook({
      people: [
        person('p-unborn', { 'Ngày sinh': `02/05/${later}`, 'Ngày vào Đảng': '31/02/2003' }),
      ],
      posts: [
        {
          'Mã cán bộ': 'p-old',
          'Mã chức vụ': 'pos-a-head',
          'Từ ngày': '31/04/2020',
          'Số quyết định': '6/QĐ',
          'Ngày HĐND bầu': `01/01/${later}`,
        },
      ],
    });
    const dry = await upload(file, 'o-khong-doc-duoc.xlsx', true).expect(200);
    expect(where(dry.body.errors)).toEqual([
      ['Cán bộ', 2, 'Ngày vào Đảng', 'import.day'],
      ['Cán bộ', 2, 'Ngày sinh', 'person.date_in_the_future'],
      ['Chức vụ', 2, 'Từ ngày', 'import.day'],
      ['Chức vụ', 2, 'Ngày HĐND bầu', 'person.date_in_the_future'],
    ]);
  });

  it('a post row with its days out of order and an election after today: every problem of the row', async () => {
    const later = Number(vietnamDay(new Date()).slice(0, 4)) + 4;
    const file = csv('posts', [
      {
        'Mã cán bộ': 'p-old',
        'Mã chức vụ': 'pos-a-head',
        'Từ ngày': '01/01/1970',
        'Hết nhiệm kỳ': '01/01/1960',
        'Số quyết định': '12/QĐ',
        'Ngày HĐND bầu': `01/01/${later}`,
      },
    ]);
    const dry = await upload(file, 'chuc-vu.csv', true).expect(200);
    expect(where(dry.body.errors)).toEqual([
      // Appointed, so no election day; and that day is after today, and after the start.
      ['Chức vụ', 2, 'Ngày HĐND bầu', 'post.not_elected'],
      ['Chức vụ', 2, 'Ngày HĐND bầu', 'person.date_in_the_future'],
      ['Chức vụ', 2, 'Hết nhiệm kỳ', 'person.dates_out_of_order'],
      ['Chức vụ', 2, 'Từ ngày', 'person.dates_out_of_order'],
      ['Chức vụ', 2, 'Ngày HĐND bầu', 'person.dates_out_of_order'],
    ]);
  });

  it('lists the first 1,000 problems and says how many more there are', async () => {
    const rows = Array.from({ length: 1005 }, (_, i) =>
      person(`p-bad-${i}`, { 'Ngày sinh': '31/02/1980' }),
    );
    const dry = await upload(csv('people', rows), 'qua-nhieu-loi.csv', true).expect(200);
    expect(dry.body).toMatchObject({ valid: false, errorCount: 1005, errorsNotListed: 5 });
    expect(dry.body.errors).toHaveLength(1000);
    expect(dry.body.errors[999]).toMatchObject({ line: 1001, rule: 'import.day' });
  });
});
