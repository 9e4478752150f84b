import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { workbook } from './spreadsheets';

/**
 * A paper record imported is judged by the rules the API applies to the same record (an outside
 * tester's finding): a discipline row's form by the discipline decider's rules for the person's
 * status (recall only for an elected cadre and on the electing council's resolution, dismissal
 * only for a civil servant, removal from post only for one who holds a post), a post row as
 * POST /cadres/:id/posts (an elected post with the day of the council's vote) and one holder a
 * post. Before, each row below was written and the commune chair had two holders.
 */
describe('import rows meet the API rules', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });
  const upload = (file: Buffer, dryRun: boolean) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(staff())
      .attach('file', file, 'so-theo-doi.xlsx');
  // What an import of these people's rows writes (their records, the posts' seats, the import's own
  // event): not the whole store, nor what the workers' sagas write there meanwhile.
  const eventCount = (personIds: string[]) =>
    streamEventCount(
      t.db.pool,
      ['import-%', 'postseat-%', ...personIds.map((id) => `cadre-${id}`)],
      { requestsOnly: true },
    );
  const problems = (body: { errors: Record<string, unknown>[] }) =>
    body.errors.map(({ sheet, line, column, rule }) => ({ sheet, line, column, rule }));
  const electedPost = (id: string, title: string) =>
    http()
      .post('/positions')
      .set(staff())
      .send({
        id,
        title,
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 4,
        filledBy: 'election',
      })
      .expect(201);
  const elect = (personId: string, positionId: string) =>
    http()
      .post(`/cadres/${personId}/posts`)
      .set(staff())
      .send({
        positionId,
        from: addDays(today, -400),
        termEnd: addDays(today, 1400),
        decisionRef: '03/NQ-HĐND',
        electedOn: addDays(today, -400),
      })
      .expect(201);
  // The people the record shows elected (p-em, p-cuong) are cadres: their rows say «Cán bộ».
  const elected = ['p-em', 'p-cuong'];
  const discipline = (personId: string, form: string, extra: Record<string, string> = {}) => ({
    'Mã cán bộ': personId,
    Khối: elected.includes(personId) ? 'Cán bộ' : 'Công chức',
    'Hình thức': form,
    'Ngày quyết định': addDays(today, -30),
    'Số quyết định': `QĐ-${personId}`,
    'Loại vi phạm': 'land_management',
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp('import_api_rules', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: [
        { id: 'p-binh' },
        { id: 'p-em' },
        { id: 'p-cuong' },
        { id: 'p-nonmem' },
        { id: 'p-retired' },
        { id: 'p-serving' },
      ],
    });
    await electedPost('pos-chair', 'Chủ tịch UBND xã Demo');
    await electedPost('pos-vice-chair', 'Phó Chủ tịch UBND xã Demo');
    await elect('p-em', 'pos-vice-chair');
    await elect('p-cuong', 'pos-chair');
    // Who holds a post is read from the registry's projection of posts.
    await eventually(
      () => t.db.pool.query('SELECT 1 FROM person_posts'),
      ({ rowCount }) => rowCount === 2,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a discipline row whose form the person’s status does not take, naming row and column, and writes nothing', async () => {
    const file = await workbook({
      discipline: [
        discipline('p-binh', 'Bãi nhiệm'),
        discipline('p-em', 'Bãi nhiệm'),
        discipline('p-cuong', 'Buộc thôi việc'),
        discipline('p-nonmem', 'Cách chức'),
      ],
    });
    const before = await eventCount(['p-binh', 'p-em', 'p-cuong', 'p-nonmem']);
    const dry = await upload(file, true).expect(200);
    expect(dry.body.valid).toBe(false);
    expect(problems(dry.body)).toEqual([
      {
        sheet: 'Kỷ luật',
        line: 2,
        column: 'Hình thức',
        rule: 'discipline.recall_needs_elected_cadre',
      },
      {
        sheet: 'Kỷ luật',
        line: 3,
        column: 'Số nghị quyết HĐND',
        rule: 'discipline.decided_by_electing_council',
      },
      {
        sheet: 'Kỷ luật',
        line: 4,
        column: 'Hình thức',
        rule: 'discipline.dismissal_needs_civil_servant',
      },
      { sheet: 'Kỷ luật', line: 5, column: 'Hình thức', rule: 'discipline.removal_without_post' },
    ]);
    const refused = await upload(file, false).expect(422);
    expect(refused.body.rule).toBe('import.invalid_rows');
    expect(problems(refused.body)).toEqual(problems(dry.body));
    expect(await eventCount(['p-binh', 'p-em', 'p-cuong', 'p-nonmem'])).toBe(before);
  });

  it('records a removal of the former title (Xóa tư cách chức vụ đã đảm nhiệm) for one retired on the decision day, and refuses it, or a serving form, as a case does', async () => {
    await http()
      .post('/cadres/p-retired/statuses')
      .set(staff())
      .send({ status: 'retired', from: addDays(today, -90), note: 'Nghỉ hưu' })
      .expect(201);
    const removal = 'Xóa tư cách chức vụ đã đảm nhiệm';
    const wrong = await workbook({
      discipline: [
        discipline('p-serving', removal),
        { ...discipline('p-retired', 'Buộc thôi việc'), 'Số quyết định': 'QĐ-p-retired-2' },
      ],
    });
    const before = await eventCount(['p-serving', 'p-retired']);
    const dry = await upload(wrong, true).expect(200);
    // Before: the form's cell could not be read (import.invalid_choice) for either row's form.
    expect(problems(dry.body)).toEqual([
      {
        sheet: 'Kỷ luật',
        line: 2,
        column: 'Hình thức',
        rule: 'discipline.form_after_leaving_service_only',
      },
      {
        sheet: 'Kỷ luật',
        line: 3,
        column: 'Hình thức',
        rule: 'discipline.form_not_after_leaving_service',
      },
    ]);
    expect(await eventCount(['p-serving', 'p-retired'])).toBe(before);
    const file = await workbook({ discipline: [discipline('p-retired', removal)] });
    expect((await upload(file, true).expect(200)).body.valid).toBe(true);
    const done = await upload(file, false).expect(200);
    expect(done.body.counts.discipline).toMatchObject({ written: 1 });
    const record = await http().get('/cadres/p-retired').set(staff()).expect(200);
    expect(record.body.discipline).toEqual([
      expect.objectContaining({ form: 'removal_of_former_title', decisionRef: 'QĐ-p-retired' }),
    ]);
  });

  it('judges «Công chức» as a civil servant’s: an elected cadre under it is refused at «Khối», another is recorded as a civil servant', async () => {
    // Before: «Công chức» named no status, p-cuong's row was judged as a cadre's (a warning
    // written, a recall taken) while the register listed it as a civil servant's.
    const asCivilServant = (personId: string, form: string, ref: string) => ({
      ...discipline(personId, form),
      Khối: 'Công chức',
      'Số quyết định': ref,
    });
    const file = await workbook({
      discipline: [
        asCivilServant('p-cuong', 'Cảnh cáo', 'QĐ-cs-1'),
        asCivilServant('p-cuong', 'Bãi nhiệm', 'QĐ-cs-2'),
        asCivilServant('p-serving', 'Buộc thôi việc', 'QĐ-cs-3'),
      ],
    });
    const dry = await upload(file, true).expect(200);
    expect(problems(dry.body)).toEqual([
      {
        sheet: 'Kỷ luật',
        line: 2,
        column: 'Khối',
        rule: 'discipline.elected_cadre_not_civil_servant',
      },
      {
        sheet: 'Kỷ luật',
        line: 3,
        column: 'Khối',
        rule: 'discipline.elected_cadre_not_civil_servant',
      },
    ]);
    expect(dry.body.errors[0].message).toContain('Chủ tịch UBND xã Demo (pos-chair)');
    expect(dry.body.errors[0].message).toContain('write «Cán bộ»');
    const warning = await workbook({
      discipline: [asCivilServant('p-serving', 'Cảnh cáo', 'QĐ-cs-4')],
    });
    await upload(warning, false).expect(200);
    const record = await http().get('/cadres/p-serving').set(staff()).expect(200);
    expect(record.body.discipline).toEqual([
      expect.objectContaining({
        track: 'civil_service',
        serviceStatus: 'civil_servant',
        form: 'warning',
      }),
    ]);
  });

  it('records a recall of an elected cadre with the council’s resolution it carried out', async () => {
    const file = await workbook({
      discipline: [
        discipline('p-em', 'Bãi nhiệm', {
          'Số nghị quyết HĐND': '15/NQ-HĐND',
          'Ngày nghị quyết HĐND': addDays(today, -35),
        }),
        discipline('p-cuong', 'Cảnh cáo', {
          'Số nghị quyết HĐND': '16/NQ-HĐND',
          'Ngày nghị quyết HĐND': addDays(today, -35),
        }),
      ],
    });
    const dry = await upload(file, true).expect(200);
    expect(problems(dry.body)).toEqual([
      {
        sheet: 'Kỷ luật',
        line: 3,
        column: 'Số nghị quyết HĐND',
        rule: 'discipline.council_resolution_not_needed',
      },
    ]);
    const recall = await workbook({
      discipline: [
        discipline('p-em', 'Bãi nhiệm', {
          'Số nghị quyết HĐND': '15/NQ-HĐND',
          'Ngày nghị quyết HĐND': addDays(today, -35),
        }),
      ],
    });
    const done = await upload(recall, false).expect(200);
    expect(done.body.counts.discipline).toMatchObject({ written: 1 });
    const record = await http().get('/cadres/p-em').set(staff()).expect(200);
    expect(record.body.discipline).toEqual([
      expect.objectContaining({
        form: 'recall',
        councilResolution: { number: '15/NQ-HĐND', adoptedOn: addDays(today, -35) },
      }),
    ]);
    // The recall ends the post it recalls from, on its effective day, as a decided recall does.
    expect(record.body.posts).toEqual([]);
    expect(record.body.pastPosts).toEqual([
      expect.objectContaining({
        positionId: 'pos-vice-chair',
        endedOn: addDays(today, -30),
        endedBy: 'QĐ-p-em',
      }),
    ]);
    // Imported again: the record holds it all, nothing is written.
    const again = await upload(recall, false).expect(200);
    expect(again.body.counts.discipline).toMatchObject({ written: 0, unchanged: 1 });
  });

  it('refuses a post row for an elected post without the council’s vote, or an elected post another person holds that day (an appointed post may have several)', async () => {
    const post = (personId: string, positionId: string, from: string, extra = {}) => ({
      'Mã cán bộ': personId,
      'Mã chức vụ': positionId,
      'Từ ngày': from,
      'Số quyết định': 'NQ-9',
      ...extra,
    });
    const file = await workbook({
      posts: [
        post('p-nonmem', 'pos-chair', addDays(today, -100)),
        post('p-nonmem', 'pos-chair', addDays(today, -90), {
          'Ngày HĐND bầu': addDays(today, -90),
        }),
        post('p-nonmem', 'pos-deputy', addDays(today, -80), {
          'Ngày HĐND bầu': addDays(today, -80),
        }),
        post('p-binh', 'pos-deputy', addDays(today, -70)),
        post('p-nonmem', 'pos-deputy', addDays(today, -60)),
      ],
    });
    const before = await eventCount(['p-nonmem', 'p-binh']);
    const dry = await upload(file, true).expect(200);
    expect(problems(dry.body)).toEqual([
      { sheet: 'Chức vụ', line: 2, column: 'Mã chức vụ', rule: 'post.held_by_election' },
      { sheet: 'Chức vụ', line: 3, column: 'Mã chức vụ', rule: 'post.held_by_another' },
      { sheet: 'Chức vụ', line: 4, column: 'Ngày HĐND bầu', rule: 'post.not_elected' },
    ]);
    expect(dry.body.errors[1].message).toContain('p-cuong');
    await upload(file, false).expect(422);
    expect(await eventCount(['p-nonmem', 'p-binh'])).toBe(before);
  });

  it('refuses a post row for an appointed post whose seats others hold that day, naming them (one without seats takes any)', async () => {
    await http()
      .post('/positions')
      .set(staff())
      .send({
        id: 'pos-head',
        title: 'Trưởng phòng Nội vụ',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 5,
        seats: 1,
      })
      .expect(201);
    await http()
      .post('/cadres/p-binh/posts')
      .set(staff())
      .send({
        positionId: 'pos-head',
        from: addDays(today, -300),
        termEnd: addDays(today, -10),
        decisionRef: 'QĐ-7',
      })
      .expect(201);
    await eventually(
      () => t.db.pool.query("SELECT 1 FROM person_posts WHERE position_id = 'pos-head'"),
      ({ rowCount }) => rowCount === 1,
    );
    const post = (personId: string, positionId: string, from: string, termEnd?: string) => ({
      'Mã cán bộ': personId,
      'Mã chức vụ': positionId,
      'Từ ngày': from,
      'Số quyết định': `QĐ-${personId}`,
      ...(termEnd ? { 'Hết nhiệm kỳ': termEnd } : {}),
    });
    const file = await workbook({
      posts: [
        // The seat falls free when p-binh's term ends.
        post('p-em', 'pos-head', addDays(today, -5)),
        post('p-nonmem', 'pos-head', addDays(today, -20)),
        post('p-nonmem', 'pos-deputy', addDays(today, -20)),
        // Free on its first day, but p-binh sits from day -300 of its term (before: written).
        post('p-cuong', 'pos-head', addDays(today, -400), addDays(today, -250)),
        // A term ending the day p-binh's begins shares no day with it.
        post('p-nonmem', 'pos-head', addDays(today, -400), addDays(today, -300)),
      ],
    });
    const dry = await upload(file, true).expect(200);
    expect(problems(dry.body)).toEqual([
      { sheet: 'Chức vụ', line: 3, column: 'Mã chức vụ', rule: 'post.held_by_another' },
      { sheet: 'Chức vụ', line: 5, column: 'Mã chức vụ', rule: 'post.held_by_another' },
    ]);
    expect(dry.body.errors[0].message).toContain(
      `is held on ${addDays(today, -20)} by 1 of 1 seat: Người p-binh (p-binh)`,
    );
    expect(dry.body.errors[1].message).toContain(
      `is held on ${addDays(today, -300)} by 1 of 1 seat: Người p-binh (p-binh)`,
    );
  });
});
