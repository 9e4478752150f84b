import request from 'supertest';
import { CommandBus } from '@nestjs/cqrs';
import { AssignPostFromDecision } from '../../src/procedures/case/record/case-record.commands';
import { sagaIdSeed } from '../../src/sagas/saga-outputs';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 100 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** Taking up a post ends the appointee's planning-pool entry for it, and frees its place. */
describe('an appointee leaves the planning pool for the post taken up', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const record = (personId: string) =>
    http()
      .get(`/cadres/${personId}`)
      .set(h.staff)
      .expect(200)
      .then((r) => r.body);
  const plan = (personId: string) =>
    http()
      .post(`/cadres/${personId}/planning-pool`)
      .set(h.staff)
      .send({ positionId: 'pos-head', term: '2025-2030', decisionRef: '112-QĐ/TU' });

  beforeAll(async () => {
    t = await startTestApp('appointment_leaves_pool', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    })) {
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    }
    const deputy = { positionId: 'pos-deputy', from: addDays(today, -900), termEnd: null };
    await buildRegistry(t, h.staff, {
      positions: [
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-head', rank: 5 },
      ],
      people: [
        // The post's three places (planning.maxPeoplePerPost) are taken.
        { id: 'p-an', posts: [deputy], pool: ['pos-head'] },
        { id: 'p-binh', pool: ['pos-head'] },
        { id: 'p-cuong', pool: ['pos-head'] },
        { id: 'p-dung' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const tally = (forVotes: number) => ({
    members: 13,
    summoned: 13,
    present: 13,
    for: forVotes,
    against: 13 - forVotes,
    abstain: 0,
    invalid: 0,
  });
  const nomination = {
    minutesRef: 'BB-N',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId: 'p-an', votes: 17 },
      { personId: 'p-binh', votes: 7 },
    ],
  };
  const vetting = {
    items: [
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
  };

  const appoint = async (caseId: string) => {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-an',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Fill the post of head',
      })
      .expect(201);
    const steps: [string, string, object][] = [
      ['leadership-round-1', 'staff', { minutesRef: 'BB-1', conclusion: 'agreed' }],
      ['expanded-nomination', 'secretary', nomination],
      ['leadership-round-2', 'secretary', { minutesRef: 'BB-2', tally: tally(10) }],
      ['key-officials-nomination', 'secretary', nomination],
      ['leadership-round-3', 'secretary', { minutesRef: 'BB-3', tally: tally(10) }],
      ['vetting', 'staff', vetting],
      ['decision', 'leader', { number: '215-QĐ/TU', signer: 'Bí thư', effectiveFrom: today }],
    ];
    for (const [step, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${step}`)
        .set(h[who])
        .send({ heldOn: today, ...body })
        .expect(200);
  };

  it('the appointee’s entry for the post ends on the record, and another person takes the place', async () => {
    const full = await plan('p-dung').expect(422);
    expect(full.body).toMatchObject({ rule: 'planning_pool.post_full' });

    await appoint('c-head');
    const appointed = await eventually(
      () => record('p-an'),
      (body) => body.posts.some((p: { positionId: string }) => p.positionId === 'pos-head'),
    );
    // Before: the holder kept the entry, and one of the post's three places with it.
    expect(appointed.planningPool).toEqual([]);
    const { rows: removed } = await t.db.pool.query(
      "SELECT data FROM events WHERE stream_id = 'cadre-p-an' AND type LIKE 'PlanningPoolEntryRemoved.%'",
    );
    expect(removed.map((r) => r.data)).toEqual([
      {
        personId: 'p-an',
        positionId: 'pos-head',
        decisionRef: `215-QĐ/TU (${today})`,
        reason: 'took up the post (case c-head); planned for it in 2025-2030 by 112-QĐ/TU',
      },
    ]);

    await plan('p-dung').expect(201);
    const dung = await record('p-dung');
    expect(dung.planningPool).toEqual([
      expect.objectContaining({ positionId: 'pos-head', term: '2025-2030' }),
    ]);
    const report = await eventually(
      async () => (await http().get('/reports/personnel').set(h.staff).expect(200)).body,
      (body) => body.planningPool.entries === 3,
    );
    expect(report.planningPool).toMatchObject({ entries: 3 });
  });

  it('a redelivered decision writes nothing more on the record', async () => {
    const before = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'cadre-p-an'",
    );
    const { rows } = await t.db.pool.query(
      "SELECT event_id AS id FROM events WHERE stream_id = 'appointment-c-head' AND type LIKE 'DecisionIssued.%'",
    );
    const dispatch = {
      idSeed: sagaIdSeed('case-record', rows[0].id, 'assign'),
      now: new Date(),
      metadata: {
        actorId: 'system:saga:case-record',
        correlationId: 'c',
        causationId: rows[0].id,
        occurredAt: new Date().toISOString(),
      },
    };
    const command = new AssignPostFromDecision('appointment-c-head').withDispatch(dispatch);
    await t.app.get(CommandBus).execute(command);
    await t.app.get(CommandBus).execute(command);
    const after = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'cadre-p-an'",
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect((await record('p-an')).planningPool).toEqual([]);
  });
});
