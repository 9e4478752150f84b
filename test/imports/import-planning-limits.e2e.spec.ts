import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { SheetRows, workbook } from './spreadsheets';

const newcomer = (id: string) => ({
  'Mã cán bộ': id,
  'Họ và tên': `Người ${id}`,
  'Ngày sinh': '12/04/1978',
  'Giới tính': 'Nam',
  'Dân tộc': 'Kinh',
  'Đảng viên': 'Có',
  'Ngày vào Đảng': '19/05/2003',
  'Trình độ chuyên môn': 'Thạc sĩ',
  'Lý luận chính trị': 'Cao cấp',
  'Mã đơn vị': 'ou-town',
});

const planning = (personId: string, positionId: string) => ({
  'Mã cán bộ': personId,
  'Mã chức vụ': positionId,
  'Nhiệm kỳ quy hoạch': '2025-2030',
  'Số quyết định': '90-QĐ/TU',
});

/**
 * The planning pool's limits (Quy định 377-QĐ/TW: three people a post, three posts of a level a
 * person) are judged on an import's rows as the registry's route judges them, counting the file's
 * own rows: the dry run names the row, and the import then writes nothing.
 */
describe('import: planning rows past the pool limits', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const upload = async (sheets: Record<string, SheetRows>, dryRun: boolean, status: number) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(staff)
      .attach('file', await workbook(sheets), 'ho-so.xlsx')
      .expect(status);

  // What an import of these people's rows writes (their records, the posts' and planning pools'
  // seats, the import's own event), not the whole store.
  const eventCount = (personIds: string[]) =>
    streamEventCount(t.db.pool, [
      'import-%',
      'postseat-%',
      'planningseat-%',
      ...personIds.map((id) => `cadre-${id}`),
    ]);

  beforeAll(async () => {
    t = await startTestApp('imp_planning_limits');
    staff = { Authorization: `Bearer ${t.token('u-clerk', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-head', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-open', rank: 5 },
      ],
      people: [
        ...['p-1', 'p-2', 'p-3'].map((id) => ({ id, pool: ['pos-head'] })),
        { id: 'p-4', pool: ['pos-open'] },
        { id: 'p-5' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("names the planning row for a full pool in the dry run, and the import then writes none of the file's rows", async () => {
    const file = {
      people: [newcomer('p6-imp')],
      posts: [
        {
          'Mã cán bộ': 'p6-imp',
          'Mã chức vụ': 'pos-deputy',
          'Từ ngày': '01/03/2023',
          'Hết nhiệm kỳ': '01/03/2028',
          'Số quyết định': '125-QĐ/TU',
        },
      ],
      planning: [planning('p6-imp', 'pos-head')],
      discipline: [
        {
          'Mã cán bộ': 'p-5',
          Khối: 'Đảng',
          'Hình thức': 'Khiển trách',
          'Ngày quyết định': '10/02/2024',
          'Số quyết định': '15-QĐ/UBKT',
          'Loại vi phạm': 'budget',
        },
      ],
    };
    // Before: valid, planning written 1, no problem.
    const dry = await upload(file, true, 200);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.errors).toEqual([
      {
        sheet: 'Quy hoạch',
        line: 2,
        column: 'Mã chức vụ',
        cell: 'B2',
        rule: 'planning_pool.post_full',
        message: expect.stringMatching(
          /^planning pool full: post pos-head has 3 of 3 people in term 2025-2030 \(p-1, p-2, p-3\) \(Quy định 377-QĐ\/TW/,
        ),
      },
    ]);
    const before = await eventCount(['p6-imp', 'p-5']);
    // Before: a bare 422 planning_pool.post_full with the person and the post written.
    const real = await upload(file, false, 422);
    expect(real.body).toMatchObject({ rule: 'import.invalid_rows', errorCount: 1 });
    expect(real.body.errors[0]).toMatchObject({ sheet: 'Quy hoạch', line: 2 });
    expect(await eventCount(['p6-imp', 'p-5'])).toBe(before);
    expect((await http().get('/cadres/p-5').set(staff).expect(200)).body.discipline).toEqual([]);
  });

  it("counts the file's own earlier planning rows against the post's pool", async () => {
    // pos-open holds p-4: two more fill it, a third would be a fourth person.
    const file = {
      people: ['p7-imp', 'p8-imp', 'p9-imp'].map(newcomer),
      planning: ['p7-imp', 'p8-imp', 'p9-imp'].map((id) => planning(id, 'pos-open')),
    };
    // Before: valid, planning written 3 (the real import then wrote part of the file).
    const dry = await upload(file, true, 200);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({
        sheet: 'Quy hoạch',
        line: 4,
        rule: 'planning_pool.post_full',
        message: expect.stringMatching(
          /^planning pool full: post pos-open would have 4 of 3 people in term 2025-2030 \(p-4, p7-imp, p8-imp, p9-imp\)/,
        ),
      }),
    ]);
    const before = await eventCount(['p7-imp', 'p8-imp', 'p9-imp']);
    await upload(file, false, 422);
    expect(await eventCount(['p7-imp', 'p8-imp', 'p9-imp'])).toBe(before);
  });
});
