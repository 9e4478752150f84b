import ExcelJS from 'exceljs';
import request from 'supertest';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, SheetRows, storedZip, workbook } from './spreadsheets';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 200 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

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

/** A unit adopting the service imports the registry it kept on paper. */
describe('import from the spreadsheet template', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[], unit: string) => ({
    Authorization: `Bearer ${t.token(userId, roles, unit)}`,
  });
  const staff = () => as('staff-a', ['organization_staff'], 'ou-dist-a');
  const upload = (file: Buffer, name: string, dryRun: boolean) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(staff())
      .attach('file', file, name);
  // The streams an import of these people's rows writes: their records, the posts' and planning
  // pools' seats, the import's own. Not the whole store: the workers' sagas keep writing elsewhere.
  const eventCount = (personIds: string[]) =>
    streamEventCount(t.db.pool, [
      'import-%',
      'postseat-%',
      'planningseat-%',
      ...personIds.map((id) => `cadre-${id}`),
    ]);

  const good: Record<string, SheetRows> = {
    people: [
      person('p-an', { 'Họ và tên': 'Nguyễn Văn An' }),
      person('p-binh', {
        'Họ và tên': 'Trần Thị Bình',
        'Ngày sinh': new Date(Date.UTC(1985, 2, 2)),
        'Giới tính': 'Nữ',
        'Đảng viên': 'Không',
        'Ngày vào Đảng': undefined,
      }),
    ],
    posts: [
      {
        'Mã cán bộ': 'p-an',
        'Mã chức vụ': 'pos-a-deputy',
        'Từ ngày': '01/03/2023',
        'Hết nhiệm kỳ': '01/03/2028',
        'Số quyết định': '125-QĐ/TU',
      },
    ],
    planning: [
      {
        'Mã cán bộ': 'p-binh',
        'Mã chức vụ': 'pos-a-head',
        'Nhiệm kỳ quy hoạch': '2025-2030',
        'Số quyết định': '88-QĐ/TU',
      },
      {
        'Mã cán bộ': 'p-old',
        'Mã chức vụ': 'pos-a-head',
        'Nhiệm kỳ quy hoạch': '2025-2030',
        'Số quyết định': '88-QĐ/TU',
      },
    ],
    discipline: [
      {
        'Mã cán bộ': 'p-an',
        Khối: 'Đảng',
        'Hình thức': 'Khiển trách',
        'Ngày quyết định': '10/02/2024',
        'Số quyết định': '15-QĐ/UBKT',
        'Loại vi phạm': 'budget',
      },
    ],
  };

  beforeAll(async () => {
    t = await startTestApp('imports', { RUN_WORKERS: 'true' });
    const admin = as('admin', ['admin'], 'ou-prov');
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
    for (const [id, unit, rank] of [
      ['pos-a-head', 'ou-dist-a', 4],
      ['pos-a-deputy', 'ou-dist-a', 3],
      ['pos-b', 'ou-dist-b', 4],
    ] as const)
      await http()
        .post('/positions')
        .set(admin)
        .send({ id, title: id, orgUnitId: unit, appointingAuthority: unit, rank })
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

  it('offers the template: an xlsx with a sheet per kind of record and its Vietnamese headers', async () => {
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
    expect(response.headers['content-disposition']).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.body as never);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      'Hướng dẫn',
      'Cán bộ',
      'Chức vụ',
      'Quy hoạch',
      'Kỷ luật',
      'Hồ sơ đang giải quyết',
      'Bước đã thực hiện',
    ]);
    expect(book.getWorksheet('Cán bộ')!.getRow(1).getCell(2).value).toBe('Họ và tên');
  });

  it('a dry run reports every bad row by sheet, line and column, and nothing is written either way', async () => {
    const file = await workbook({
      people: [
        person('p-c'),
        person('p-d', { 'Ngày sinh': '31/02/1980' }),
        person('p-e', { 'Họ và tên': undefined }),
        person('p-f', { 'Giới tính': 'X' }),
      ],
      posts: [
        {
          'Mã cán bộ': 'p-c',
          'Mã chức vụ': 'pos-missing',
          'Từ ngày': '01/03/2023',
          'Số quyết định': '1',
        },
        {
          'Mã cán bộ': 'p-c',
          'Mã chức vụ': 'pos-a-head',
          'Từ ngày': '2023-13-01',
          'Số quyết định': '1',
        },
      ],
      planning: [
        {
          'Mã cán bộ': 'p-c',
          'Mã chức vụ': 'pos-a-head',
          'Nhiệm kỳ quy hoạch': '2025/2030',
          'Số quyết định': '2',
        },
      ],
      discipline: [
        {
          'Mã cán bộ': 'p-old',
          Khối: 'Công chức',
          'Hình thức': 'Giáng chức',
          'Ngày quyết định': '01/08/2025',
          'Số quyết định': '3',
          'Loại vi phạm': 'budget',
        },
      ],
    });
    const before = await eventCount(['p-c', 'p-d', 'p-e', 'p-f', 'p-old']);
    const dry = await upload(file, 'bad.xlsx', true).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, valid: false });
    const where = (dry.body.errors as Record<string, unknown>[]).map(
      ({ sheet, line, column, cell, rule }) => ({
        sheet,
        line,
        column,
        cell,
        rule,
      }),
    );
    expect(where).toEqual([
      { sheet: 'Cán bộ', line: 3, column: 'Ngày sinh', cell: 'C3', rule: 'import.day' },
      { sheet: 'Cán bộ', line: 4, column: 'Họ và tên', cell: 'B4', rule: 'import.required' },
      { sheet: 'Cán bộ', line: 5, column: 'Giới tính', cell: 'D5', rule: 'import.choice' },
      { sheet: 'Chức vụ', line: 2, column: 'Mã chức vụ', cell: 'B2', rule: 'position.not_found' },
      { sheet: 'Chức vụ', line: 3, column: 'Từ ngày', cell: 'C3', rule: 'import.day' },
      {
        sheet: 'Kỷ luật',
        line: 2,
        column: 'Hình thức',
        cell: 'C2',
        rule: 'discipline.form_not_in_rule_set',
      },
      {
        sheet: 'Quy hoạch',
        line: 2,
        column: 'Nhiệm kỳ quy hoạch',
        cell: 'C2',
        rule: 'import.format',
      },
    ]);
    expect(dry.body.errors[5].message).toContain(
      'demotion is not a civil_service form under state-2025-07-01',
    );
    expect(await eventCount(['p-c', 'p-d', 'p-e', 'p-f', 'p-old'])).toBe(before);

    const refused = await upload(file, 'bad.xlsx', false).expect(422);
    expect(refused.body).toMatchObject({ rule: 'import.invalid_rows', field: 'file' });
    expect(refused.body.errors).toEqual(dry.body.errors);
    expect(await eventCount(['p-c', 'p-d', 'p-e', 'p-f', 'p-old'])).toBe(before);
    await http().get('/cadres/p-c').set(staff()).expect(403);
  });

  it('a good import writes people, posts, planning and discipline, seen in the registry and the register', async () => {
    const file = await workbook(good);
    const dry = await upload(file, 'so-theo-doi.xlsx', true).expect(200);
    expect(dry.body).toMatchObject({ valid: true, errors: [] });
    const before = await eventCount(['p-an', 'p-binh', 'p-old']);
    const done = await upload(file, 'so-theo-doi.xlsx', false).expect(200);
    expect(done.body).toMatchObject({
      dryRun: false,
      valid: true,
      file: { name: 'so-theo-doi.xlsx', format: 'xlsx' },
    });
    expect(done.body.counts).toEqual({
      people: { rows: 2, written: 2, unchanged: 0 },
      posts: { rows: 1, written: 1, unchanged: 0 },
      planning: { rows: 2, written: 2, unchanged: 0 },
      discipline: { rows: 1, written: 1, unchanged: 0 },
      cases: { rows: 0, written: 0, unchanged: 0 },
      caseSteps: { rows: 0, written: 0, unchanged: 0 },
    });
    // Six records, a seat claimed in each post's planning pool (the pool's limit is checked on a
    // stream per post and term) and the import's own event.
    expect(await eventCount(['p-an', 'p-binh', 'p-old'])).toBe(before + 9);

    const an = await http().get('/cadres/p-an').set(staff()).expect(200);
    expect(an.body).toMatchObject({
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1978-04-12',
      partyJoinedOn: '2003-05-19',
    });
    expect(an.body.posts).toEqual([
      {
        positionId: 'pos-a-deputy',
        from: '2023-03-01',
        termEnd: '2028-03-01',
        decisionRef: '125-QĐ/TU',
        endsOn: null,
      },
    ]);
    // A Party reprimand of 10 Feb 2024 under Quy định 80-QĐ/TW: 12 months without a higher post.
    expect(an.body.discipline).toEqual([
      expect.objectContaining({
        form: 'reprimand',
        track: 'party',
        decidedOn: '2024-02-10',
        barEndsOn: '2025-02-10',
      }),
    ]);
    const binh = await http().get('/cadres/p-binh').set(staff()).expect(200);
    expect(binh.body).toMatchObject({
      gender: 'female',
      dateOfBirth: '1985-03-02',
      partyMember: false,
    });
    expect(binh.body.planningPool).toEqual([
      { positionId: 'pos-a-head', term: '2025-2030', decisionRef: '88-QĐ/TU' },
    ]);
    const old = await http().get('/cadres/p-old').set(staff()).expect(200);
    expect(old.body.planningPool).toHaveLength(1);

    const register = await eventually(
      async () =>
        (
          await http()
            .get('/discipline-records?person=p-an')
            .set(as('insp', ['inspector'], 'ou-dist-a'))
        ).body,
      // The name comes from the people's read model, another projection that may be behind.
      (body) => body.items?.length === 1 && body.items[0].personName !== null,
    );
    expect(register.items[0]).toMatchObject({
      personId: 'p-an',
      form: 'reprimand',
      personName: 'Nguyễn Văn An',
    });
    const found = await eventually(
      async () => (await http().get('/cadres?q=tran thi').set(staff())).body as { id: string }[],
      (people) => people.length === 1,
    );
    expect(found.map((p) => p.id)).toEqual(['p-binh']);

    // Recorded by the importer: the user, one correlation id for the whole import, the file named
    // (what sagas write after it, such as the imported term's re-appointment notice timer, carries
    // that correlation id too, as their own writes).
    const { rows } = await t.db.pool.query(
      `SELECT stream_id, type, data, metadata FROM events WHERE metadata->>'correlationId' = $1 AND metadata->>'actorId' NOT LIKE 'system:%' ORDER BY global_position`,
      [done.body.importId],
    );
    expect(rows).toHaveLength(9); // with the two planning-pool seat claims
    expect(
      rows.every(
        (row) => row.metadata.actorId === 'staff-a' && row.metadata.importId === done.body.importId,
      ),
    ).toBe(true);
    expect(rows.at(-1)).toMatchObject({
      stream_id: done.body.importId,
      type: 'ImportRecorded.v1',
      data: { fileName: 'so-theo-doi.xlsx', sha256: done.body.file.sha256, orgUnitId: 'ou-dist-a' },
    });
  });

  it('importing the same data again appends nothing, from the same workbook or as CSV', async () => {
    const before = await eventCount(['p-an', 'p-binh', 'p-old']);
    const again = await upload(await workbook(good), 'so-theo-doi.xlsx', false).expect(200);
    expect(again.body.counts.people).toEqual({ rows: 2, written: 0, unchanged: 2 });
    expect(again.body.counts.discipline).toEqual({ rows: 1, written: 0, unchanged: 1 });
    const asCsv = await upload(
      csv(
        'people',
        good.people.map((row) => ({
          ...row,
          'Ngày sinh': row['Ngày sinh'] instanceof Date ? '02/03/1985' : row['Ngày sinh'],
        })),
        ';',
      ),
      'can-bo.csv',
      false,
    ).expect(200);
    expect(asCsv.body).toMatchObject({
      file: { format: 'csv' },
      counts: { people: { rows: 2, written: 0, unchanged: 2 } },
    });
    expect(await eventCount(['p-an', 'p-binh', 'p-old'])).toBe(before);
  });

  it('a row naming a unit, a post or a person outside the grant refuses the whole file, naming the rows', async () => {
    const before = await eventCount(['p-g', 'p-h']);
    const file = await workbook({
      people: [person('p-g'), person('p-h', { 'Mã đơn vị': 'ou-dist-b' })],
      planning: [
        {
          'Mã cán bộ': 'p-g',
          'Mã chức vụ': 'pos-b',
          'Nhiệm kỳ quy hoạch': '2025-2030',
          'Số quyết định': '9',
        },
      ],
    });
    for (const dryRun of [true, false]) {
      const refused = await upload(file, 'x.xlsx', dryRun).expect(403);
      expect(refused.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'file' });
      expect(
        refused.body.errors.map((e: { sheet: string; line: number; column: string }) => [
          e.sheet,
          e.line,
          e.column,
        ]),
      ).toEqual([
        ['Cán bộ', 3, 'Mã đơn vị'],
        ['Quy hoạch', 2, 'Mã chức vụ'],
      ]);
    }
    expect(await eventCount(['p-g', 'p-h'])).toBe(before);
  });

  it('a file checked by one unit’s dry run is checked again for whoever imports it', async () => {
    const before = await eventCount(['p-twice-1', 'p-twice-2']);
    const file = csv('people', [person('p-twice-1'), person('p-twice-2')]);
    const dry = await upload(file, 'twice.csv', true).expect(200);
    expect(dry.body).toMatchObject({ valid: true, counts: { people: { written: 2 } } });
    // The same bytes from another unit's staff: its rows name ou-dist-a, outside their grant.
    const outside = await http()
      .post('/imports')
      .set(as('staff-b', ['organization_staff'], 'ou-dist-b'))
      .attach('file', file, 'twice.csv')
      .expect(403);
    expect(outside.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'file' });
    expect(outside.body.errors.map((e: { line: number }) => e.line)).toEqual([2, 3]);
    expect(await eventCount(['p-twice-1', 'p-twice-2'])).toBe(before);
    const imported = await upload(file, 'twice.csv', false).expect(200);
    expect(imported.body).toMatchObject({ dryRun: false, counts: { people: { written: 2 } } });
  });

  it('refuses what is not a spreadsheet of the template, and a file over the size limit', async () => {
    const none = await http().post('/imports').set(staff()).send({ file: 'x' }).expect(400);
    expect(none.body).toMatchObject({ rule: 'import.file_required', field: 'file' });
    const latin1 = await upload(
      Buffer.from([0x4d, 0xe3, 0x20, 0x63, 0xe1, 0x6e]),
      'x.csv',
      true,
    ).expect(422);
    expect(latin1.body.rule).toBe('import.not_utf8');
    // Before: 200 valid with every count 0 for a ZIP holding only a.txt, in a dry run and not.
    for (const dryRun of [true, false]) {
      const zip = await upload(storedZip({ 'a.txt': 'x' }), 'z.xlsx', dryRun).expect(422);
      expect(zip.body).toMatchObject({ rule: 'import.not_a_workbook', field: 'file' });
    }
    const instructionsOnly = new ExcelJS.Workbook();
    instructionsOnly.addWorksheet('Hướng dẫn').addRow(['Điền theo mẫu']);
    const noSheet = await upload(
      Buffer.from(await instructionsOnly.xlsx.writeBuffer()),
      'empty.xlsx',
      true,
    ).expect(422);
    expect(noSheet.body).toMatchObject({ rule: 'import.no_template_sheet', field: 'file' });
    const big = await upload(Buffer.alloc(6 * 1024 * 1024, 'a'), 'big.csv', true).expect(413);
    // The refusal names the field and the configured limit (before: multer's "File too large").
    expect(big.body).toMatchObject({ rule: 'body.too_large', field: 'file', limitBytes: 5242880 });
    expect(big.body.message).toBe(
      'file: the file is larger than 5 MB (5242880 bytes), the most one import reads; split it into smaller files',
    );
  });
});
