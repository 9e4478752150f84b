import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 200 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

interface CatalogRuleSet {
  id: string;
  track?: string;
  effectiveFrom: string;
  effectiveTo?: string;
  pinnedOnly?: boolean;
  params: Record<string, { value: unknown }>;
}

/**
 * A case that began on paper before the unit adopted the service is entered as of the day it
 * began, by a records clerk, with the paper file's reference: it keeps the rules of that day.
 */
describe('a case opened as of a past day (kept on paper until now)', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(userId, roles, 'ou-town')}`,
  });
  const staff = () => as('staff-1', ['organization_staff']);
  const clerk = () => as('clerk-1', ['organization_staff', 'records_clerk']);
  const body = (overrides: Record<string, unknown> = {}) => ({
    procedure: 'appointment',
    definition: 'appointment.internal',
    personId: 'p-a',
    positionId: 'pos-head',
    orgUnitId: 'ou-town',
    summary: 'Bổ nhiệm Trưởng phòng (hồ sơ giấy)',
    openedOn: '2025-06-15',
    paperRecordRef: 'HS-2025/017',
    ...overrides,
  });
  // What an opening of p-a to pos-head (its id chosen by the service) writes: its slot, its id's
  // reservation, its case's stream. Only what requests wrote there: the workers write as
  // `system:…` (the other cases' sagas and timers), and keep writing while this runs.
  const eventCount = () =>
    streamEventCount(
      t.db.pool,
      ['caseslot-appointment/p-a/pos-head', 'caseid-%', 'appointment-%'],
      {
        requestsOnly: true,
      },
    );
  let ruleSets: CatalogRuleSet[];
  const stateSetOn = (day: string) =>
    ruleSets.find(
      (set) =>
        set.track === 'state' &&
        !set.pinnedOnly &&
        set.effectiveFrom <= day &&
        (!set.effectiveTo || day <= set.effectiveTo),
    )!;

  beforeAll(async () => {
    t = await startTestApp('paper_cases', { RUN_WORKERS: 'true' });
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
        { id: 'p-b' },
      ],
    });
    ruleSets = (await http().get('/catalog').set(staff()).expect(200)).body.ruleSets;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is refused without the records clerk role, without the paper reference, or in the future; nothing written', async () => {
    const before = await eventCount();
    const notClerk = await http().post('/cases').set(staff()).send(body()).expect(403);
    expect(notClerk.body).toMatchObject({
      rule: 'case.opened_on_needs_records_clerk',
      field: 'openedOn',
    });
    const noRef = await http()
      .post('/cases')
      .set(clerk())
      .send(body({ paperRecordRef: undefined }))
      .expect(400);
    expect(noRef.body.field).toBe('paperRecordRef');
    const future = await http()
      .post('/cases')
      .set(clerk())
      .send(body({ openedOn: addDays(today, 2) }))
      .expect(400);
    expect(future.body).toMatchObject({ rule: 'case.opened_in_the_future', field: 'openedOn' });
    const noRules = await http()
      .post('/cases')
      .set(clerk())
      .send(body({ openedOn: '2015-01-05' }))
      .expect(422);
    expect(noRules.body).toMatchObject({ rule: 'rule_set.none_in_force', field: 'openedOn' });
    expect(await eventCount()).toBe(before);
  });

  it('keeps the rule set and definition in force on the day it began; steps carry their real dates', async () => {
    const before1Jul = stateSetOn('2025-06-15');
    expect(before1Jul.id).not.toBe(stateSetOn(today).id);
    // Before Luật Cán bộ, công chức 2025 and Nghị định 172/2025: demotion still bars a higher post.
    expect(before1Jul.params['discipline.barMonths'].value).toHaveProperty('demotion', 24);
    expect(stateSetOn(today).params['discipline.barMonths'].value).not.toHaveProperty('demotion');

    const opened = await http()
      .post('/cases')
      .set(clerk())
      .send(body({ id: 'c-paper' }))
      .expect(201);
    expect(opened.body).toMatchObject({
      openedOn: '2025-06-15',
      ruleSet: before1Jul.id,
      definition: 'appointment.internal@1',
      recordedFromPaper: { paperRecordRef: 'HS-2025/017', recordedOn: today },
      // 15 working days from Sunday 15 June 2025.
      currentStep: { id: 'leadership-round-1', dueOn: '2025-07-04' },
    });
    // A first step before the day the case began on paper dates its history backwards.
    const beforeItBegan = await http()
      .post('/cases/c-paper/steps/leadership-round-1')
      .set(staff())
      .send({ heldOn: '2020-01-01', minutesRef: 'BB-01', conclusion: 'Thống nhất chủ trương' })
      .expect(400);
    expect(beforeItBegan.body).toMatchObject({
      rule: 'step.held_before_opening',
      field: 'heldOn',
      detail:
        'heldOn: 2020-01-01 is before 2025-06-15, the day the case began (openedOn, from paper)',
    });
    const step = await http()
      .post('/cases/c-paper/steps/leadership-round-1')
      .set(staff())
      .send({ heldOn: '2025-06-20', minutesRef: 'BB-01', conclusion: 'Thống nhất chủ trương' })
      .expect(200);
    // The next step became current on 20 June 2025: 15 working days from then.
    expect(step.body.currentStep).toMatchObject({ id: 'expanded-nomination', dueOn: '2025-07-11' });
    expect(step.body.ruleSet).toBe(before1Jul.id);

    // The external source's version 2 follows Nghị định 170/2025 (from 1 Jul 2025): not for June.
    const external = await http()
      .post('/cases')
      .set(clerk())
      .send(body({ id: 'c-paper-ext', definition: 'appointment.external', personId: 'p-b' }))
      .expect(201);
    expect(external.body.definition).toBe('appointment.external@1');
    const pinnedVersion = await http()
      .post('/cases')
      .set(clerk())
      .send(
        body({ definition: 'appointment.external@2', personId: 'p-b', positionId: 'pos-deputy' }),
      )
      .expect(422);
    expect(pinnedVersion.body).toMatchObject({
      rule: 'definition.not_in_force',
      field: 'definition',
    });
  });

  it("opened today by staff, takes no first step dated before today, nor a correction to one; the clerk's opening is the way to an earlier start", async () => {
    await http()
      .post('/cases')
      .set(staff())
      .send(
        body({
          id: 'c-st-2',
          personId: 'p-b',
          positionId: 'pos-deputy',
          openedOn: undefined,
          paperRecordRef: undefined,
        }),
      )
      .expect(201);
    const meeting = (heldOn: string) => ({ heldOn, minutesRef: 'BB-01', conclusion: 'ok' });
    // Before: 200, a case opened today whose first conference sat in 2020.
    for (const heldOn of ['2020-01-01', addDays(today, -1)]) {
      const refused = await http()
        .post('/cases/c-st-2/steps/leadership-round-1')
        .set(staff())
        .send(meeting(heldOn))
        .expect(400);
      expect(refused.body).toMatchObject({ rule: 'step.held_before_opening', field: 'heldOn' });
      expect(refused.body.detail).toBe(
        `heldOn: ${heldOn} is before ${today}, the day the case was opened (openedOn); a case that began earlier on paper is opened by a records clerk as of the day it began`,
      );
    }
    const unchanged = await http().get('/cases/c-st-2').set(staff()).expect(200);
    expect(unchanged.body).toMatchObject({ revision: 0, steps: [] });
    await http()
      .post('/cases/c-st-2/steps/leadership-round-1')
      .set(staff())
      .send(meeting(today))
      .expect(200);
    // A correction takes the step again on the case as it stood: the same day rule holds.
    const moved = await http()
      .post('/cases/c-st-2/steps/leadership-round-1/corrections')
      .set(staff())
      .send({ ...meeting('2020-01-01'), reason: 'ngày họp ghi nhầm' })
      .expect(400);
    expect(moved.body).toMatchObject({ rule: 'step.held_before_opening', field: 'heldOn' });
  });

  it('is audited: who entered it, with which roles, from which paper file, as of which day', async () => {
    const auditor = as('auditor-1', ['auditor']);
    const history = await eventually(
      async () => (await http().get('/cases/c-paper/history').set(auditor)).body,
      (body) => body.events?.length === 2,
    );
    expect(history.events[0]).toMatchObject({
      type: 'CaseOpened',
      actorId: 'clerk-1',
      roles: ['organization_staff', 'records_clerk'],
      ruleSet: stateSetOn('2025-06-15').id,
      data: {
        openedOn: '2025-06-15',
        recordedFromPaper: { paperRecordRef: 'HS-2025/017', recordedOn: today },
      },
    });
    const { rows } = await t.db.pool.query(
      `SELECT metadata->>'openedAsOf' AS "openedAsOf" FROM events WHERE stream_id = 'appointment-c-paper' AND revision = 0`,
    );
    expect(rows).toEqual([{ openedAsOf: '2025-06-15' }]);
    // Deadlines that had passed before the steps were typed in are not "missed" by a timer firing now.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const missed = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM events WHERE stream_id = 'appointment-c-paper' AND type LIKE 'DeadlineMissed%'`,
    );
    expect(missed.rows[0].n).toBe(0);
  });
});
