import request from 'supertest';
import { RegistryService } from '../../src/cadres/registry.service';
import { TimerHandlerRegistry } from '../../src/jobs/timers/timer-handlers';
import { csv } from '../imports/spreadsheets';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

interface TimerData {
  timerId: string;
  kind: string;
  target: string;
  dueAt: string;
  payload: Record<string, unknown>;
}

const ddmmyyyy = (day: string) => day.split('-').reverse().join('/');

/**
 * A unit starting mid-stream records or imports terms already running: each gets the
 * re-appointment notice a decided term gets, on the real store, Redis and workers.
 */
describe('re-appointment notices of terms recorded by hand or imported', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });
  const record = (personId: string) =>
    http()
      .get(`/cadres/${personId}`)
      .set(staff())
      .expect(200)
      .then((r) => r.body);
  const timersOf = async (personId: string): Promise<TimerData[]> =>
    (
      await t.db.pool.query(
        "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'kind' = 'recorded-term-notice' AND data->>'target' = $1",
        [`cadre-${personId}`],
      )
    ).rows.map((row) => row.data as TimerData);
  const casesOpenedFor = async (personId: string): Promise<number> =>
    (
      await t.db.pool.query(
        "SELECT count(*)::int AS n FROM events WHERE type = 'CaseOpened.v1' AND data->>'personId' = $1",
        [personId],
      )
    ).rows[0].n;
  /** Fires the notice's timer as the worker would (the same timer id, so the same seed). */
  const fire = async (timer: TimerData) => {
    const handler = t.app.get(TimerHandlerRegistry).get('recorded-term-notice')!;
    await handler(
      { ...timer, dueAt: new Date(timer.dueAt) },
      {
        idSeed: `timer:${timer.timerId}`,
        metadata: {
          actorId: 'system:timer:recorded-term-notice',
          correlationId: 'c',
          causationId: null,
          occurredAt: new Date().toISOString(),
        },
        now: new Date(),
      },
    );
  };

  beforeAll(async () => {
    t = await startTestApp('recorded-term-notice', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: [
        { id: 'pos-head', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-imported', rank: 4 },
      ],
      people: [
        {
          // Recorded 60 days before its term ends: the notice day (90 working days before) passed.
          id: 'p-near',
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1765), termEnd: addDays(today, 60) },
          ],
        },
        {
          id: 'p-ended',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -1400), termEnd: addDays(today, 400) },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a recorded term whose notice day has passed gets its notice at once: the re-appointment case opens, once however often the timer fires', async () => {
    const termEnd = addDays(today, 60);
    const noticed = await eventually(
      () => record('p-near'),
      (body) => body.reappointmentsDue.length > 0,
    );
    expect(noticed.reappointmentsDue).toEqual([
      expect.objectContaining({
        positionId: 'pos-head',
        termEnd,
        action: 'open_case',
        refusal: null,
        caseId: expect.any(String),
      }),
    ]);
    const opened = await http()
      .get(`/cases/${noticed.reappointmentsDue[0].caseId}`)
      .set(staff())
      .expect(200);
    expect(opened.body).toMatchObject({
      procedure: 'reappointment',
      personId: 'p-near',
      positionId: 'pos-head',
      orgUnitId: 'ou-town',
    });

    // The same rule as a decided term: 90 calendar days before its end (Nghị định 170/2025 art. 39(1)).
    const [timer] = await timersOf('p-near');
    expect(timer.payload).toMatchObject({
      termEnd,
      noticeOn: addDays(termEnd, -90),
      definition: expect.stringMatching(/^reappointment\.standard@/),
    });

    // Delivered twice more: still one notice and one case.
    await fire(timer);
    await fire(timer);
    const after = await record('p-near');
    expect(after.reappointmentsDue).toHaveLength(1);
    expect(await casesOpenedFor('p-near')).toBe(1);
    expect(await timersOf('p-near')).toHaveLength(1);
  });

  it('an imported term gets its notice as a recorded one does', async () => {
    // Within the 90 calendar days of notice (Nghị định 170/2025 art. 39(1)), so it is due at once;
    // 90 days ahead was inside the window only while it counted 90 working days.
    const termEnd = addDays(today, 60);
    const people = csv('people', [
      {
        'Mã cán bộ': 'p-imported',
        'Họ và tên': 'Lê Văn Nhập',
        'Ngày sinh': '12/04/1978',
        'Giới tính': 'Nam',
        'Dân tộc': 'Kinh',
        'Đảng viên': 'Không',
        'Trình độ chuyên môn': 'Thạc sĩ',
        'Lý luận chính trị': 'Cao cấp',
        'Mã đơn vị': 'ou-town',
      },
    ]);
    await http().post('/imports').set(staff()).attach('file', people, 'can-bo.csv').expect(200);
    const posts = csv('posts', [
      {
        'Mã cán bộ': 'p-imported',
        'Mã chức vụ': 'pos-imported',
        'Từ ngày': ddmmyyyy(addDays(today, -1735)),
        'Hết nhiệm kỳ': ddmmyyyy(termEnd),
        'Số quyết định': '45-QĐ/UBND',
      },
    ]);
    await http().post('/imports').set(staff()).attach('file', posts, 'chuc-vu.csv').expect(200);
    const noticed = await eventually(
      () => record('p-imported'),
      (body) => body.reappointmentsDue.length > 0,
    );
    expect(noticed.reappointmentsDue).toEqual([
      expect.objectContaining({ positionId: 'pos-imported', termEnd, action: 'open_case' }),
    ]);
    await http().get(`/cases/${noticed.reappointmentsDue[0].caseId}`).set(staff()).expect(200);
  });

  it('a recorded term that ended before its notice day gets no notice when the timer fires', async () => {
    const [timer] = await eventually(
      () => timersOf('p-ended'),
      (timers) => timers.length === 1,
    );
    // Its notice is months ahead: nothing yet.
    expect((await record('p-ended')).reappointmentsDue).toEqual([]);
    // The hold ends on the record (a removal's or a discipline's EndPost does the same).
    await t.app.get(RegistryService).runPersonCommand(
      'p-ended',
      {
        type: 'EndPost',
        data: {
          personId: 'p-ended',
          positionId: 'pos-deputy',
          on: today,
          reason: 'relieved',
          decisionRef: '9-QĐ',
        },
      },
      {
        actorId: 'u-staff',
        correlationId: 'c',
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
    );
    await fire(timer);
    expect((await record('p-ended')).reappointmentsDue).toEqual([]);
    expect(await casesOpenedFor('p-ended')).toBe(0);
  });
});
