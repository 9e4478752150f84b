import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * A vetting entered in parts, with a flagged item resolved in between: the next part sending that
 * item again (as a form filled with what was recorded does) keeps its resolution, and sending it
 * changed is refused on the field that differs. Before, the item sent again replaced the recorded
 * one and its «Giải quyết» was lost, so the decision was held back by an item already resolved.
 */
describe('a vetting item sent again after it was recorded and resolved', () => {
  let t: TestApp;
  const today = vietnamToday();
  const caseId = 're-resent';
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  const staff = () => bearer('staff-1', ['organization_staff']);
  const tally = (members: number, forVotes: number) => ({
    members,
    summoned: members,
    present: members,
    for: forVotes,
    against: members - forVotes,
    abstain: 0,
    invalid: 0,
  });
  const health = { item: 'health', result: 'flagged', note: 'Chờ giấy chứng nhận sức khỏe' };
  const view = async () =>
    (await http().get(`/cases/${caseId}`).set(staff()).expect(200)).body as {
      currentStep: { id: string } | null;
      vetting: Record<string, { result: string; note: string; resolved?: unknown }>;
    };

  beforeAll(async () => {
    t = await startTestApp('vetting_item_sent_again');
    await buildRegistry(t, staff(), {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 4 }],
      people: [
        {
          id: 'p-first',
          dateOfBirth: '1980-05-05',
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1800), termEnd: addDays(today, 30) },
          ],
        },
      ],
    });
    await http()
      .post('/cases')
      .set(staff())
      .send({
        id: caseId,
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-first',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại',
      })
      .expect(201);
    const secretary = bearer('secretary-1', ['ballot_secretary']);
    const leader = bearer('leader-1', ['leadership']);
    const steps: [string, Record<string, string>, object][] = [
      ['self-assessment', staff(), { conclusion: 'ok' }],
      ['key-officials-confidence', secretary, { minutesRef: 'BB-1', tally: tally(40, 30) }],
      ['head-evaluation', leader, { conclusion: 'Recommended' }],
      ['leadership-ballot', secretary, { minutesRef: 'BB-2', tally: tally(13, 11) }],
    ];
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps the resolution when the item comes again unchanged, refuses it changed', async () => {
    await http()
      .post(`/cases/${caseId}/steps/vetting`)
      .set(staff())
      .send({ heldOn: today, items: [health] })
      .expect(200);
    await http()
      .post(`/cases/${caseId}/vetting/health/resolve`)
      .set(staff())
      .send({ note: 'Đã nộp giấy chứng nhận sức khỏe' })
      .expect(200);
    const resolved = (await view()).vetting.health.resolved;
    expect(resolved).toEqual({
      note: 'Đã nộp giấy chứng nhận sức khỏe',
      resolvedBy: 'staff-1',
      resolvedOn: today,
    });

    // The item changed: refused on the result that differs, nothing recorded.
    const changed = await http()
      .post(`/cases/${caseId}/steps/vetting`)
      .set(staff())
      .send({
        heldOn: today,
        items: [
          { item: 'background', result: 'cleared' },
          { ...health, result: 'cleared' },
        ],
      })
      .expect(422);
    expect(changed.body).toMatchObject({
      rule: 'vetting.item_already_recorded',
      field: 'items[1].result',
    });
    expect((await view()).vetting.background).toBeUndefined();

    // Sent again as recorded, with the rest: the rest is recorded, the resolution stays.
    await http()
      .post(`/cases/${caseId}/steps/vetting`)
      .set(staff())
      .send({
        heldOn: today,
        items: [
          health,
          { item: 'background', result: 'cleared' },
          { item: 'asset_declaration', result: 'cleared' },
          { item: 'political_standards', result: 'cleared' },
        ],
      })
      .expect(200);
    const after = await view();
    expect(after.vetting.health).toMatchObject({ result: 'flagged', resolved });
    expect(after.vetting.background.result).toBe('cleared');
    expect(after.currentStep?.id).not.toBe('vetting');
  });
});
