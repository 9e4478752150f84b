import request from 'supertest';
import { RegistryService } from '../../src/cadres/registry.service';
import { TimerHandlerRegistry } from '../../src/jobs/timers/timer-handlers';
import { noticeDeadline } from '../../src/procedures/reappointment/notice-deadline';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../src/workflow/workflow-catalog';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

interface TimerData {
  timerId: string;
  kind: string;
  target: string;
  dueAt: string;
  payload: Record<string, unknown>;
}

const metadata = () => ({
  actorId: 'u-staff',
  correlationId: 'c',
  causationId: null,
  occurredAt: new Date().toISOString(),
});

/**
 * The notice of a recorded term follows the post as it stands: none for an elected post, the
 * corrected term's own, and none before a post recorded to start later is held.
 */
describe('re-appointment notices of recorded terms: elected posts, corrections, later starts', () => {
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
        "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'kind' = 'recorded-term-notice' AND data->>'target' = $1 ORDER BY global_position",
        [`cadre-${personId}`],
      )
    ).rows.map((row) => row.data as TimerData);
  const timerFor = (personId: string, termEnd: string) =>
    eventually(
      () => timersOf(personId),
      (timers) => timers.some((timer) => timer.payload.termEnd === termEnd),
    ).then((timers) => timers.find((timer) => timer.payload.termEnd === termEnd)!);
  const fire = async (timer: TimerData) => {
    const handler = t.app.get(TimerHandlerRegistry).get('recorded-term-notice')!;
    await handler(
      { ...timer, dueAt: new Date(timer.dueAt) },
      {
        idSeed: `timer:${timer.timerId}`,
        metadata: { ...metadata(), actorId: 'system:timer:recorded-term-notice' },
        now: new Date(),
      },
    );
  };
  const caseEvents = async (caseId: string) =>
    (
      await t.db.pool.query(
        'SELECT event_id, type, data, metadata FROM events WHERE stream_id = $1 ORDER BY revision',
        [`reappointment-${caseId}`],
      )
    ).rows as { event_id: string; type: string; data: unknown; metadata: unknown }[];
  const caseView = (caseId: string) =>
    http()
      .get(`/cases/${caseId}`)
      .set(staff())
      .expect(200)
      .then((r) => r.body);
  /** The notice deadline the case's rule set gives a term end, for the day the case opened. */
  const deadlineFor = (view: { ruleSet: string; openedOn: string }, termEnd: string) => {
    const catalog = t.app.get<WorkflowCatalog>(WORKFLOW_CATALOG);
    return noticeDeadline(catalog.ruleSet(view.ruleSet)!, catalog.calendar, termEnd, view.openedOn);
  };
  const recordPost = (personId: string, post: Record<string, unknown>) =>
    http()
      .post(`/cadres/${personId}/posts`)
      .set(staff())
      .send({ decisionRef: '1-QĐ', ...post })
      .expect(201);

  beforeAll(async () => {
    t = await startTestApp('recorded-term-notice-fix', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: [
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-fix', rank: 4 },
        { id: 'pos-ref', rank: 4 },
        { id: 'pos-later', rank: 4 },
        { id: 'pos-moved', rank: 4 },
        { id: 'pos-hand', rank: 4 },
        { id: 'pos-hand-first', rank: 4 },
      ],
      people: [
        { id: 'p-chair' },
        { id: 'p-fix' },
        { id: 'p-ref' },
        { id: 'p-later' },
        { id: 'p-moved' },
        { id: 'p-hand' },
        { id: 'p-hand-first' },
      ],
    });
    await http()
      .post('/positions')
      .set(staff())
      .send({
        id: 'pos-chair',
        title: 'Chủ tịch UBND',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 6,
        filledBy: 'election',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an elected post recorded without its election day (as the demo data is) gets no notice, nor does a timer set for it before', async () => {
    const registry = t.app.get(RegistryService);
    const chairTerm = addDays(today, 60);
    await registry.runPersonCommand(
      'p-chair',
      {
        type: 'AssignPost',
        data: {
          personId: 'p-chair',
          positionId: 'pos-chair',
          from: addDays(today, -1765),
          termEnd: chairTerm,
          decisionRef: '5-NQ/HĐND',
        },
      },
      metadata(),
    );
    // The same person's appointed post, recorded after: once its timer is there, the chair's was seen.
    await recordPost('p-chair', {
      positionId: 'pos-deputy',
      from: today,
      termEnd: addDays(today, 900),
    });
    await timerFor('p-chair', addDays(today, 900));
    expect((await timersOf('p-chair')).map((timer) => timer.payload.positionId)).toEqual([
      'pos-deputy',
    ]);

    // A timer the old saga set for it fires: nothing is given, no task is left.
    await fire({
      timerId: 'old-chair-timer',
      kind: 'recorded-term-notice',
      target: 'cadre-p-chair',
      dueAt: new Date().toISOString(),
      payload: {
        personId: 'p-chair',
        positionId: 'pos-chair',
        termEnd: chairTerm,
        decisionRef: '5-NQ/HĐND',
        noticeOn: today,
        definition: 'reappointment.standard@1',
        ruleSetId: (await timersOf('p-chair'))[0].payload.ruleSetId,
      },
    });
    expect((await record('p-chair')).reappointmentsDue).toEqual([]);
  });

  it('a term end corrected after its notice opened the re-appointment gives no second notice refused as a duplicate', async () => {
    const from = addDays(today, -1765);
    await recordPost('p-fix', { positionId: 'pos-fix', from, termEnd: addDays(today, 60) });
    await eventually(
      () => record('p-fix'),
      (body) => body.reappointmentsDue.length > 0,
    );
    await recordPost('p-fix', { positionId: 'pos-fix', from, termEnd: addDays(today, 70) });
    await fire(await timerFor('p-fix', addDays(today, 70)));
    const after = await record('p-fix');
    expect(after.reappointmentsDue).toEqual([
      expect.objectContaining({
        termEnd: addDays(today, 60),
        refusal: null,
        caseId: expect.any(String),
      }),
    ]);
  });

  it('a term end corrected after its notice opened the re-appointment is noted on that case, whose facts then give the corrected term end', async () => {
    const from = addDays(today, -1765);
    await recordPost('p-moved', { positionId: 'pos-moved', from, termEnd: addDays(today, 60) });
    const noticed = await eventually(
      () => record('p-moved'),
      (body) => body.reappointmentsDue.length > 0,
    );
    const caseId = noticed.reappointmentsDue[0].caseId as string;
    expect((await caseView(caseId)).facts.termEnd).toBe(addDays(today, 60));

    await recordPost('p-moved', { positionId: 'pos-moved', from, termEnd: addDays(today, 95) });
    const view = await eventually(
      () => caseView(caseId),
      (body) => body.facts.termEnd === addDays(today, 95),
    );
    expect(view.facts).toMatchObject({
      termEnd: addDays(today, 95),
      termEndAtOpening: addDays(today, 60),
    });
    // The notice deadline and lateness follow the corrected end (counted for the opening day with
    // the case's rule set), and so does the notice's heading. Before, both kept the opening's.
    const deadline = deadlineFor(view, addDays(today, 95));
    const atOpening = deadlineFor(view, addDays(today, 60));
    expect(deadline.openBy).not.toBe(atOpening.openBy);
    expect(view.facts).toMatchObject(deadline);
    expect(view.facts.openBy < view.facts.termEnd).toBe(true);
    if (!deadline.late) expect(view.facts).not.toHaveProperty('daysLate');
    expect(view.summary).toBe(`Re-appointment: the term ends on ${addDays(today, 95)}`);
    const listed = await eventually(
      () => t.db.pool.query('SELECT summary FROM case_summaries WHERE case_id = $1', [caseId]),
      (result) => result.rows[0]?.summary === view.summary,
    );
    expect(listed.rows[0].summary).toBe(view.summary);
    const correction = (await caseEvents(caseId)).filter(
      (e) => e.type === 'RenewedTermCorrected.v1',
    );
    expect(correction).toEqual([
      expect.objectContaining({
        data: {
          previousTermEnd: addDays(today, 60),
          termEnd: addDays(today, 95),
          decisionRef: '1-QĐ',
          correctedOn: today,
          ...deadline,
          summary: `Re-appointment: the term ends on ${addDays(today, 95)}`,
        },
      }),
    ]);
    // Set off by the correction itself: its actor is the saga, its cause the corrected hold.
    const corrected = (
      await t.db.pool.query(
        "SELECT event_id, metadata FROM events WHERE stream_id = 'cadre-p-moved' AND type = 'PostAssigned.v1' ORDER BY revision DESC LIMIT 1",
      )
    ).rows[0];
    expect(correction[0].metadata).toMatchObject({
      actorId: 'system:saga:recorded-term-notice',
      correlationId: corrected.metadata.correlationId,
      causationId: corrected.event_id,
    });
    // The corrected term's own notice gives no second one; the record keeps the notice given.
    await fire(await timerFor('p-moved', addDays(today, 95)));
    expect((await record('p-moved')).reappointmentsDue).toEqual([
      expect.objectContaining({ termEnd: addDays(today, 60), caseId, refusal: null }),
    ]);
  });

  it('a re-appointment opened by hand before the notice: the notice notes that case, opens none and leaves no task; a later correction of the term end reaches it', async () => {
    const from = addDays(today, -1400);
    await recordPost('p-hand', { positionId: 'pos-hand', from, termEnd: addDays(today, 400) });
    const timer = await timerFor('p-hand', addDays(today, 400));
    await http()
      .post('/cases')
      .set(staff())
      .send({
        id: 'r-hand',
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-hand',
        positionId: 'pos-hand',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại, mở trước khi đến hạn',
      })
      .expect(201);

    await fire(timer);
    expect((await record('p-hand')).reappointmentsDue).toEqual([
      expect.objectContaining({
        positionId: 'pos-hand',
        termEnd: addDays(today, 400),
        action: 'open_case',
        caseId: 'r-hand',
        refusal: null,
      }),
    ]);
    const opened = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE type = 'CaseOpened.v1' AND data->>'personId' = 'p-hand'",
    );
    expect(opened.rows[0].n).toBe(1);

    await recordPost('p-hand', { positionId: 'pos-hand', from, termEnd: addDays(today, 410) });
    const view = await eventually(
      () => caseView('r-hand'),
      (body) => body.facts.termEnd === addDays(today, 410),
    );
    expect(view.facts.termEnd).toBe(addDays(today, 410));
  });

  it('a re-appointment opened by hand is reached by the first correction of the term end, the one that fires the notice that notes it', async () => {
    const from = addDays(today, -1400);
    await recordPost('p-hand-first', {
      positionId: 'pos-hand-first',
      from,
      termEnd: addDays(today, 400),
    });
    await timerFor('p-hand-first', addDays(today, 400));
    await http()
      .post('/cases')
      .set(staff())
      .send({
        id: 'r-hand-first',
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-hand-first',
        positionId: 'pos-hand-first',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại, mở sớm',
      })
      .expect(201);
    const opening = await caseView('r-hand-first');
    expect(opening.facts).toMatchObject({ termEnd: addDays(today, 400), late: false });

    // Moved close: its notice is due at once and notes the case opened by hand, which follows it.
    await recordPost('p-hand-first', {
      positionId: 'pos-hand-first',
      from,
      termEnd: addDays(today, 60),
    });
    await eventually(
      () => record('p-hand-first'),
      (body) =>
        body.reappointmentsDue.some((due: { caseId: string }) => due.caseId === 'r-hand-first'),
    );
    const view = await eventually(
      () => caseView('r-hand-first'),
      (body) => body.facts.termEnd === addDays(today, 60),
    );
    const deadline = deadlineFor(view, addDays(today, 60));
    expect(view.facts).toMatchObject({
      termEnd: addDays(today, 60),
      termEndAtOpening: addDays(today, 400),
      ...deadline,
      late: true,
    });
    // A summary written by hand is the staff's: it stays as written.
    expect(view.summary).toBe('Bổ nhiệm lại, mở sớm');
    const corrections = (await caseEvents('r-hand-first')).filter(
      (e) => e.type === 'RenewedTermCorrected.v1',
    );
    expect(corrections).toHaveLength(1);
  });

  it('a corrected decision number keeps the notice; a term end corrected before the notice leaves the old timer with nothing to give', async () => {
    const from = addDays(today, -1400);
    await recordPost('p-ref', { positionId: 'pos-ref', from, termEnd: addDays(today, 400) });
    const first = await timerFor('p-ref', addDays(today, 400));
    await recordPost('p-ref', {
      positionId: 'pos-ref',
      from,
      termEnd: addDays(today, 400),
      decisionRef: '2-QĐ',
    });
    await recordPost('p-ref', { positionId: 'pos-ref', from, termEnd: addDays(today, 410) });
    const corrected = await timerFor('p-ref', addDays(today, 410));
    await fire(first);
    expect((await record('p-ref')).reappointmentsDue).toEqual([]);

    await fire(corrected);
    expect((await record('p-ref')).reappointmentsDue).toEqual([
      expect.objectContaining({ termEnd: addDays(today, 410), refusal: null }),
    ]);
  });

  it('a decision number corrected alone still gives the notice when it is due', async () => {
    await recordPost('p-later', {
      positionId: 'pos-fix',
      from: addDays(today, -1400),
      termEnd: addDays(today, 420),
    });
    const timer = await timerFor('p-later', addDays(today, 420));
    await recordPost('p-later', {
      positionId: 'pos-fix',
      from: addDays(today, -1400),
      termEnd: addDays(today, 420),
      decisionRef: '7-QĐ',
    });
    await fire(timer);
    expect((await record('p-later')).reappointmentsDue).toEqual([
      expect.objectContaining({
        positionId: 'pos-fix',
        termEnd: addDays(today, 420),
        refusal: null,
      }),
    ]);
  });

  it('a post recorded to start after its notice day gets its notice on its first day, not at once', async () => {
    const from = addDays(today, 30);
    await recordPost('p-later', { positionId: 'pos-later', from, termEnd: addDays(today, 60) });
    const timer = await timerFor('p-later', addDays(today, 60));
    expect(timer.dueAt).toBe(`${from}T01:00:00.000Z`);
    expect(timer.payload.noticeOn).toBe(from);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(
      (await record('p-later')).reappointmentsDue.filter(
        (due: { positionId: string }) => due.positionId === 'pos-later',
      ),
    ).toEqual([]);
  });

  it('a notice whose case could not be opened is an inbox task naming the rule that refused it', async () => {
    const termEnd = addDays(today, 30);
    await t.app.get(RegistryService).runPersonCommand(
      'p-ref',
      {
        type: 'NoteReappointmentDue',
        data: {
          personId: 'p-ref',
          positionId: 'pos-deputy',
          termEnd,
          noticeOn: today,
          action: 'open_case',
          caseId: null,
          refusal: 'case.duplicate_open: a reappointment case is already open',
          orgUnitId: 'ou-town',
        },
      },
      metadata(),
    );
    const inbox = await eventually(
      () =>
        http()
          .get('/inbox')
          .set(staff())
          .expect(200)
          .then((r) => r.body.items),
      (items: { kind: string; personId: string }[]) =>
        items.some((item) => item.kind === 'task' && item.personId === 'p-ref'),
    );
    const task = inbox.find(
      (item: { kind: string; personId: string }) =>
        item.kind === 'task' && item.personId === 'p-ref',
    );
    expect(task).toMatchObject({
      kind: 'task',
      positionId: 'pos-deputy',
      dueOn: termEnd,
      refusalRule: 'case.duplicate_open',
    });
  });
});
