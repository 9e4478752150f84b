import { Workbook } from 'exceljs';
import request from 'supertest';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 200 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
// supertest's parser for a binary body: the bytes as one Buffer.
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The personnel report after real cases are decided through the API, scoped, as JSON and xlsx. */
describe('personnel report over HTTP', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const report = (who: string, query = '') => http().get(`/reports/personnel${query}`).set(h[who]);

  const person = async (id: string, gender: string, dateOfBirth: string, origin?: string) => {
    await http()
      .post('/cadres')
      .set(h.staff)
      .send({
        id,
        fullName: `Người ${id}`,
        dateOfBirth,
        gender,
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-town',
      })
      .expect(201);
    if (origin)
      await http()
        .post(`/cadres/${id}/place-of-origin`)
        .set(h.staff)
        .send({ province: origin, locality: '' })
        .expect(201);
  };

  const rotate = async (id: string, personId: string) => {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id,
        procedure: 'rotation',
        definition: 'rotation.standard',
        personId,
        positionId: 'pos-chair',
        orgUnitId: 'ou-town',
        summary: 'Rotate to the commune',
      })
      .expect(201);
    const steps: [string, string, object][] = [
      ['proposal', 'staff', { summary: 'x' }],
      ['discussion', 'staff', { minutesRef: 'BB-1', conclusion: 'agreed' }],
      ['meet-person', 'leader', { conclusion: 'Met', personOpinion: 'Agrees' }],
      [
        'vetting',
        'staff',
        {
          items: ['background', 'asset_declaration', 'political_standards'].map((item) => ({
            item,
            result: 'cleared',
          })),
        },
      ],
      [
        'leadership-vote',
        'secretary',
        {
          minutesRef: 'BB-2',
          tally: {
            members: 9,
            summoned: 9,
            present: 9,
            for: 8,
            against: 1,
            abstain: 0,
            invalid: 0,
          },
        },
      ],
      [
        'decision',
        'leader',
        { number: `${id}-QĐ`, signer: 'Bí thư', effectiveFrom: today, termYears: 3 },
      ],
    ];
    for (const [step, who, body] of steps)
      await http()
        .post(`/cases/${id}/steps/${step}`)
        .set(h[who])
        .send({ heldOn: today, ...body })
        .expect(200);
  };

  const discipline = async (id: string, personId: string, form: string) => {
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id,
        definition: 'discipline.party',
        personId,
        orgUnitId: 'ou-town',
        summary: `${form} for ${personId}`,
        violation: {
          category: 'budget',
          committedOn: addDays(today, -30),
          description: 'x',
          source: 'inspection',
          severity: form,
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
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
    t = await startTestApp('personnel_report', { RUN_WORKERS: 'true' });
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-prov')}` };
    for (const unit of [
      { id: 'ou-prov', name: 'Tỉnh Quảng Ninh', kind: 'province' },
      { id: 'ou-town', name: 'Thị xã Demo', kind: 'town', parentId: 'ou-prov' },
      { id: 'ou-other', name: 'Tỉnh Khác', kind: 'province' },
    ])
      await http().post('/org-units').set(admin).send(unit).expect(201);
    for (const [who, roles, unit] of [
      ['staff', ['organization_staff'], 'ou-town'],
      ['inspector', ['inspector'], 'ou-town'],
      ['secretary', ['ballot_secretary'], 'ou-town'],
      ['leader', ['leadership'], 'ou-town'],
      ['otherStaff', ['organization_staff'], 'ou-other'],
    ] as const)
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, [...roles], unit)}` };
    for (const [id, rank] of [
      ['pos-chair', 4],
      ['pos-deputy', 5],
    ] as const)
      await http()
        .post('/positions')
        .set(h.staff)
        .send({ id, title: id, orgUnitId: 'ou-town', appointingAuthority: 'ou-town', rank })
        .expect(201);
    const youngBirth = `${Number(today.slice(0, 4)) - 30}-01-01`;
    await person('p-rot', 'female', '1980-03-03');
    await person('p-young', 'female', youngBirth);
    await person('p-older', 'male', '1975-05-05');
    await person('p-far', 'male', '1979-01-01', 'Nghệ An');
    await person('p-near', 'male', '1979-01-01', 'Quảng Ninh');
    for (const id of ['p-rot', 'p-young', 'p-older'])
      await http()
        .post(`/cadres/${id}/planning-pool`)
        .set(h.staff)
        .send({ positionId: 'pos-deputy', term: '2025-2030', decisionRef: '112-QĐ/TU' })
        .expect(201);
    for (const [id, positionId] of [
      ['p-far', 'pos-chair'],
      ['p-near', 'pos-deputy'],
    ])
      await http()
        .post(`/cadres/${id}/posts`)
        .set(h.staff)
        .send({ positionId, from: '2024-01-01', termEnd: '2029-01-01', decisionRef: '1-QĐ' })
        .expect(201);
    await rotate('rot-1', 'p-rot');
    await discipline('d-1', 'p-older', 'reprimand');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts the decided cases, the disciplined, the non-local leaders and the pool against its targets', async () => {
    const body = (
      await eventually(
        () => report('staff').expect(200),
        // The discipline saga takes the disciplined person off the pool a moment after the register.
        (r) =>
          r.body.decisions.totals.rotation === 1 &&
          r.body.discipline.totals.length === 1 &&
          r.body.planningPool.people === 2,
      )
    ).body;
    expect(body.decisions.totals).toEqual({
      appointment: 0,
      reappointment: 0,
      rotation: 1,
      transfer: 0,
    });
    expect(body.decisions.rows).toEqual([
      { orgUnitId: 'ou-town', orgUnitName: 'Thị xã Demo', procedure: 'rotation', count: 1 },
    ]);
    expect(body.discipline.totals).toEqual([
      { track: 'party', serviceStatus: null, form: 'reprimand', people: 1, decisions: 1 },
    ]);
    expect(body.nonLocalLeaders).toMatchObject({ withOrigin: 2, nonLocal: 1 });
    expect(body.nonLocalLeaders.people).toEqual([
      expect.objectContaining({
        personId: 'p-far',
        originProvince: 'Nghệ An',
        province: 'Tỉnh Quảng Ninh',
      }),
    ]);
    // The reprimand took p-older off the pool: p-rot and p-young remain, both women, one young.
    expect(body.planningPool).toMatchObject({
      people: 2,
      women: { count: 2, percent: 100, targetPercent: 25, met: true },
      young: { count: 1, percent: 50, targetPercent: 15, underAge: 40, met: true },
    });
    expect(body.planningPool.citation).toMatch(/^Quy định 377-QĐ\/TW/);
  });

  it('counts only the period asked for, and refuses a bad period naming the field', async () => {
    const later = await report(
      'staff',
      `?from=${addDays(today, 1)}&to=${addDays(today, 30)}`,
    ).expect(200);
    expect(later.body.decisions.totals.rotation).toBe(0);
    expect(later.body.discipline.totals).toEqual([]);
    expect((await report('staff', '?from=2026-02-30').expect(400)).body).toMatchObject({
      field: 'from',
    });
    expect(
      (await report('staff', '?from=2026-05-01&to=2026-04-01').expect(400)).body,
    ).toMatchObject({
      rule: 'query.period_reversed',
      field: 'to',
    });
  });

  it('shows another unit’s staff none of these counts and refuses them the unit', async () => {
    const other = await report('otherStaff').expect(200);
    expect(other.body.decisions.totals.rotation).toBe(0);
    expect(other.body.discipline.totals).toEqual([]);
    expect(other.body.planningPool.people).toBe(0);
    expect(other.body.nonLocalLeaders.leaders).toBe(0);
    const refused = await report('otherStaff', '?orgUnit=ou-town').expect(403);
    expect(refused.body).toMatchObject({ field: 'orgUnit' });
  });

  it('downloads the report as an Excel workbook with Vietnamese headers', async () => {
    const res = await report('staff', '?format=xlsx').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="bao-cao-can-bo-/);
    const book = new Workbook();
    // exceljs types its Buffer apart from Node's newer generic one; the bytes are the same.
    await book.xlsx.load(res.body as Parameters<typeof book.xlsx.load>[0]);
    const summary = book.getWorksheet('Tổng hợp')!;
    const rows = summary.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toContainEqual(expect.arrayContaining(['Luân chuyển (đã quyết định)', 1]));
    expect(book.getWorksheet('Không phải người địa phương')!.getRow(2).getCell(1).value).toBe(
      'p-far',
    );
  });

  it('names in the workbook what the screen names: the unit, days, the rule set, its citation, the track (before: ids, ISO days, English)', async () => {
    const res = await report('staff', '?format=xlsx').buffer(true).parse(binary).expect(200);
    const book = new Workbook();
    await book.xlsx.load(res.body as Parameters<typeof book.xlsx.load>[0]);
    const rows = book.getWorksheet('Tổng hợp')!.getSheetValues().filter(Boolean) as unknown[][];
    const row = (label: string) => rows.find((r) => r[1] === label)!.slice(1);
    expect(row('Đơn vị')[1]).toBe('Thị xã Demo');
    const vietnameseDay = (day: string) => day.split('-').reverse().join('/');
    expect(row('Từ ngày')[1]).toBe(`01/01/${today.slice(0, 4)}`);
    expect(row('Đến ngày')[1]).toBe(vietnameseDay(today));
    expect(row('Nữ trong quy hoạch')[2]).toBe('100% (chỉ tiêu ≥ 25%)');
    const [, ruleSet, citation] = row('Căn cứ') as string[];
    expect(ruleSet).toMatch(/^Các quy định có hiệu lực ngày \d{2}\/\d{2}\/\d{4}/);
    expect(citation).not.toMatch(/in force from/);
    const discipline = book.getWorksheet('Kỷ luật')!;
    expect(discipline.getRow(1).getCell(3).value).toBe('Khối');
    expect(discipline.getRow(2).getCell(3).value).toBe('Đảng');
    // A count of decisions is headed as a count: "Số quyết định" is a decision's number elsewhere.
    expect(discipline.getRow(1).getCell(6).value).toBe('Số lượng quyết định');
    expect(book.getWorksheet('Quyết định')!.getRow(1).getCell(4).value).toBe('Số lượng quyết định');
  });
});
