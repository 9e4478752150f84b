import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { SheetRows, workbook } from './spreadsheets';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 200 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

const CASES = 'Hồ sơ đang giải quyết';
const STEPS = 'Bước đã thực hiện';

const caseRow = (id: string, overrides: Record<string, unknown> = {}) => ({
  'Mã hồ sơ': id,
  'Quy trình': 'Bổ nhiệm',
  'Mẫu quy trình': 'appointment.internal',
  'Mã cán bộ': 'p-a',
  'Mã chức vụ': 'pos-head',
  'Mã đơn vị': 'ou-town',
  'Trích yếu': 'Bổ nhiệm Trưởng phòng (hồ sơ giấy)',
  'Ngày bắt đầu': '15/06/2025',
  'Số hồ sơ giấy': 'HS-2025/017',
  ...overrides,
});

const tally = (present: number, forVotes: number) => ({
  'Tổng số thành viên': 13,
  'Số triệu tập': 13,
  'Số có mặt': present,
  'Tán thành': forVotes,
  'Không tán thành': present - forVotes,
  'Không biểu quyết': 0,
  'Phiếu không hợp lệ': 0,
});

/** The three steps a paper case had taken before the unit adopted the service. */
const goodSteps: SheetRows = [
  {
    'Mã hồ sơ': 'c-paper',
    'Mã bước': 'leadership-round-1',
    'Ngày thực hiện': '20/06/2025',
    'Số biên bản': 'BB-01',
    'Nội dung': 'Thống nhất chủ trương',
  },
  {
    'Mã hồ sơ': 'c-paper',
    'Mã bước': 'expanded-nomination',
    'Ngày thực hiện': '27/06/2025',
    'Số biên bản': 'BB-02',
    'Tổng số thành viên': 13,
    'Số triệu tập': 13,
    'Số có mặt': 12,
    'Phiếu không hợp lệ': 0,
    'Giới thiệu': 'p-a: 9; p-b: 3',
  },
  {
    'Mã hồ sơ': 'c-paper',
    'Mã bước': 'leadership-round-2',
    'Ngày thực hiện': '04/07/2025',
    'Số biên bản': 'BB-03',
    ...tally(12, 10),
  },
];

/** A unit adopting the service imports the cases it has under way on paper, with their steps. */
describe('import of cases under way on paper', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[], unit = 'ou-town') => ({
    Authorization: `Bearer ${t.token(userId, roles, unit)}`,
  });
  const staff = () => as('staff-1', ['organization_staff']);
  const clerkRoles = ['organization_staff', 'records_clerk', 'ballot_secretary'];
  const clerk = () => as('clerk-1', clerkRoles);
  const upload = (file: Buffer, dryRun: boolean, who = clerk()) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(who)
      .attach('file', file, 'ho-so-giay.xlsx');
  // What an import of these cases writes: the cases' streams and ids' reservations, the people's
  // case slots, the import's own event. Not the whole store, nor what the workers write there
  // meanwhile (c-paper is overdue: its missed deadline lands on its stream as the timer fires).
  const eventCount = (caseIds: string[]) =>
    streamEventCount(
      t.db.pool,
      [
        'import-%',
        ...caseIds.map((id) => `%-${id}`),
        ...['p-a', 'p-b', 'p-other'].map((id) => `caseslot-%/${id}/%`),
      ],
      { requestsOnly: true },
    );

  beforeAll(async () => {
    t = await startTestApp('case_imports', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: [
        { id: 'pos-head', rank: 4 },
        { id: 'pos-deputy', rank: 3 },
      ],
      people: [
        {
          id: 'p-a',
          posts: [{ positionId: 'pos-deputy', from: '2021-01-01', termEnd: '2026-01-01' }],
          pool: ['pos-head'],
        },
        { id: 'p-b', pool: ['pos-head'] },
      ],
    });
    // A unit beside the town is added by an admin of a top-level unit (the town's).
    const admin = as('u-admin', ['admin'], 'ou-town');
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-other', name: 'Xã khác', kind: 'town' })
      .expect(201);
    await http()
      .post('/cadres')
      .set(as('staff-2', ['organization_staff'], 'ou-other'))
      .send({
        id: 'p-other',
        fullName: 'Người xã khác',
        dateOfBirth: '1980-01-01',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-other',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const goodFile = () => workbook({ cases: [caseRow('c-paper')], caseSteps: goodSteps });

  it('is refused without the records clerk role, and for a person outside the grant; nothing written', async () => {
    const before = await eventCount(['c-paper', 'c-outside']);
    const notClerk = await upload(await goodFile(), true, staff()).expect(403);
    expect(notClerk.body).toMatchObject({
      rule: 'case.opened_on_needs_records_clerk',
      field: 'file',
    });
    const outside = await upload(
      await workbook({ cases: [caseRow('c-outside', { 'Mã cán bộ': 'p-other' })] }),
      true,
    ).expect(403);
    expect(outside.body.rule).toBe('scope.out_of_scope');
    expect(outside.body.errors[0]).toMatchObject({ sheet: CASES, line: 2, column: 'Mã cán bộ' });
    expect(await eventCount(['c-paper', 'c-outside'])).toBe(before);
  });

  it('a dry run names every bad row by sheet, line, column and rule; importing it writes nothing', async () => {
    const file = await workbook({
      cases: [
        caseRow('c-paper'),
        caseRow('c-future', { 'Mã cán bộ': 'p-b', 'Ngày bắt đầu': addDays(vietnamToday(), 3) }),
        caseRow('c-ext', {
          'Mã cán bộ': 'p-b',
          'Mã chức vụ': 'pos-deputy',
          'Mẫu quy trình': 'appointment.external@2',
        }),
        // The same person and post as c-paper: the service keeps one open case.
        caseRow('c-dup', { 'Số hồ sơ giấy': 'HS-2025/018' }),
      ],
      caseSteps: [
        goodSteps[0],
        goodSteps[1],
        // 7 of 13 present: no quorum, the ballot rule refuses it as the API would.
        { ...goodSteps[2], ...tally(7, 6) },
        {
          'Mã hồ sơ': 'c-missing',
          'Mã bước': 'leadership-round-1',
          'Ngày thực hiện': '20/06/2025',
        },
        { 'Mã hồ sơ': 'c-paper', 'Mã bước': 'no-such-step', 'Ngày thực hiện': '20/06/2025' },
      ],
    });
    const before = await eventCount(['c-paper', 'c-future', 'c-ext', 'c-dup']);
    const dry = await upload(file, true).expect(200);
    expect(dry.body.valid).toBe(false);
    const problems = dry.body.errors.map((e: Record<string, unknown>) => [
      e.sheet,
      e.line,
      e.column,
      e.rule,
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        [CASES, 3, 'Ngày bắt đầu', 'case.opened_in_the_future'],
        [CASES, 4, 'Mẫu quy trình', 'definition.not_in_force'],
        [CASES, 5, 'Mã cán bộ', 'case.duplicate_open'],
        [STEPS, 4, 'Số có mặt', 'ballot.no_quorum'],
        [STEPS, 5, 'Mã hồ sơ', 'import.case_not_in_file'],
        [STEPS, 6, 'Mã bước', 'step.unknown'],
      ]),
    );
    expect(problems).toHaveLength(6);
    const refused = await upload(file, false).expect(422);
    expect(refused.body.rule).toBe('import.invalid_rows');
    expect(await eventCount(['c-paper', 'c-future', 'c-ext', 'c-dup'])).toBe(before);
  });

  it('a cell the step does not take is a bad row, not dropped', async () => {
    const dry = await upload(
      await workbook({
        cases: [caseRow('c-paper')],
        caseSteps: [{ ...goodSteps[0], 'Tán thành': 9 }],
      }),
      true,
    ).expect(200);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({
        sheet: STEPS,
        line: 2,
        column: 'Tán thành',
        rule: 'import.column_not_for_step',
      }),
    ]);
  });

  it('opens the case as of its day with that day’s rules, performs its steps with their dates; it goes on live', async () => {
    const before = await eventCount(['c-paper']);
    const dry = await upload(await goodFile(), true).expect(200);
    expect(dry.body).toMatchObject({
      valid: true,
      counts: {
        cases: { rows: 1, written: 1, unchanged: 0 },
        caseSteps: { rows: 3, written: 3, unchanged: 0 },
      },
      errors: [],
    });
    expect(await eventCount(['c-paper'])).toBe(before);

    const done = await upload(await goodFile(), false).expect(200);
    expect(done.body.counts.caseSteps.written).toBe(3);
    const view = await http().get('/cases/c-paper').set(clerk()).expect(200);
    const ruleSets = (await http().get('/catalog').set(staff()).expect(200)).body.ruleSets as {
      id: string;
      track?: string;
      pinnedOnly?: boolean;
      effectiveFrom: string;
      effectiveTo?: string;
    }[];
    const june2025 = ruleSets.find(
      (s) =>
        s.track === 'state' &&
        !s.pinnedOnly &&
        s.effectiveFrom <= '2025-06-15' &&
        (!s.effectiveTo || '2025-06-15' <= s.effectiveTo),
    )!;
    expect(view.body).toMatchObject({
      openedOn: '2025-06-15',
      definition: 'appointment.internal@1',
      ruleSet: june2025.id,
      recordedFromPaper: { paperRecordRef: 'HS-2025/017', recordedOn: vietnamToday() },
      // The next step became current on Friday 4 July 2025: 15 working days from then.
      currentStep: { id: 'key-officials-nomination', dueOn: '2025-07-25' },
    });
    const { rows } = await t.db.pool.query(
      `SELECT type, metadata->>'actorId' AS actor, metadata->>'openedAsOf' AS "openedAsOf",
              metadata->>'correlationId' AS correlation
         FROM events WHERE stream_id = 'appointment-c-paper' ORDER BY revision`,
    );
    expect(rows.map((r) => r.type)).toEqual([
      'CaseOpened.v1',
      'MeetingRecorded.v1',
      'NominationTallied.v1',
      'BallotTallied.v1',
    ]);
    expect(rows[0]).toMatchObject({
      actor: 'clerk-1',
      openedAsOf: '2025-06-15',
      correlation: done.body.importId,
    });

    // The inbox shows the case's next step to whoever performs it.
    const inbox = await eventually(
      async () => (await http().get('/inbox').set(clerk()).expect(200)).body,
      (body) =>
        body.items.some(
          (i: { caseId: string; step: string }) =>
            i.caseId === 'c-paper' && i.step === 'key-officials-nomination',
        ),
    );
    expect(inbox.items.find((i: { caseId: string }) => i.caseId === 'c-paper')).toMatchObject({
      step: 'key-officials-nomination',
      dueOn: '2025-07-25',
      overdue: true,
    });
  });

  it('importing the same file again appends nothing', async () => {
    const before = await eventCount(['c-paper']);
    const again = await upload(await goodFile(), false).expect(200);
    expect(again.body.counts).toMatchObject({
      cases: { rows: 1, written: 0, unchanged: 1 },
      caseSteps: { rows: 3, written: 0, unchanged: 3 },
    });
    expect(await eventCount(['c-paper'])).toBe(before);
  });

  it('a step already recorded with another tally or day is a bad row (before: reported unchanged)', async () => {
    const before = await eventCount(['c-paper']);
    const changed = goodSteps.map((row) =>
      row['Mã bước'] === 'leadership-round-2' ? { ...row, ...tally(12, 11) } : row,
    );
    const dry = await upload(
      await workbook({ cases: [caseRow('c-paper')], caseSteps: changed }),
      true,
    ).expect(200);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({ sheet: STEPS, line: 4, rule: 'import.step_differs' }),
    ]);
    expect(dry.body.errors[0].message).toMatch(
      /step leadership-round-2 of case c-paper is already recorded with another tally/,
    );
    const redated = goodSteps.map((row) =>
      row['Mã bước'] === 'leadership-round-1' ? { ...row, 'Ngày thực hiện': '21/06/2025' } : row,
    );
    const moved = await upload(
      await workbook({ cases: [caseRow('c-paper')], caseSteps: redated }),
      true,
    ).expect(200);
    expect(moved.body.errors).toEqual([
      expect.objectContaining({ sheet: STEPS, line: 2, rule: 'import.step_differs' }),
    ]);
    expect(await eventCount(['c-paper'])).toBe(before);
  });

  it('a case id already recorded with other data is a bad row', async () => {
    const dry = await upload(
      await workbook({ cases: [caseRow('c-paper', { 'Số hồ sơ giấy': 'HS-KHAC' })] }),
      true,
    ).expect(200);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({
        sheet: CASES,
        line: 2,
        column: 'Mã hồ sơ',
        rule: 'import.case_differs',
      }),
    ]);
  });
});
