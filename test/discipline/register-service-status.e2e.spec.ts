import { Workbook } from 'exceljs';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { disciplineRegisterProjection } from '../../src/read-models/discipline-register.projection';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { bearerIn, partyReprimand } from './support/party-reprimand';

/** The workbook's bytes, as supertest would otherwise read them as text. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The register's row fields this suite reads. */
interface RegisterRow {
  caseId: string;
  track: string;
  serviceStatus: string | null;
}

/**
 * The register's «Khối» on the state track says whom the case ran: a cán bộ (elected, say) is
 * disciplined as a cán bộ, not as a công chức, under the same law. Before: every civil-service
 * row read «Công chức», a cán bộ's too, and the JSON did not say which.
 */
describe('the discipline register names a cán bộ’s civil-service discipline «Cán bộ»', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => bearerIn(t)(who, role);
  const inspector = () => as('inspector', 'inspector');

  /** A civil-service case on `personId`, taken to a reprimand (a cán bộ's skips the council). */
  async function civilServiceReprimand(caseId: string, personId: string, status?: string) {
    await http()
      .post('/discipline-cases')
      .set(as('staff', 'organization_staff'))
      .send({
        id: caseId,
        definition: 'discipline.civil-service',
        personId,
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -60),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
        ...(status ? { serviceStatus: status } : {}),
      })
      .expect(201);
    const step = (stepId: string, who: Record<string, string>, extra = {}) =>
      http()
        .post(`/discipline-cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: stepId, ...extra })
        .expect(200);
    await step('verification', inspector(), { violationConfirmed: true });
    const past = await step('self-criticism', as('staff', 'organization_staff'));
    if (past.body.currentStep?.id !== 'decision') {
      await step('review', inspector());
      const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
      await http()
        .post(`/discipline-cases/${caseId}/steps/ballot`)
        .set(as('secretary', 'ballot_secretary'))
        .send({
          heldOn: today,
          minutesRef: 'BB',
          tally: { ...tally, votesByForm: { reprimand: 5 } },
        })
        .expect(200);
    }
    await http()
      .post(`/discipline-cases/${caseId}/steps/decision`)
      .set(as('leader', 'leadership'))
      .send({
        heldOn: today,
        number: `${caseId}/QĐ-UBND`,
        signer: 'Chủ tịch UBND',
        form: 'reprimand',
        effectiveFrom: today,
      })
      .expect(200);
  }

  const register = async (query = '') =>
    (await http().get(`/discipline-records?${query}`).set(inspector()).expect(200)).body
      .items as RegisterRow[];
  const row = (rows: RegisterRow[], caseId: string) => rows.find((r) => r.caseId === caseId);
  const allThree = () => eventually(register, (rows) => rows.length === 3);

  beforeAll(async () => {
    t = await startTestApp('discipline_register_service_status', { RUN_WORKERS: 'true' });
    await buildRegistry(t, as('staff', 'organization_staff'), {
      positions: [],
      people: [{ id: 'p-cadre' }, { id: 'p-servant' }, { id: 'p-member' }],
    });
    await civilServiceReprimand('d-cadre', 'p-cadre', 'cadre');
    await civilServiceReprimand('d-servant', 'p-servant');
    await partyReprimand(t, {
      caseId: 'd-party',
      personId: 'p-member',
      day: today,
      number: '45-QĐ/UBKT',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says cadre for a cán bộ, civil_servant for a công chức, nothing on the Party track; the track filter takes both', async () => {
    const rows = await allThree();
    expect(row(rows, 'd-cadre')).toMatchObject({ track: 'civil_service', serviceStatus: 'cadre' });
    expect(row(rows, 'd-servant')).toMatchObject({
      track: 'civil_service',
      serviceStatus: 'civil_servant',
    });
    expect(row(rows, 'd-party')).toMatchObject({ track: 'party', serviceStatus: null });
    const civil = await register('track=civil_service');
    expect(civil.map((r) => r.caseId).sort()).toEqual(['d-cadre', 'd-servant']);
    expect((await register('track=party')).map((r) => r.caseId)).toEqual(['d-party']);
  });

  it('heads «Khối» Cán bộ, Công chức and Đảng in the Vietnamese CSV, and gives serviceStatus in the API’s', async () => {
    await allThree();
    const vi = await http()
      .get('/discipline-records?format=csv')
      .set(inspector())
      .set('Accept-Language', 'vi')
      .expect(200);
    const lines = vi.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const khoi = lines[0].split(',').indexOf('Khối');
    const trackOf = (caseId: string) =>
      lines.find((line) => line.startsWith(`${caseId},`))!.split(',')[khoi];
    expect(khoi).toBeGreaterThan(0);
    expect(trackOf('d-cadre')).toBe('Cán bộ');
    expect(trackOf('d-servant')).toBe('Công chức');
    expect(trackOf('d-party')).toBe('Đảng');
    const en = await http().get('/discipline-records?format=csv').set(inspector()).expect(200);
    const header = en.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    expect(header).toContain('track,serviceStatus,form');
    expect(en.text).toMatch(/^d-cadre,.*,civil_service,cadre,reprimand,/m);
  });

  it('counts a cán bộ’s and a công chức’s discipline apart in the personnel report, «Cán bộ» and «Công chức» in its workbook', async () => {
    await allThree();
    const staff = as('staff', 'organization_staff');
    const json = await http().get('/reports/personnel').set(staff).expect(200);
    const one = { form: 'reprimand', people: 1, decisions: 1 };
    // Before: one «Công chức» row counting the cán bộ with the công chức (2 people).
    expect(json.body.discipline.totals).toEqual([
      { track: 'civil_service', serviceStatus: 'cadre', ...one },
      { track: 'civil_service', serviceStatus: 'civil_servant', ...one },
      { track: 'party', serviceStatus: null, ...one },
    ]);
    const xlsx = await http()
      .get('/reports/personnel?format=xlsx')
      .set(staff)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new Workbook();
    await book.xlsx.load(xlsx.body as Parameters<typeof book.xlsx.load>[0]);
    const sheet = book.getWorksheet('Kỷ luật')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Khối');
    const tracks = [2, 3, 4].map((n) => sheet.getRow(n).getCell(3).value);
    expect(tracks.sort()).toEqual(['Cán bộ', 'Công chức', 'Đảng']);
  });

  it('a decision recorded before it carried the status reads it from the case’s opening, after a rebuild', async () => {
    await allThree();
    // As a person's record written before Dec 2026 holds it: the decision without the status.
    const stripped = await t.db.pool.query(
      `UPDATE events SET data = data - 'serviceStatus'
        WHERE split_part(type, '.', 1) = 'DisciplineRecorded' AND stream_id LIKE 'cadre-%' AND data->>'caseId' = 'd-cadre'`,
    );
    expect(stripped.rowCount).toBe(1);
    const store = t.app.get<EventStore>(EVENT_STORE);
    await rebuildProjection({ pool: t.db.pool, store, projection: disciplineRegisterProjection });
    const rows = await allThree();
    expect(row(rows, 'd-cadre')).toMatchObject({ serviceStatus: 'cadre' });
    expect(row(rows, 'd-servant')).toMatchObject({ serviceStatus: 'civil_servant' });
    expect(row(rows, 'd-party')).toMatchObject({ serviceStatus: null });
  });
});
