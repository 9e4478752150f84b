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
    await buildRegistry(t, staff, { positions: [], people: [] });
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

  it('an import refuses a name cell with an invisible character and writes nothing', async () => {
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
    ).toEqual([[2, 'Họ và tên', 'import.text_invisible_character']]);
    await http().post('/imports').set(staff).attach('file', file, 'can-bo.csv').expect(422);
    for (const id of ['p-imp-rlo', 'p-imp-ok']) expect(await cadreEvents(id)).toBe(0);
  });
});
