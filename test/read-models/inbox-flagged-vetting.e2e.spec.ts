import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A re-appointment whose vetting flagged the term's unrated years waits at its decision: the
 * leader's inbox lists the decision with the flagged items that hold it back (`flaggedItems`),
 * which the inbox shows as not ready to take (before: a plain «Quyết định», refused with 422
 * vetting.flagged_item_blocks_decision only after the form was sent). Resolving the item, or
 * correcting the vetting once the years are rated, clears it.
 */
describe('the inbox names the flagged vetting items holding a decision back', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (user: string, role: string) => ({
    Authorization: `Bearer ${t.token(user, [role], 'ou-ha-noi')}`,
  });
  const staff = () => as('staff-1', 'organization_staff');
  const secretary = () => as('secretary-1', 'ballot_secretary');
  const leader = () => as('leader-2', 'leadership');
  const from = addDays(today, -1500);
  const tally = (members: number, forVotes: number) => ({
    members,
    summoned: members,
    present: members,
    for: forVotes,
    against: members - forVotes,
    abstain: 0,
    invalid: 0,
  });
  const inboxItem = async (caseId: string) =>
    (await http().get('/inbox?procedure=reappointment').set(leader()).expect(200)).body.items.find(
      (item: { caseId: string }) => item.caseId === caseId,
    ) as { step: string; flaggedItems: string[] } | undefined;

  beforeAll(async () => {
    t = await startTestApp('inbox_flagged_vetting', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [
        { id: 'pos-a', rank: 4 },
        { id: 'pos-b', rank: 4 },
      ],
      people: [
        { id: 'p-a', posts: [{ positionId: 'pos-a', from, termEnd: addDays(today, 200) }] },
        { id: 'p-b', posts: [{ positionId: 'pos-b', from, termEnd: addDays(today, 200) }] },
      ],
    });
    for (const [caseId, personId, positionId] of [
      ['re-a', 'p-a', 'pos-a'],
      ['re-b', 'p-b', 'pos-b'],
    ]) {
      await http()
        .post('/cases')
        .set(staff())
        .send({
          id: caseId,
          procedure: 'reappointment',
          definition: 'reappointment.standard',
          personId,
          positionId,
          orgUnitId: 'ou-town',
          summary: 'Bổ nhiệm lại',
        })
        .expect(201);
      const steps: [string, Record<string, string>, Record<string, unknown>][] = [
        ['self-assessment', staff(), { conclusion: 'Tự nhận xét' }],
        ['key-officials-confidence', secretary(), { minutesRef: 'BB-1', tally: tally(40, 30) }],
        ['head-evaluation', leader(), { conclusion: 'Đề nghị' }],
        ['leadership-ballot', secretary(), { minutesRef: 'BB-2', tally: tally(13, 11) }],
        [
          'vetting',
          staff(),
          {
            items: ['background', 'asset_declaration', 'political_standards', 'health'].map(
              (item) => ({ item, result: 'cleared' }),
            ),
          },
        ],
      ];
      for (const [stepId, who, body] of steps)
        await http()
          .post(`/cases/${caseId}/steps/${stepId}`)
          .set(who)
          .send({ heldOn: today, ...body })
          .expect(200);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists the decision with the flagged item until staff resolve it', async () => {
    const held = await eventually(
      () => inboxItem('re-a'),
      (item) => item?.step === 'decision',
    );
    expect(held).toMatchObject({ step: 'decision', flaggedItems: ['term_rating'] });
    await http()
      .post('/cases/re-a/vetting/term_rating/resolve')
      .set(staff())
      .send({ note: 'Kết quả đánh giá các năm có tại Quyết định 12-QĐ/TU' })
      .expect(200);
    const cleared = await eventually(
      () => inboxItem('re-a'),
      (item) => item?.flaggedItems.length === 0,
    );
    expect(cleared).toMatchObject({ step: 'decision', flaggedItems: [] });
  });

  it('clears it when the vetting, corrected after the years were rated, reads them', async () => {
    expect(
      await eventually(
        () => inboxItem('re-b'),
        (item) => item?.step === 'decision',
      ),
    ).toMatchObject({ flaggedItems: ['term_rating'] });
    for (let year = Number(from.slice(0, 4)); year < Number(today.slice(0, 4)); year++)
      await http()
        .post('/cadres/p-b/ratings')
        .set(staff())
        .send({ year, rating: 'good', evaluatedOn: `${year}-12-20`, decisionRef: `${year}-QĐ` })
        .expect(201);
    const { body: view } = await http().get('/cases/re-b').set(staff()).expect(200);
    await http()
      .post('/cases/re-b/steps/vetting/corrections')
      .set(staff())
      .set('If-Match', `"${view.revision}"`)
      .send({
        heldOn: today,
        reason: 'Đã cập nhật kết quả đánh giá',
        items: ['background', 'asset_declaration', 'political_standards', 'health'].map((item) => ({
          item,
          result: 'cleared',
        })),
      })
      .expect(200);
    const cleared = await eventually(
      () => inboxItem('re-b'),
      (item) => item?.flaggedItems.length === 0,
    );
    expect(cleared).toMatchObject({ step: 'decision', flaggedItems: [] });
  });
});
