import request from 'supertest';
import { CommandBus } from '@nestjs/cqrs';
import { ApplyDisciplineDecisionToRecord } from '../../src/procedures/discipline/discipline-record.commands';
import {
  addDays,
  buildRegistry,
  eventually as shortly,
  townHeaders,
  vietnamToday,
} from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A decided discipline carried into the person's open appointment cases, each judged as vetting
 * judges it. A reprimand that takes the person off the planning pool flags the pool item of an
 * appointment vetted on an entry it removed (before, the item still read "cleared: planning pool
 * … for …" and the decision went through). Its bar on a higher post flags no case on a post not
 * higher than the one held (before, it did, and staff had to have it read again to clear it).
 * Delivered again, the workflow appends nothing.
 */
jest.setTimeout(240_000);

type Vetting = Record<string, { result: string; note: string; source?: string }>;

describe('a decided discipline carried into open appointment cases', () => {
  let t: TestApp;
  let h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const step = (caseId: string, stepId: string, who: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body);
  const vettingOf = (caseId: string) =>
    http()
      .get(`/cases/${caseId}`)
      .set(h.staff)
      .expect(200)
      .then((r) => r.body.vetting as Vetting);
  // The workflow runs on a loaded machine: a few rounds of waiting, as discipline-bar-ends does.
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean) => {
    let value = await shortly(read, done);
    for (let tries = 0; tries < 6 && !done(value); tries += 1) value = await shortly(read, done);
    return value;
  };
  const flagsFromRecord = (caseId: string) =>
    t.db.pool
      .query(
        "SELECT data, metadata FROM events WHERE stream_id LIKE $1 AND type = 'VettingItemFlaggedFromRecord.v1' ORDER BY global_position",
        [`%-${caseId}`],
      )
      .then((r) =>
        r.rows.map(
          (row) =>
            ({ ...row.data, metadata: row.metadata }) as {
              item: string;
              note: string;
              metadata: Record<string, string | null>;
            },
        ),
      );
  const nomination = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-2',
    members: 15,
    summoned: 15,
    present: 15,
    invalid: 0,
    candidates: [{ personId, votes: 12 }],
  });
  const ballot = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-3',
    tallies: [
      {
        personId,
        tally: { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 },
      },
    ],
  });
  const vetting = {
    heldOn: today,
    items: [
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
  };
  const decision = { heldOn: today, number: '215-QĐ/TU', signer: 'Bí thư', effectiveFrom: today };

  /** An appointment.internal case vetted with every item cleared (the pool entry among them). */
  async function vetted(caseId: string, positionId: string, personId: string) {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId,
        personId,
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm',
      })
      .expect(201);
    const round1 = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' };
    await step(caseId, 'leadership-round-1', 'staff', round1).expect(200);
    await step(caseId, 'expanded-nomination', 'secretary', nomination(personId)).expect(200);
    await step(caseId, 'leadership-round-2', 'secretary', ballot(personId)).expect(200);
    await step(caseId, 'key-officials-nomination', 'secretary', nomination(personId)).expect(200);
    await step(caseId, 'leadership-round-3', 'secretary', ballot(personId)).expect(200);
    const done = await step(caseId, 'vetting', 'staff', vetting).expect(200);
    const items = done.body.vetting as Vetting;
    expect(Object.values(items).map((entry) => entry.result)).not.toContain('flagged');
    expect(items.planning_pool.note).toMatch(/^planning pool \d{4}-\d{4} for pos-head/);
    // The case is on the person's record (a workflow writes it): a discipline decided then reaches it.
    type OnRecord = { openCases: { caseId: string }[] };
    const listed = (body: OnRecord) => body.openCases.some((open) => open.caseId === caseId);
    const onRecord = await eventually(
      () =>
        http()
          .get(`/cadres/${personId}`)
          .set(h.staff)
          .expect(200)
          .then((r) => r.body as OnRecord),
      listed,
    );
    expect(listed(onRecord)).toBe(true);
  }

  /** A civil servant's reprimand (discipline.civil-service), decided today: off the pool, bars a higher post. */
  async function decideReprimand(caseId: string, personId: string) {
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: caseId,
        definition: 'discipline.civil-service',
        personId,
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -30),
          description: 'x',
          source: 'report',
          severity: 'reprimand',
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
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    await http()
      .post(`/discipline-cases/${caseId}/steps/ballot`)
      .set(h.secretary)
      .send({ heldOn: today, minutesRef: 'B', tally: { ...tally, votesByForm: { reprimand: 5 } } })
      .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/steps/decision`)
      .set(h.leader)
      .send({ ...decision, number: `7-QĐ/${caseId}`, signer: 'Chủ tịch', form: 'reprimand' })
      .expect(200);
  }

  /** The decision delivered to the record again, under another seed. */
  const redeliver = (disciplineCaseId: string, seed: string) =>
    t.app.get(CommandBus).execute(
      new ApplyDisciplineDecisionToRecord(disciplineCaseId).withDispatch({
        idSeed: seed,
        metadata: {
          actorId: 'system:saga:discipline-record',
          correlationId: disciplineCaseId,
          causationId: null,
          occurredAt: new Date().toISOString(),
        },
        now: new Date(),
      }),
    );

  beforeAll(async () => {
    t = await startTestApp('discipline_into_cases', { RUN_WORKERS: 'true' });
    h = townHeaders(t, {
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    });
    const deputy = { positionId: 'pos-deputy', from: addDays(today, -1500), termEnd: null };
    await buildRegistry(t, h.staff, {
      positions: [
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-head', rank: 5 },
        { id: 'pos-low', rank: 2 },
      ],
      people: ['p-an', 'p-binh'].map((id) => ({ id, posts: [deputy], pool: ['pos-head'] })),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a lower post: the pool item is flagged and holds the decision back; the bar on a higher post flags nothing', async () => {
    await vetted('c-low', 'pos-low', 'p-binh');
    await decideReprimand('d-low', 'p-binh');
    const items = await eventually(
      () => vettingOf('c-low'),
      (v) => v.planning_pool.result === 'flagged',
    );
    expect(items.planning_pool).toMatchObject({ result: 'flagged', source: 'record' });
    expect(items.planning_pool.note).toMatch(
      new RegExp(
        `^discipline decided: reprimand \\(7-QĐ/d-low \\(${today}\\), case d-low\\), taken off the planning pool: pos-head \\d{4}-\\d{4} \\(.+\\)$`,
      ),
    );
    // The reprimand bars a higher post only: pos-low (rank 2) is not higher than pos-deputy (rank 4).
    expect(items.discipline_bar.result).toBe('cleared');
    const flags = await flagsFromRecord('c-low');
    expect(flags.map((f) => f.item)).toEqual(['planning_pool']);
    // Written by the discipline workflow, caused by the decision it carries.
    expect(flags[0].metadata.actorId).toBe('system:saga:discipline-record');
    expect(flags[0].metadata.correlationId).toBeTruthy();
    expect(flags[0].metadata.causationId).toBeTruthy();

    const refused = await step('c-low', 'decision', 'leader', decision).expect(422);
    expect(refused.body).toMatchObject({ rule: 'vetting.flagged_item_blocks_decision' });
    expect(refused.body.message).toMatch(/planning_pool|planning pool/);

    // Delivered again, under any seed: nothing more on the case.
    await redeliver('d-low', 'again-1');
    await redeliver('d-low', 'again-1');
    await redeliver('d-low', 'again-2');
    expect((await flagsFromRecord('c-low')).map((f) => f.item)).toEqual(['planning_pool']);

    // Staff resolve it (the pool item may be set aside), and the decision goes through.
    await http()
      .post('/cases/c-low/vetting/planning_pool/resolve')
      .set(h.staff)
      .send({ note: 'quy hoạch bổ sung đang trình' })
      .expect(200);
    await step('c-low', 'decision', 'leader', decision).expect(200);
  });

  it('a higher post: both the bar and the pool item are flagged', async () => {
    await vetted('c-high', 'pos-head', 'p-an');
    await decideReprimand('d-high', 'p-an');
    const items = await eventually(
      () => vettingOf('c-high'),
      (v) => v.planning_pool.result === 'flagged' && v.discipline_bar.result === 'flagged',
    );
    expect(items.discipline_bar.note).toMatch(
      /^discipline decided: reprimand \(.+, case d-high\), bars a higher post until /,
    );
    expect(items.planning_pool.note).toMatch(
      /^discipline decided: reprimand \(.+, case d-high\), taken off the planning pool: pos-head /,
    );
    await redeliver('d-high', 'again-1');
    expect((await flagsFromRecord('c-high')).map((f) => f.item).sort()).toEqual([
      'discipline_bar',
      'planning_pool',
    ]);
  });
});
