import request from 'supertest';
import { csv } from '../imports/spreadsheets';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A name or a title is kept as people read it: composed (NFC), so one "Vũ Thị Giang" is found
 * and compared whatever keyboard typed it, and refused when it holds a character that changes
 * how it shows unseen (a direction override made "Nguyễn Văn nA" of a name on the person page).
 */
describe('names and titles as they show', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const person = {
    gender: 'female',
    dateOfBirth: '1985-05-02',
    ethnicity: 'Kinh',
    partyMember: false,
    educationLevel: 'Đại học',
    politicalTheoryLevel: 'Sơ cấp',
    orgUnitId: 'ou-town',
  };
  const register = (id: string, fullName: string) =>
    http()
      .post('/cadres')
      .set(staff)
      .send({ id, fullName, ...person });
  const cadreEvents = async (id: string) =>
    (
      await t.db.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM events WHERE stream_id = $1',
        [`cadre-${id}`],
      )
    ).rows[0].n;

  beforeAll(async () => {
    t = await startTestApp('names_as_shown');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-ref', rank: 3 }],
      people: [{ id: 'p-ref' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a name with a direction override, a zero-width space, a byte-order mark or stacked marks, naming the character, and writes nothing', async () => {
    const cases: [string, string, RegExp][] = [
      ['p-rlo', 'Nguyễn Văn \u202EAn', /U\+202E\) at position 12/],
      ['p-zwsp', 'Vũ Thị\u200B Giang', /U\+200B/],
      ['p-bom', '\uFEFFTrần Bình', /U\+FEFF/],
      ['p-zalgo', `Lê A${'\u0301'.repeat(150)}`, /three or more accent marks/],
    ];
    for (const [id, fullName, problem] of cases) {
      const refused = await register(id, fullName).expect(400);
      expect(refused.body).toMatchObject({ rule: 'body.invalid', field: 'fullName' });
      expect(refused.body.message).toMatch(problem);
      expect(await cadreEvents(id)).toBe(0);
    }
    const vietnamese = await register('p-rlo', 'Nguyễn Văn \u202EAn')
      .set('Accept-Language', 'vi')
      .expect(400);
    expect(vietnamese.body.detail).toBe(
      'fullName chứa ký tự định dạng không nhìn thấy (U+202E) ở vị trí 12: hãy nhập đúng như chữ hiển thị',
    );
  });

  it("refuses the same in a unit's name, and composes a decomposed one", async () => {
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` };
    const unit = (id: string, name: string) =>
      http().post('/org-units').set(admin).send({ id, name, kind: 'commune', parentId: 'ou-town' });
    const refused = await unit('ou-rlo', 'Phòng \u202EThử').expect(400);
    expect(refused.body).toMatchObject({ rule: 'body.invalid', field: 'name' });
    await unit('ou-nfd', 'Xã Sơn Tây'.normalize('NFD')).expect(201);
    const units = (await http().get('/org-units').set(staff).expect(200)).body as {
      id: string;
      name: string;
    }[];
    expect(units.find((u) => u.id === 'ou-nfd')?.name).toBe('Xã Sơn Tây');
    expect(units.some((u) => u.id === 'ou-rlo')).toBe(false);
  });

  it('stores a name typed decomposed (NFD) composed, so it reads and searches as the same name', async () => {
    const decomposed = 'Vũ Thị Giang'.normalize('NFD');
    expect(decomposed).not.toBe('Vũ Thị Giang');
    await register('p-nfd', decomposed).expect(201);
    const record = await http().get('/cadres/p-nfd').set(staff).expect(200);
    expect(record.body.fullName).toBe('Vũ Thị Giang');
  });

  it('refuses names and titles of characters that show nothing or differently: tags, Hangul fillers, Braille blanks, a Mongolian vowel separator, private use', async () => {
    const cases: [string, string, RegExp][] = [
      ['p-tags', '\u{E0041}\u{E0042}', /\(U\+E0041\) at position 1/],
      ['p-hangul', '\u3164\u3164', /\(U\+3164\) at position 1/],
      ['p-braille', '\u2800\u2800\u2800', /\(U\+2800\) at position 1/],
      ['p-mvs', 'Phạm\u180EThị', /\(U\+180E\) at position 5/],
      ['p-pua', 'Phạm \uE000', /private-use character \(U\+E000\) at position 6/],
    ];
    for (const [id, fullName, problem] of cases) {
      const refused = await register(id, fullName).expect(400);
      expect(refused.body).toMatchObject({ rule: 'body.invalid', field: 'fullName' });
      expect(refused.body.message).toMatch(problem);
      expect(await cadreEvents(id)).toBe(0);
    }
    const title = await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-tags',
        title: '\u{E0054}\u{E0045}',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 3,
      })
      .expect(400);
    expect(title.body).toMatchObject({ rule: 'body.invalid', field: 'title' });
    const positions = (await http().get('/positions').set(staff).expect(200)).body as {
      id: string;
    }[];
    expect(positions.some((p) => p.id === 'pos-tags')).toBe(false);
  });

  it('stores no-break and ideographic spaces in a name as ordinary spaces (one between words, none at the ends), the name a search typed with a space compares', async () => {
    await register('p-nbsp', 'Phạm\u00A0Thị  Nhàn').expect(201);
    await register('p-ideo', '\u3000Phạm\u3000Thị Lụa').expect(201);
    expect((await http().get('/cadres/p-nbsp').set(staff).expect(200)).body.fullName).toBe(
      'Phạm Thị Nhàn',
    );
    expect((await http().get('/cadres/p-ideo').set(staff).expect(200)).body.fullName).toBe(
      'Phạm Thị Lụa',
    );
  });

  it('stores an ethnicity and an education level typed decomposed composed (NFC)', async () => {
    await http()
      .post('/cadres')
      .set(staff)
      .send({
        ...person,
        id: 'p-muong',
        fullName: 'Bùi Văn Mạnh',
        ethnicity: 'Mường'.normalize('NFD'),
        educationLevel: 'Thạc sĩ'.normalize('NFD'),
      })
      .expect(201);
    const record = (await http().get('/cadres/p-muong').set(staff).expect(200)).body;
    expect([record.ethnicity, record.educationLevel]).toEqual(['Mường', 'Thạc sĩ']);
  });

  it('refuses a decision reference, a reason or a note of invisible characters or with a direction override, naming the field, and writes nothing', async () => {
    const before = await cadreEvents('p-ref');
    const refusals: [string, Record<string, unknown>, string, RegExp][] = [
      [
        '/cadres/p-ref/posts',
        { positionId: 'pos-ref', from: '2026-01-01', decisionRef: '\u200B\u200B\u200B' },
        'decisionRef',
        /U\+200B\) at position 1/,
      ],
      [
        '/cadres/p-ref/ratings',
        { year: 2025, rating: 'excellent', evaluatedOn: '2026-01-15', decisionRef: 'XL\u202E2026' },
        'decisionRef',
        /U\+202E\) at position 3/,
      ],
      [
        '/cadres/p-ref/statuses',
        { status: 'abroad', from: '2026-01-10', note: '\u200B' },
        'note',
        /U\+200B/,
      ],
      [
        '/cadres/p-ref/statuses/end',
        { status: 'abroad', from: '2026-01-10', until: '2026-02-10', note: 'Kết luận \u{E0041}' },
        'note',
        /U\+E0041\) at position 10/,
      ],
    ];
    for (const [path, body, field, problem] of refusals) {
      const refused = await http().post(path).set(staff).send(body).expect(400);
      expect(refused.body).toMatchObject({ rule: 'body.invalid', field });
      expect(refused.body.message).toMatch(problem);
    }
    expect(await cadreEvents('p-ref')).toBe(before);

    const review = (id: string, changes: Record<string, unknown>) =>
      http()
        .post('/planning-reviews')
        .set(staff)
        .send({
          id,
          orgUnitId: 'ou-town',
          term: '2025-2030',
          reviewedOn: '2026-11-30',
          decisionRef: '9-QĐ/TU',
          added: [],
          removed: [],
          ...changes,
        });
    const reference = await review('rv-zwsp', { decisionRef: '\u200B' }).expect(400);
    expect(reference.body).toMatchObject({ rule: 'body.invalid', field: 'decisionRef' });
    const reason = await review('rv-reason', {
      removed: [{ personId: 'p-ref', positionId: 'pos-ref', reason: '\u200B\u200B' }],
    }).expect(400);
    expect(reason.body).toMatchObject({ rule: 'body.invalid', field: 'removed[0].reason' });
    const written = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE stream_id LIKE '%rv-zwsp%' OR stream_id LIKE '%rv-reason%'",
    );
    expect(written.rows[0].n).toBe(0);
  });

  it('an import refuses a name cell with an invisible character (a direction override, tag characters) or an ethnicity with a zero-width space, and writes nothing', async () => {
    const row = (id: string, name: string) => ({
      'Mã cán bộ': id,
      'Họ và tên': name,
      'Ngày sinh': '02/05/1985',
      'Giới tính': 'Nữ',
      'Dân tộc': 'Kinh',
      'Đảng viên': 'Không',
      'Trình độ chuyên môn': 'Đại học',
      'Lý luận chính trị': 'Sơ cấp',
      'Mã đơn vị': 'ou-town',
    });
    const file = csv('people', [
      row('p-imp-rlo', 'Nguyễn Văn \u202EAn'),
      row('p-imp-ok', 'Lê Văn B'),
      row('p-imp-tags', '\u{E0041}\u{E0042}'),
      { ...row('p-imp-muong', 'Hà Văn C'), 'Dân tộc': 'Mường\u200B' },
    ]);
    const dry = await http()
      .post('/imports?dryRun=true')
      .set(staff)
      .attach('file', file, 'can-bo.csv')
      .expect(200);
    expect(
      (dry.body.errors as { line: number; column: string; rule: string }[]).map((e) => [
        e.line,
        e.column,
        e.rule,
      ]),
    ).toEqual([
      [2, 'Họ và tên', 'import.text_invisible_character'],
      [4, 'Họ và tên', 'import.text_invisible_character'],
      [5, 'Dân tộc', 'import.text_invisible_character'],
    ]);
    await http().post('/imports').set(staff).attach('file', file, 'can-bo.csv').expect(422);
    for (const id of ['p-imp-rlo', 'p-imp-ok', 'p-imp-tags', 'p-imp-muong'])
      expect(await cadreEvents(id)).toBe(0);
  });

  it('refuses a decision reference or a name of accent marks alone (nothing under them), as blank as spaces, and writes nothing; a mark after its letter is taken', async () => {
    const before = await cadreEvents('p-ref');
    const refusals: [string, Record<string, unknown>, string][] = [
      [
        '/cadres/p-ref/posts',
        { positionId: 'pos-ref', from: '2026-01-01', decisionRef: '\u0301\u0301' },
        'decisionRef',
      ],
      [
        '/cadres/p-ref/ratings',
        { year: 2024, rating: 'excellent', evaluatedOn: '2025-01-15', decisionRef: ' \u0301 ' },
        'decisionRef',
      ],
      [
        '/cadres/p-ref/statuses',
        { status: 'abroad', from: '2026-01-10', note: '\u0301\n\u0300' },
        'note',
      ],
    ];
    for (const [path, body, field] of refusals) {
      const refused = await http().post(path).set(staff).send(body).expect(400);
      expect(refused.body).toMatchObject({ rule: 'body.invalid', field });
      expect(refused.body.message).toMatch(/accent marks with no letter under them/);
    }
    expect(await cadreEvents('p-ref')).toBe(before);

    const name = await register('p-marks', '\u0301 \u0323')
      .set('Accept-Language', 'vi')
      .expect(400);
    expect(name.body).toMatchObject({ rule: 'body.invalid', field: 'fullName' });
    expect(name.body.detail).toBe('fullName có dấu không nằm trên chữ nào');
    expect(await cadreEvents('p-marks')).toBe(0);

    await register('p-marks-ok', 'Le\u0302 Thi\u0323 Be\u0301').expect(201);
    expect((await http().get('/cadres/p-marks-ok').set(staff).expect(200)).body.fullName).toBe(
      'Lê Thị Bé',
    );
  });

  it('refuses a name or a note starting with an accent mark (an accent on nothing), naming the field and the mark, and writes nothing; composed Vietnamese is taken', async () => {
    const name = await register('p-lead-mark', '\u0301Nguyễn Văn An')
      .set('Accept-Language', 'vi')
      .expect(400);
    expect(name.body).toMatchObject({ rule: 'body.invalid', field: 'fullName' });
    expect(name.body.detail).toBe('fullName có dấu (U+0301) ở đầu, không nằm trên chữ nào');
    expect(await cadreEvents('p-lead-mark')).toBe(0);

    const before = await cadreEvents('p-ref');
    const note = await http()
      .post('/cadres/p-ref/statuses')
      .set(staff)
      .send({ status: 'abroad', from: '2026-01-10', note: '\u0300Công tác nước ngoài' })
      .expect(400);
    expect(note.body).toMatchObject({ rule: 'body.invalid', field: 'note' });
    expect(note.body.message).toMatch(/an accent mark \(U\+0300\) at the start/);
    expect(await cadreEvents('p-ref')).toBe(before);

    await register('p-lead-ok', 'Nguyễn Văn Ứng').expect(201);
    expect((await http().get('/cadres/p-lead-ok').set(staff).expect(200)).body.fullName).toBe(
      'Nguyễn Văn Ứng',
    );
  });

  it('refuses a decision reference with a line break (line feed, CR LF, U+2028, U+2029), naming the field, the character and its position, and writes nothing; a note keeps its lines', async () => {
    const before = await cadreEvents('p-ref');
    const refusals: [string, Record<string, unknown>, RegExp][] = [
      [
        '/cadres/p-ref/posts',
        { positionId: 'pos-ref', from: '2026-01-01', decisionRef: '125-QĐ/TU\n' },
        /one line: no tab or line break \(U\+000A at position 10\)/,
      ],
      [
        '/cadres/p-ref/posts',
        { positionId: 'pos-ref', from: '2026-01-01', decisionRef: '125\u2028QĐ/TU' },
        /\(U\+2028 at position 4\)/,
      ],
      [
        '/cadres/p-ref/ratings',
        { year: 2024, rating: 'good', evaluatedOn: '2025-01-15', decisionRef: 'XL\r\n2025' },
        /\(U\+000D at position 3\)/,
      ],
      [
        '/cadres/p-ref/civil-service-rank',
        { code: '01.003', title: 'Chuyên viên', from: '2025-01-01', decisionRef: '\u202988-QĐ' },
        /\(U\+2029 at position 1\)/,
      ],
    ];
    for (const [path, body, problem] of refusals) {
      const refused = await http().post(path).set(staff).send(body).expect(400);
      expect(refused.body).toMatchObject({ rule: 'body.invalid', field: 'decisionRef' });
      expect(refused.body.message).toMatch(problem);
    }
    const vietnamese = await http()
      .post('/cadres/p-ref/posts')
      .set(staff)
      .set('Accept-Language', 'vi')
      .send({ positionId: 'pos-ref', from: '2026-01-01', decisionRef: '125\u2028QĐ/TU' })
      .expect(400);
    expect(vietnamese.body.detail).toBe(
      'decisionRef phải trên một dòng, không có tab hay xuống dòng (U+2028 ở vị trí 4)',
    );
    expect(await cadreEvents('p-ref')).toBe(before);

    const review = await http()
      .post('/planning-reviews')
      .set(staff)
      .send({
        id: 'rv-line-break',
        orgUnitId: 'ou-town',
        term: '2025-2030',
        reviewedOn: '2026-11-30',
        decisionRef: '9-QĐ\nTU',
        added: [],
        removed: [],
      })
      .expect(400);
    expect(review.body).toMatchObject({ rule: 'body.invalid', field: 'decisionRef' });
    const written = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE stream_id LIKE '%rv-line-break%'",
    );
    expect(written.rows[0].n).toBe(0);

    await http()
      .post('/cadres/p-ref/statuses')
      .set(staff)
      .send({ status: 'abroad', from: '2026-03-01', note: 'Học tập\nTheo quyết định 12' })
      .expect(201);
    expect(await cadreEvents('p-ref')).toBe(before + 1);
  });

  it('an import refuses a name of accent marks alone, and a name or an ethnicity with a next line (U+0085), a vertical tab or a form feed, and writes nothing', async () => {
    const row = (id: string, name: string, ethnicity = 'Kinh') => ({
      'Mã cán bộ': id,
      'Họ và tên': name,
      'Ngày sinh': '02/05/1985',
      'Giới tính': 'Nữ',
      'Dân tộc': ethnicity,
      'Đảng viên': 'Không',
      'Trình độ chuyên môn': 'Đại học',
      'Lý luận chính trị': 'Sơ cấp',
      'Mã đơn vị': 'ou-town',
    });
    const file = csv('people', [
      row('p-imp-marks', '\u0301\u0301'),
      row('p-imp-fine', 'Lê Văn E'),
      row('p-imp-nel', 'Nguyễn\u0085Văn An'),
      row('p-imp-vt', 'Trần Văn F', 'Kinh\vMường'),
      row('p-imp-ff', 'Hà\fVăn G'),
    ]);
    const dry = await http()
      .post('/imports?dryRun=true')
      .set(staff)
      .attach('file', file, 'can-bo.csv')
      .expect(200);
    expect(
      (dry.body.errors as { line: number; column: string; rule: string; message: string }[]).map(
        (e) => [e.line, e.column, e.rule, e.message],
      ),
    ).toEqual([
      [
        2,
        'Họ và tên',
        'import.text_invisible_character',
        expect.stringContaining('remove accent marks with no letter under them'),
      ],
      [4, 'Họ và tên', 'import.text_one_line', expect.stringContaining('(U+0085 at position 7)')],
      [5, 'Dân tộc', 'import.text_one_line', expect.stringContaining('(U+000B at position 5)')],
      [6, 'Họ và tên', 'import.text_one_line', expect.stringContaining('(U+000C at position 3)')],
    ]);
    await http().post('/imports').set(staff).attach('file', file, 'can-bo.csv').expect(422);
    for (const id of ['p-imp-marks', 'p-imp-fine', 'p-imp-nel', 'p-imp-vt', 'p-imp-ff'])
      expect(await cadreEvents(id)).toBe(0);
  });
});
