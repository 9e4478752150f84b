import request from 'supertest';
import { csv } from '../imports/spreadsheets';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Party discipline is for Party members (Quy định 69-QĐ/TW art. 1): a person the record says is
 * not a member has no Party case opened and no Party discipline imported; the civil-service track
 * stays open to them.
 */
describe('Party discipline for a person who is not a Party member', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  // The streams an opening writes: the case's own, its id's reservation, the person's slot.
  const openingEvents = (caseId: string, personId: string) =>
    streamEventCount(t.db.pool, [`%-${caseId}`, `caseslot-%/${personId}/%`]);
  // The streams an import of these people's discipline writes: their records and the import's.
  const importEvents = (personIds: string[]) =>
    streamEventCount(t.db.pool, ['import-%', ...personIds.map((id) => `cadre-${id}`)]);
  const open = (id: string, personId: string, definition: string) =>
    http()
      .post('/discipline-cases')
      .set(staff)
      .send({
        id,
        definition,
        personId,
        orgUnitId: 'ou-town',
        summary: 'x',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -30),
          description: 'x',
          source: 'report',
        },
      });

  beforeAll(async () => {
    t = await startTestApp('party_discipline_non_member');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, { positions: [], people: [{ id: 'p-member' }] });
    await http()
      .post('/cadres')
      .set(staff)
      .send({
        id: 'p-t-3',
        fullName: 'Người ngoài Đảng',
        dateOfBirth: '1985-01-01',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: false,
        educationLevel: 'Đại học',
        politicalTheoryLevel: 'Trung cấp',
        orgUnitId: 'ou-town',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses opening a Party case, naming personId and the rule, and writes nothing', async () => {
    const before = await openingEvents('d-dp-np', 'p-t-3');
    const refused = await open('d-dp-np', 'p-t-3', 'discipline.party').expect(422);
    expect(refused.body).toMatchObject({ rule: 'discipline.not_party_member', field: 'personId' });
    expect(refused.body.message).toMatch(
      /^personId: p-t-3 is not a Party member on the record \(partyMember: false\).*Quy định 69-QĐ\/TW/,
    );
    expect(await openingEvents('d-dp-np', 'p-t-3')).toBe(before);
    // The id stays free: the civil-service track opens under it, and a member's Party case opens.
    await open('d-dp-np', 'p-t-3', 'discipline.civil-service').expect(201);
    await open('d-dp-m', 'p-member', 'discipline.party').expect(201);
  });

  it("refuses an imported Party discipline row for a non-member, naming the row and the person's column", async () => {
    const rows = (personId: string, decisionRef: string) => ({
      'Mã cán bộ': personId,
      Khối: 'Đảng',
      'Hình thức': 'Khiển trách',
      'Ngày quyết định': '01/06/2026',
      'Số quyết định': decisionRef,
      'Loại vi phạm': 'land_management',
    });
    const file = csv('discipline', [rows('p-member', '14/QĐ'), rows('p-t-3', '15/QĐ')]);
    const before = await importEvents(['p-member', 'p-t-3']);
    const dry = await http()
      .post('/imports?dryRun=true')
      .set(staff)
      .attach('file', file, 'ky-luat.csv')
      .expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, valid: false });
    expect(dry.body.errors).toEqual([
      expect.objectContaining({
        line: 3,
        column: 'Mã cán bộ',
        rule: 'discipline.not_party_member',
        message: expect.stringMatching(/^personId: p-t-3 is not a Party member/),
      }),
    ]);
    const refused = await http()
      .post('/imports')
      .set(staff)
      .attach('file', file, 'ky-luat.csv')
      .expect(422);
    expect(refused.body.errors).toEqual(dry.body.errors);
    expect(await importEvents(['p-member', 'p-t-3'])).toBe(before);
  });
});
