import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The seeded rules with one change: a reprimand keeps the planning pool. The seeded Quy định
 * 377-QĐ/TW takes a cadre off the pool for every form, so a review reducing removal from post to
 * reprimand would keep the entries off; `planning.formsLeavingPool` is the rule set's to say.
 */
function ruleSetsWhereReprimandKeepsThePool(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cadreflow-rule-sets-'));
  cpSync('seeds/rule-sets', dir, { recursive: true });
  const file = join(dir, 'instruments', 'qd-377-tw-2025.json');
  const instrument = JSON.parse(readFileSync(file, 'utf8'));
  const pool = instrument.params['planning.formsLeavingPool'];
  pool.value = pool.value.filter((form: string) => form !== 'reprimand');
  writeFileSync(file, JSON.stringify(instrument, null, 2));
  return dir;
}

/**
 * Removal from post (cách chức) ends the post and takes the person off the pool; a complaint
 * review reducing it to a reprimand (khiển trách) gives back what the reprimand would not have
 * taken: the post on its own term, and the pool entries where a seat is free.
 */
describe('a complaint review to a lighter form gives back what only the heavier form took', () => {
  let t: TestApp;
  let ruleSets: string;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const postFrom = addDays(today, -900);
  const termEnd = addDays(today, 900);
  const http = () => request(t.server as never);
  const record = (personId: string) =>
    http()
      .get(`/cadres/${personId}`)
      .set(h.staff)
      .expect(200)
      .then((r) => r.body);

  beforeAll(async () => {
    ruleSets = ruleSetsWhereReprimandKeepsThePool();
    t = await startTestApp('review-gives-back', { RUN_WORKERS: 'true', RULE_SETS_DIR: ruleSets });
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
          posts: [{ positionId: 'pos-deputy', from: postFrom, termEnd }],
          pool: ['pos-head', 'pos-chief'],
        },
        { id: 'p-b', pool: ['pos-head'] },
        { id: 'p-c', pool: ['pos-head'] },
        { id: 'p-d' },
        { id: 'p-e' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
    if (ruleSets) rmSync(ruleSets, { recursive: true, force: true });
  });

  async function decideRemovalFromPost(
    caseId: string,
    personId = 'p-an',
    positionId = 'pos-deputy',
  ) {
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: caseId,
        definition: 'discipline.party',
        personId,
        positionId,
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land',
          committedOn: addDays(today, -60),
          description: 'Giao đất sai thẩm quyền',
          source: 'inspection',
          severity: 'removal_from_post',
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
        .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: stepId, ...extra })
        .expect(200);
    }
    await http()
      .post(`/discipline-cases/${caseId}/steps/ballot`)
      .set(h.secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-KP',
        tally: {
          members: 13,
          summoned: 13,
          present: 13,
          invalid: 0,
          noDiscipline: 4,
          votesByForm: { removal_from_post: 9 },
        },
      })
      .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/steps/decision`)
      .set(h.leader)
      .send({
        heldOn: today,
        number: '45-QĐ/UBKT',
        signer: 'Chủ nhiệm UBKT',
        form: 'removal_from_post',
        effectiveFrom: today,
      })
      .expect(200);
  }

  it('removal from post reduced to reprimand: the post is held again on its term, the pool entries come back where a seat is free and the record says why not where none is', async () => {
    await decideRemovalFromPost('d-remove');
    const removed = await eventually(
      () => record('p-an'),
      (body) => body.posts.length === 0 && body.planningPool.length === 0,
    );
    expect(removed.pastPosts).toEqual([
      expect.objectContaining({ positionId: 'pos-deputy', endedOn: today }),
    ]);
    // Meanwhile the freed seat of pos-head goes to someone else: its pool is full again (3 of 3).
    await http()
      .post('/cadres/p-d/planning-pool')
      .set(h.staff)
      .send({ positionId: 'pos-head', term: '2025-2030', decisionRef: '130-QĐ/TU' })
      .expect(201);

    await http()
      .post('/discipline-cases/d-remove/complaints')
      .set(h.staff)
      .send({ filedOn: today, grounds: 'hình thức quá nặng' })
      .expect(200);
    await http()
      .post('/discipline-cases/d-remove/complaints/review')
      .set(h.leader)
      .send({
        heldOn: today,
        number: '12-QĐ/TU',
        outcome: 'change',
        form: 'reprimand',
        reason: 'giảm hình thức kỷ luật',
      })
      .expect(200);
    const review = `12-QĐ/TU (${today})`;

    const after = await eventually(
      () => record('p-an'),
      (body) => body.postRestorations?.length === 1 && body.planningRestorations.length === 2,
    );
    // Before: the post stayed ended and both entries stayed off after the reprimand.
    expect(after.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-deputy', from: postFrom, termEnd }),
    ]);
    expect(after.pastPosts).toEqual([]);
    expect(after.postRestorations).toEqual([
      {
        caseId: 'd-remove',
        positionId: 'pos-deputy',
        endedOn: today,
        restored: true,
        decisionRef: review,
        reason: null,
      },
    ]);
    expect(after.discipline[0]).toMatchObject({
      form: 'reprimand',
      decisionRef: expect.stringMatching(/^45-QĐ\/UBKT/),
      revisedByRef: review,
    });
    expect(after.planningPool).toEqual([
      { positionId: 'pos-chief', term: '2025-2030', decisionRef: '112-QĐ/TU' },
    ]);
    expect(after.planningRestorations).toEqual([
      {
        caseId: 'd-remove',
        positionId: 'pos-head',
        term: '2025-2030',
        restored: false,
        decisionRef: review,
        reason: expect.stringMatching(
          /^planning_pool\.post_full: .*3 of 3 people in term 2025-2030 \(p-b, p-c, p-d\)/,
        ),
      },
      {
        caseId: 'd-remove',
        positionId: 'pos-chief',
        term: '2025-2030',
        restored: true,
        decisionRef: review,
        reason: null,
      },
    ]);
    // The reports count the post held again (the registry's own index of posts).
    const { rows } = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM person_posts WHERE person_id = 'p-an' AND position_id = 'pos-deputy'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('removal from a one-seat post reduced to reprimand: a successor seated meanwhile keeps the seat, the record says why the post is not given back', async () => {
    await http()
      .post('/positions')
      .set(h.staff)
      .send({
        id: 'pos-office',
        title: 'Chánh Văn phòng',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 4,
        seats: 1,
      })
      .expect(201);
    await http()
      .post('/cadres/p-e/posts')
      .set(h.staff)
      .send({ positionId: 'pos-office', from: postFrom, termEnd, decisionRef: '20-QĐ/UBND' })
      .expect(201);
    await decideRemovalFromPost('d-office', 'p-e', 'pos-office');
    await eventually(
      () => record('p-e'),
      (body) => body.posts.length === 0,
    );
    // The seat is free from the day the post ended: a successor is appointed to it.
    await http()
      .post('/cadres/p-d/posts')
      .set(h.staff)
      .send({ positionId: 'pos-office', from: today, termEnd: null, decisionRef: '31-QĐ/UBND' })
      .expect(201);
    await http()
      .post('/discipline-cases/d-office/complaints')
      .set(h.staff)
      .send({ filedOn: today, grounds: 'hình thức quá nặng' })
      .expect(200);
    await http()
      .post('/discipline-cases/d-office/complaints/review')
      .set(h.leader)
      .send({
        heldOn: today,
        number: '13-QĐ/TU',
        outcome: 'change',
        form: 'reprimand',
        reason: 'giảm hình thức kỷ luật',
      })
      .expect(200);
    const after = await eventually(
      () => record('p-e'),
      (body) => body.postRestorations?.length === 1,
    );
    // Before: given back beside the successor, two holders of a one-seat post.
    expect(after.posts).toEqual([]);
    expect(after.postRestorations).toEqual([
      expect.objectContaining({
        positionId: 'pos-office',
        restored: false,
        reason: expect.stringMatching(
          new RegExp(
            `^post\\.held_by_another: Chánh Văn phòng \\(pos-office\\) is held on ${today} by 1 of 1 seat: Người p-d \\(p-d\\)`,
          ),
        ),
      }),
    ]);
  });
});
