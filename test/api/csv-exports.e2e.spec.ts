import request from 'supertest';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** Parses our CSV (quoted fields, doubled quotes, CRLF rows) into records by header name. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  const [header, ...records] = rows;
  return records.map((values) => Object.fromEntries(header.map((name, i) => [name, values[i]])));
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 200 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/**
 * The CSV files inspectors and auditors open in Excel: UTF-8 with a byte order mark (or
 * Vietnamese names turn to mojibake), and names beside the ids.
 */
describe('CSV exports', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('api_csv', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
      auditor: ['auditor'],
    }))
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-phuong-son-tay')}` };
    // A top-level unit is created by an admin only.
    await http()
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-phuong-son-tay')}` })
      .send({ id: 'ou-phuong-son-tay', name: 'Phường Sơn Tây', kind: 'ward' })
      .expect(201);
    await http()
      .post('/positions')
      .set(h.staff)
      .send({
        id: 'pos-deputy',
        title: 'Phó Chủ tịch UBND phường Sơn Tây',
        orgUnitId: 'ou-phuong-son-tay',
        appointingAuthority: 'ou-phuong-son-tay',
        rank: 3,
        filledBy: 'election',
      })
      .expect(201);
    await http()
      .post('/cadres')
      .set(h.staff)
      .send({
        id: 'p-tran-thi-binh',
        fullName: 'Trần Thị Bình',
        dateOfBirth: '1979-03-08',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-phuong-son-tay',
      })
      .expect(201);
    await http()
      .post('/cadres/p-tran-thi-binh/posts')
      .set(h.staff)
      .send({
        positionId: 'pos-deputy',
        from: addDays(today, -800),
        termEnd: null,
        decisionRef: '1-QĐ',
        // Elected before the system: the day the council voted.
        electedOn: addDays(today, -800),
      })
      .expect(201);
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: 'd-binh',
        definition: 'discipline.party',
        personId: 'p-tran-thi-binh',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-phuong-son-tay',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -60),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          severity: 'reprimand',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
      ['review', 'inspector', {}],
    ] as const)
      await http()
        .post(`/discipline-cases/d-binh/steps/${stepId}`)
        .set(h[who])
        .send({ heldOn: today, minutesRef: 'BB', conclusion: 'x', ...extra })
        .expect(200);
    await http()
      .post('/discipline-cases/d-binh/steps/ballot')
      .set(h.secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { reprimand: 5 },
        },
      })
      .expect(200);
    await http()
      .post('/discipline-cases/d-binh/steps/decision')
      .set(h.leader)
      .send({
        heldOn: today,
        number: '7-QĐ/UBKT',
        signer: 'x',
        form: 'reprimand',
        effectiveFrom: today,
      })
      .expect(200);
    await eventually(
      async () => (await http().get('/discipline-records').set(h.inspector)).body.items?.length,
      (n) => n === 1,
    );
    await eventually(
      async () => (await http().get('/cases/d-binh/history').set(h.auditor)).body.events?.length,
      (n) => n >= 7,
    );
  });
  afterAll(() => t?.close());

  it('the discipline register CSV has a BOM and the person and unit names beside their ids', async () => {
    const csv = await http().get('/discipline-records?format=csv').set(h.inspector).expect(200);
    expect(csv.text.startsWith('\uFEFFcaseId,')).toBe(true);
    expect(parseCsv(csv.text.slice(1))).toEqual([
      expect.objectContaining({
        caseId: 'd-binh',
        personId: 'p-tran-thi-binh',
        personName: 'Trần Thị Bình',
        orgUnitId: 'ou-phuong-son-tay',
        orgUnitName: 'Phường Sơn Tây',
        form: 'reprimand',
      }),
    ]);
  });

  it('the case history CSV has a BOM and names the person, the post and the unit', async () => {
    const csv = await http().get('/cases/d-binh/history.csv').set(h.auditor).expect(200);
    expect(csv.text.startsWith('\uFEFFeventId,')).toBe(true);
    const rows = parseCsv(csv.text.slice(1));
    expect(rows[0]).toMatchObject({
      type: 'DisciplineCaseOpened',
      personId: 'p-tran-thi-binh',
      personName: 'Trần Thị Bình',
      positionId: 'pos-deputy',
      positionTitle: 'Phó Chủ tịch UBND phường Sơn Tây',
      orgUnit: 'ou-phuong-son-tay',
      orgUnitName: 'Phường Sơn Tây',
    });
  });

  it('the audit export CSV has a BOM and the person names', async () => {
    const csv = await http().get('/audit/export?format=csv').set(h.auditor).expect(200);
    expect(csv.text.startsWith('\uFEFFeventId,')).toBe(true);
    const rows = parseCsv(csv.text.slice(1));
    const registration = rows.find((row) => row.type === 'PersonRegistered');
    expect(registration).toMatchObject({
      personName: 'Trần Thị Bình',
      orgUnitName: 'Phường Sơn Tây',
    });
    // NDJSON carries the same names.
    const ndjson = await http().get('/audit/export?format=ndjson').set(h.auditor).expect(200);
    expect(ndjson.text.startsWith('\uFEFF')).toBe(false);
    expect(JSON.parse(ndjson.text.split('\n')[0])).toMatchObject({ personName: 'Trần Thị Bình' });
  });
});
