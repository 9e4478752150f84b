import { Workbook } from 'exceljs';
import request from 'supertest';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  // Up to a minute: on a loaded machine the read models have lagged more than ten seconds.
  for (let tries = 0; tries < 1200 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * What an inspector found: the report's "Cán bộ bị kỷ luật" added up forms, not people; a ward's
 * report and register missed its own officials disciplined by the city. Two officials of the ward are disciplined by the city: one twice, one once.
 */
describe('discipline of a unit’s officials in its report and register', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);

  const person = (id: string, orgUnitId: string) =>
    http()
      .post('/cadres')
      .set(h.cityStaff)
      .send({
        id,
        fullName: `Người ${id}`,
        dateOfBirth: '1975-05-05',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId,
      })
      .expect(201);

  // `daysAgo`: when the violation was committed (one violation is disciplined once per track, so a
  // person disciplined twice is disciplined for two violations).
  const open = (id: string, personId: string, category: string, daysAgo = 30) =>
    http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id,
        definition: 'discipline.party',
        personId,
        orgUnitId: 'ou-city',
        summary: `Kỷ luật ${personId}`,
        violation: {
          category,
          committedOn: addDays(today, -daysAgo),
          description: 'x',
          source: 'inspection',
        },
      });

  const discipline = async (
    id: string,
    personId: string,
    form: string,
    category: string,
    daysAgo = 30,
  ) => {
    await open(id, personId, category, daysAgo).expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'cityStaff', {}],
      ['review', 'inspector', {}],
    ] as const)
      await http()
        .post(`/discipline-cases/${id}/steps/${stepId}`)
        .set(h[who])
        .send({ heldOn: today, minutesRef: 'B', conclusion: 'x', ...extra })
        .expect(200);
    await http()
      .post(`/discipline-cases/${id}/steps/ballot`)
      .set(h.secretary)
      .send({
        heldOn: today,
        minutesRef: 'B',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { [form]: 5 },
        },
      })
      .expect(200);
    await http()
      .post(`/discipline-cases/${id}/steps/decision`)
      .set(h.leader)
      .send({ heldOn: today, number: `${id}-QĐ`, signer: 'x', form, effectiveFrom: today })
      .expect(200);
  };

  beforeAll(async () => {
    t = await startTestApp('unit_officials_discipline', { RUN_WORKERS: 'true' });
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-city')}` };
    for (const unit of [
      { id: 'ou-city', name: 'Thành phố Demo', kind: 'province' },
      { id: 'ou-ward', name: 'Phường Một', kind: 'ward', parentId: 'ou-city' },
    ])
      await http().post('/org-units').set(admin).send(unit).expect(201);
    for (const [who, roles, unit] of [
      ['cityStaff', ['organization_staff'], 'ou-city'],
      ['inspector', ['inspector'], 'ou-city'],
      ['secretary', ['ballot_secretary'], 'ou-city'],
      ['leader', ['leadership'], 'ou-city'],
      ['wardStaff', ['organization_staff'], 'ou-ward'],
      ['wardInspector', ['inspector'], 'ou-ward'],
    ] as const)
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, [...roles], unit)}` };
    await person('p-twice', 'ou-ward');
    await person('p-once', 'ou-ward');
    await person('p-city', 'ou-city');
    await person('p-open', 'ou-ward');
    await discipline('d-1', 'p-twice', 'reprimand', 'budget');
    await discipline('d-2', 'p-twice', 'warning', 'budget', 20);
    await discipline('d-3', 'p-once', 'reprimand', 'land');
    await discipline('d-4', 'p-city', 'reprimand', 'budget');
    // Opened above the ward and still open: the ward's register must never name it.
    await open('d-open', 'p-open', 'ethics').expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  // The read models follow the store by a moment: read until every decision and every person
  // disciplined is in (the two are counted from different rows, which may arrive apart).
  const report = (who: string, decisions: number, people: number) =>
    eventually(
      () => http().get('/reports/personnel').set(h[who]).expect(200),
      (r) =>
        r.body.discipline.people === people &&
        r.body.discipline.rows.reduce(
          (n: number, row: { decisions: number }) => n + row.decisions,
          0,
        ) === decisions,
    );

  it('counts each disciplined person once in the report and its workbook (before: 4 forms summed, for 3 people)', async () => {
    const { body } = await report('cityStaff', 4, 3);
    expect(body.discipline.people).toBe(3);
    const res = await http()
      .get('/reports/personnel?format=xlsx')
      .set(h.cityStaff)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(res.body as Parameters<typeof book.xlsx.load>[0]);
    const rows = book.getWorksheet('Tổng hợp')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.find((r) => r[1] === 'Cán bộ bị kỷ luật')![2]).toBe(3);
  });

  it('gives the ward its own officials disciplined by the city, in its report and register, and not the city’s own (before: none)', async () => {
    const { body } = await report('wardStaff', 3, 2);
    expect(body.discipline.people).toBe(2);
    expect(
      body.discipline.totals.map((r: { form: string; people: number }) => [r.form, r.people]),
    ).toEqual([
      ['reprimand', 2],
      ['warning', 1],
    ]);
    const viaFilter = await http()
      .get('/reports/personnel?orgUnit=ou-ward')
      .set(h.cityStaff)
      .expect(200);
    expect(viaFilter.body.discipline.people).toBe(2);

    const register = await eventually(
      () => http().get('/discipline-records').set(h.wardInspector).expect(200),
      (r) => r.body.items.length === 3,
    );
    expect(register.body.items.map((r: { caseId: string }) => r.caseId).sort()).toEqual([
      'd-1',
      'd-2',
      'd-3',
    ]);
    expect(register.body.items[0]).toMatchObject({
      personOrgUnitId: 'ou-ward',
      personOrgUnitName: 'Phường Một',
      orgUnitId: 'ou-city',
      orgUnitName: 'Thành phố Demo',
    });
    const filtered = await http()
      .get('/discipline-records?orgUnit=ou-ward')
      .set(h.inspector)
      .expect(200);
    expect(filtered.body.items).toHaveLength(3);
    expect(JSON.stringify(register.body)).not.toContain('p-open');
  });

  it('heads the person’s unit and the deciding unit apart in the Vietnamese CSV, and names both land categories', async () => {
    const csv = await http()
      .get('/discipline-records?format=csv')
      .set(h.wardInspector)
      .set('Accept-Language', 'vi')
      .expect(200);
    const [header, ...lines] = csv.text.slice(1).trim().split('\r\n');
    expect(header).toContain('Mã đơn vị,Đơn vị,Mã đơn vị quyết định,Đơn vị quyết định,');
    const once = lines.find((line) => line.startsWith('d-3,'))!;
    expect(once).toContain(',ou-ward,Phường Một,ou-city,Thành phố Demo,');
    // `land` (older cases) is named like `land_management`, not left as the code.
    expect(once).toContain(',Đất đai,');
  });
});
