import request from 'supertest';
import { vietnamDay } from '../../src/common/vietnam-day';
import { csv } from '../imports/spreadsheets';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** The day `years` years before `day` (29 Feb becomes 28 Feb in a common year). */
function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const year = y - years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The registry holds no one younger than a cadre or civil servant can be, no Party member who
 * joined before eighteen, and no one born in a year such as 0001 — by the API and by an import.
 */
describe('person record: ages on registration', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const today = vietnamDay(new Date());
  const http = () => request(t.server as never);
  const person = {
    fullName: 'Lê Văn Trẻ',
    gender: 'male',
    ethnicity: 'Kinh',
    partyMember: true,
    educationLevel: 'Đại học',
    politicalTheoryLevel: 'Sơ cấp',
    orgUnitId: 'ou-town',
  };
  const register = (id: string, changes: Record<string, unknown>) =>
    http()
      .post('/cadres')
      .set(staff)
      .send({ id, ...person, ...changes });
  const cadreEvents = async (id: string) =>
    (
      await t.db.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM events WHERE stream_id = $1',
        [`cadre-${id}`],
      )
    ).rows[0].n;

  beforeAll(async () => {
    t = await startTestApp('person_ages');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, { positions: [{ id: 'pos-deputy', rank: 3 }], people: [] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a person under the minimum age on the day registered, citing the law, and writes nothing', async () => {
    // Before: 201, a two-year-old on the registry and then "eligible" for a deputy director's post.
    const child = await register('p-child', { dateOfBirth: '2024-01-01' }).expect(422);
    expect(child.body).toMatchObject({
      rule: 'person.under_minimum_age',
      field: 'dateOfBirth',
    });
    expect(child.body.message).toMatch(
      /^dateOfBirth: born 2024-01-01, \d years old on .*; a cadre or civil servant is at least 18 \(Luật Cán bộ, công chức 2025/,
    );
    const seventeen = await register('p-seventeen', {
      dateOfBirth: addDays(yearsBefore(today, 18), 1),
    }).expect(422);
    expect(seventeen.body).toMatchObject({
      rule: 'person.under_minimum_age',
      field: 'dateOfBirth',
    });
    expect(await cadreEvents('p-child')).toBe(0);
    expect(await cadreEvents('p-seventeen')).toBe(0);
    // Eighteen today is old enough.
    await register('p-eighteen', { dateOfBirth: yearsBefore(today, 18) }).expect(201);
  });

  it('refuses a day of joining the Party before the 18th birthday, citing the Party charter', async () => {
    // Before: 201 with partyJoinedOn one day after birth.
    const infant = await register('p-infant-member', {
      dateOfBirth: '1990-03-10',
      partyJoinedOn: '1990-03-11',
    }).expect(422);
    expect(infant.body).toMatchObject({
      rule: 'person.party_joined_under_age',
      field: 'partyJoinedOn',
    });
    expect(infant.body.message).toMatch(
      /^partyJoinedOn: 1990-03-11 is before the 18th birthday \(born 1990-03-10\); the Party admits members from 18 \(Điều lệ Đảng/,
    );
    await register('p-a-day-early', {
      dateOfBirth: '1990-03-10',
      partyJoinedOn: '2008-03-09',
    }).expect(422);
    expect(await cadreEvents('p-infant-member')).toBe(0);
    await register('p-on-the-day', {
      dateOfBirth: '1990-03-10',
      partyJoinedOn: '2008-03-10',
    }).expect(201);
  });

  it('refuses a date of birth before 1900-01-01 as out of range (a plausibility bound)', async () => {
    // Before: 201, and eligibility said "retired on 0061-04-30".
    const ancient = await register('p-ancient', { dateOfBirth: '0001-01-01' }).expect(400);
    expect(ancient.body).toMatchObject({ rule: 'body.invalid', field: 'dateOfBirth' });
    expect(ancient.body.message).toBe(
      'dateOfBirth: 0001-01-01 is out of range: a date of birth from 1900-01-01 on',
    );
    const vietnamese = await register('p-ancient', { dateOfBirth: '1899-12-31' })
      .set('Accept-Language', 'vi')
      .expect(400);
    expect(vietnamese.body.detail).toBe(
      'dateOfBirth: 1899-12-31 nằm ngoài khoảng cho phép: ngày sinh từ 1900-01-01 trở đi',
    );
    expect(await cadreEvents('p-ancient')).toBe(0);
  });

  it('an import refuses the same person rows, naming the cell, and writes nothing', async () => {
    const row = (id: string, born: string, joined?: string) => ({
      'Mã cán bộ': id,
      'Họ và tên': `Người ${id}`,
      'Ngày sinh': born,
      'Giới tính': 'Nam',
      'Dân tộc': 'Kinh',
      'Đảng viên': joined ? 'Có' : 'Không',
      'Ngày vào Đảng': joined,
      'Trình độ chuyên môn': 'Đại học',
      'Lý luận chính trị': 'Sơ cấp',
      'Mã đơn vị': 'ou-town',
    });
    const file = csv('people', [
      row('p-imp-child', '01/01/2024'),
      row('p-imp-member', '10/03/1990', '11/03/1990'),
      row('p-imp-ancient', '01/01/0001'),
      row('p-imp-adult', '10/03/1990', '10/03/2008'),
    ]);
    const dry = await http()
      .post('/imports?dryRun=true')
      .set(staff)
      .attach('file', file, 'can-bo.csv')
      .expect(200);
    expect(dry.body.valid).toBe(false);
    expect(
      (dry.body.errors as { line: number; column: string; rule: string }[]).map((e) => [
        e.line,
        e.column,
        e.rule,
      ]),
    ).toEqual([
      [2, 'Ngày sinh', 'person.under_minimum_age'],
      [3, 'Ngày vào Đảng', 'person.party_joined_under_age'],
      [4, 'Ngày sinh', 'import.birth_day_out_of_range'],
    ]);
    await http().post('/imports').set(staff).attach('file', file, 'can-bo.csv').expect(422);
    for (const id of ['p-imp-child', 'p-imp-member', 'p-imp-ancient', 'p-imp-adult'])
      expect(await cadreEvents(id)).toBe(0);
  });
});
