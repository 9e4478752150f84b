import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A decision that moves a person who holds an elected post (Phó Chủ tịch UBND xã): the council
 * that elected them relieves it (miễn nhiệm), not the Party committee's rotation decision, so the
 * record keeps it and the decision names it as awaiting the council. Before: 300-QĐ/TU ended it
 * on the record the day the rotation took effect. A transfer (điều động) by the competent
 * authority needs no relief by the council and still ends it; kiêm nhiệm keeps every post.
 */
describe('an elected post and a decision that moves its holder', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('elected_post_kept', { RUN_WORKERS: 'true' });
    staff = {
      Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-province')}`,
    };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-province')}`,
    };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-province')}` };
    await buildRegistry(t, staff, {
      within: { id: 'ou-province', name: 'Tỉnh Demo', kind: 'province' },
      positions: [
        { id: 'pos-head-culture', rank: 5 },
        { id: 'pos-deputy-office', rank: 4 },
        { id: 'pos-head-economy', rank: 5 },
      ],
      people: [
        { id: 'p-giang', dateOfBirth: '1985-03-03', pool: ['pos-head-culture'] },
        { id: 'p-hoa', dateOfBirth: '1984-04-04' },
        { id: 'p-kiem', dateOfBirth: '1986-05-05', pool: ['pos-head-economy'] },
      ],
    });
    // The elected posts are a commune's: a rotation leads to another unit (rotation.same_unit).
    await http()
      .post('/org-units')
      .set(staff)
      .send({ id: 'ou-commune', name: 'Xã Demo', kind: 'commune', parentId: 'ou-province' })
      .expect(201);
    for (const [id, holder] of [
      ['pos-vice-chair-a', 'p-giang'],
      ['pos-vice-chair-b', 'p-hoa'],
      ['pos-vice-chair-c', 'p-kiem'],
    ]) {
      await http()
        .post('/positions')
        .set(staff)
        .send({
          id,
          title: `Phó Chủ tịch UBND xã ${id.slice(-1).toUpperCase()}`,
          orgUnitId: 'ou-commune',
          appointingAuthority: 'ou-commune',
          rank: 4,
          filledBy: 'election',
        })
        .expect(201);
      await http()
        .post(`/cadres/${holder}/posts`)
        .set(staff)
        .send({
          positionId: id,
          from: addDays(today, -600),
          termEnd: null,
          decisionRef: 'NQ 05/NQ-HĐND',
          electedOn: addDays(today, -600),
        })
        .expect(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const step = (caseId: string, stepId: string, who: Record<string, string>, body: object) =>
    http()
      .post(`/cases/${caseId}/steps/${stepId}`)
      .set(who)
      .send({ heldOn: today, ...body })
      .expect(200);
  const cleared = {
    items: ['background', 'asset_declaration', 'political_standards'].map((item) => ({
      item,
      result: 'cleared',
    })),
  };
  const tally = { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 };

  async function rotate(caseId: string, personId: string, positionId: string, decision: object) {
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: caseId,
        procedure: 'rotation',
        definition: 'rotation.standard',
        personId,
        positionId,
        orgUnitId: 'ou-town',
        summary: 'Luân chuyển',
      })
      .expect(201);
    await step(caseId, 'proposal', staff, { summary: 'Luân chuyển' });
    await step(caseId, 'discussion', staff, { minutesRef: 'BB-1', conclusion: 'Thống nhất' });
    await step(caseId, 'meet-person', leader, { conclusion: 'Đã gặp', personOpinion: 'Đồng ý' });
    await step(caseId, 'vetting', staff, cleared);
    await step(caseId, 'leadership-vote', secretary, { minutesRef: 'BB-2', tally });
    return step(caseId, 'decision', leader, {
      signer: 'Bí thư',
      effectiveFrom: today,
      ...decision,
    });
  }

  /** The posts held on the record once the decision's saga has written the new one. */
  async function postsOnceAssigned(personId: string, positionId: string): Promise<string[]> {
    for (let tries = 0; tries < 200; tries += 1) {
      const record = await http().get(`/cadres/${personId}`).set(staff).expect(200);
      const posts: { positionId: string }[] = record.body.posts ?? [];
      if (posts.some((post) => post.positionId === positionId))
        return posts.map((post) => post.positionId).sort();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${personId} never took up ${positionId}`);
  }

  it("a rotation keeps the elected post, awaiting the council's relief, and says so in the decision", async () => {
    const decided = await rotate('rot-giang', 'p-giang', 'pos-head-culture', {
      number: '300-QĐ/TU',
      termYears: 3,
    });
    expect(decided.body.decision.electedPostsKept).toEqual([
      { positionId: 'pos-vice-chair-a', title: 'Phó Chủ tịch UBND xã A' },
    ]);
    expect(await postsOnceAssigned('p-giang', 'pos-head-culture')).toEqual([
      'pos-head-culture',
      'pos-vice-chair-a',
    ]);
    const record = await http().get('/cadres/p-giang').set(staff).expect(200);
    expect(record.body.pastPosts ?? []).toEqual([]);
  });

  it('kiêm nhiệm on a rotation keeps every post and names none as awaiting the council', async () => {
    const decided = await rotate('rot-kiem', 'p-kiem', 'pos-head-economy', {
      number: '301-QĐ/TU',
      keepsPreviousPost: true,
    });
    expect(decided.body.decision).toMatchObject({ keepsPreviousPost: true });
    expect(decided.body.decision.electedPostsKept).toBeUndefined();
    expect(await postsOnceAssigned('p-kiem', 'pos-head-economy')).toEqual([
      'pos-head-economy',
      'pos-vice-chair-c',
    ]);
  });

  it('a transfer (điều động) by the competent authority ends the elected post without the council', async () => {
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'tr-hoa',
        procedure: 'transfer',
        definition: 'transfer.standard',
        personId: 'p-hoa',
        positionId: 'pos-deputy-office',
        orgUnitId: 'ou-town',
        summary: 'Điều động',
      })
      .expect(201);
    await step('tr-hoa', 'consult-receiving-unit', staff, { minutesRef: 'BB-1', conclusion: 'Ok' });
    await step('tr-hoa', 'candidate-unit-ballot', secretary, { minutesRef: 'BB-2', tally });
    await step('tr-hoa', 'evaluation-and-meeting', staff, { minutesRef: 'BB-3', conclusion: 'Ok' });
    await step('tr-hoa', 'vetting', staff, cleared);
    const decided = await step('tr-hoa', 'decision', leader, {
      number: '77/QĐ-UBND',
      signer: 'Chủ tịch UBND tỉnh',
      effectiveFrom: today,
    });
    expect(decided.body.decision.electedPostsKept).toBeUndefined();
    expect(await postsOnceAssigned('p-hoa', 'pos-deputy-office')).toEqual(['pos-deputy-office']);
  });
});
