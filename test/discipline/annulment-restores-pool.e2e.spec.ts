import request from 'supertest';
import { CommandBus } from '@nestjs/cqrs';
import { ReviseDisciplineOnRecord } from '../../src/procedures/discipline/discipline-record.commands';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A discipline decision takes the person off the planning pool; its annulment on complaint puts
 * back what it took off, within the pool's seat limit (planning.maxPeoplePerPost: 3).
 */
describe('an annulled discipline decision and the planning pool', () => {
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

  beforeAll(async () => {
    t = await startTestApp('annulment-pool', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    })) {
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    }
    await buildRegistry(t, h.staff, {
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 5 },
        { id: 'pos-chief', rank: 5 },
      ],
      people: [
        {
          id: 'p-an',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -900), termEnd: addDays(today, 900) },
          ],
          pool: ['pos-head', 'pos-chief'],
        },
        { id: 'p-b', pool: ['pos-head'] },
        { id: 'p-c', pool: ['pos-head'] },
        { id: 'p-d' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function decideWarning(caseId: string) {
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: caseId,
        definition: 'discipline.civil-service',
        personId: 'p-an',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -30),
          description: 'x',
          source: 'report',
          severity: 'warning',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
      ['review', 'inspector', {}],
    ] as const) {
      await http()
        .post(`/discipline-cases/${caseId}/steps/${stepId}`)
        .set(h[who])
        .send({ heldOn: today, minutesRef: 'B', conclusion: 'x', ...extra })
        .expect(200);
    }
    await http()
      .post(`/discipline-cases/${caseId}/steps/ballot`)
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
          votesByForm: { warning: 5 },
        },
      })
      .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/steps/decision`)
      .set(h.leader)
      .send({
        heldOn: today,
        number: '7-QĐ',
        signer: 'Chủ tịch',
        form: 'warning',
        effectiveFrom: today,
      })
      .expect(200);
  }

  it('puts back the entries the decision removed where a seat is free, and says why not where it is not', async () => {
    await decideWarning('d-warn');
    const removed = await eventually(
      () => record('p-an'),
      (body) => body.planningPool.length === 0,
    );
    expect(removed.pastPlanningPool).toEqual([
      expect.objectContaining({ positionId: 'pos-head', caseId: 'd-warn' }),
      expect.objectContaining({ positionId: 'pos-chief', caseId: 'd-warn' }),
    ]);
    // Meanwhile the freed seat of pos-head goes to someone else: its pool is full again (3 of 3).
    await http()
      .post('/cadres/p-d/planning-pool')
      .set(h.staff)
      .send({ positionId: 'pos-head', term: '2025-2030', decisionRef: '130-QĐ/TU' })
      .expect(201);

    await http()
      .post('/discipline-cases/d-warn/complaints')
      .set(h.staff)
      .send({ filedOn: today, grounds: 'quá nặng' })
      .expect(200);
    await http()
      .post('/discipline-cases/d-warn/complaints/review')
      .set(h.leader)
      .send({ heldOn: today, number: '20-QĐ', outcome: 'annul', reason: 'không đủ căn cứ' })
      .expect(200);
    const annulled = await eventually(
      () => record('p-an'),
      (body) => body.planningRestorations.length === 2,
    );
    expect(annulled.planningPool).toEqual([
      { positionId: 'pos-chief', term: '2025-2030', decisionRef: '112-QĐ/TU' },
    ]);
    const annulment = `20-QĐ (${today})`;
    expect(annulled.planningRestorations).toEqual([
      {
        caseId: 'd-warn',
        positionId: 'pos-head',
        term: '2025-2030',
        restored: false,
        decisionRef: annulment,
        reason: expect.stringMatching(
          /^planning_pool\.post_full: .*3 of 3 people in term 2025-2030 \(p-b, p-c, p-d\)/,
        ),
      },
      {
        caseId: 'd-warn',
        positionId: 'pos-chief',
        term: '2025-2030',
        restored: true,
        decisionRef: annulment,
        reason: null,
      },
    ]);
    const { rows } = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM planning_pool_entries WHERE position_id = 'pos-head'",
    );
    expect(rows[0].n).toBe(3);

    // The annulment delivered again, under the saga's seed or another: nothing more is written.
    const commands = t.app.get(CommandBus);
    const redeliver = (seed: string) =>
      commands.execute(
        new ReviseDisciplineOnRecord('d-warn').withDispatch({
          idSeed: seed,
          metadata: {
            actorId: 'system:saga:discipline-record',
            correlationId: 'd-warn',
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
          now: new Date(),
        }),
      );
    await redeliver('redelivery-1');
    await redeliver('redelivery-1');
    await redeliver('redelivery-2');
    const again = await record('p-an');
    expect(again.revision).toBe(annulled.revision);
    expect(again.planningRestorations).toEqual(annulled.planningRestorations);
  });
});
