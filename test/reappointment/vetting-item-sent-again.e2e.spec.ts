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
  const people = ['p-first', 'p-second', 'p-third', 'p-fourth', 'p-fifth'];
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
  const view = async (id = caseId) =>
    (await http().get(`/cases/${id}`).set(staff()).expect(200)).body as {
      revision: number;
      currentStep: { id: string } | null;
      allowedNext: { action: string; stepId?: string; item?: string }[];
      vetting: Record<string, { result: string; note: string; resolved?: unknown }>;
    };
  const part = (id: string, items: object[]) =>
    http().post(`/cases/${id}/steps/vetting`).set(staff()).send({ heldOn: today, items });
  const correction = async (id: string, items: object[], status: number) => {
    const { revision } = await view(id);
    return http()
      .post(`/cases/${id}/steps/vetting/corrections`)
      .set(staff())
      .set('If-Match', `"${revision}"`)
      .send({ heldOn: today, items, reason: 'Ghi nhầm kết quả thẩm định' })
      .expect(status);
  };
  const backgroundFlagged = { item: 'background', result: 'flagged', note: 'Lý lịch chưa rõ' };

  beforeAll(async () => {
    t = await startTestApp('vetting_item_sent_again');
    await buildRegistry(t, staff(), {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: people.map((_, index) => ({ id: `pos-head-${index}`, rank: 4 })),
      people: people.map((id, index) => ({
        id,
        dateOfBirth: '1980-05-05',
        posts: [
          {
            positionId: `pos-head-${index}`,
            from: addDays(today, -1800),
            termEnd: addDays(today, 30),
          },
        ],
      })),
    });
    await atVetting(caseId, 0);
  });

  /** A re-appointment case of the index-th person, brought to its vetting. */
  const atVetting = async (id: string, index: number) => {
    await http()
      .post('/cases')
      .set(staff())
      .send({
        id,
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: people[index],
        positionId: `pos-head-${index}`,
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
        .post(`/cases/${id}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  };

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

  it('writes nothing for a part sending only what is recorded, and the vetting stays correctable', async () => {
    const id = 're-unchanged';
    await atVetting(id, 1);
    await part(id, [health, { item: 'background', result: 'cleared' }]).expect(200);
    const before = await view(id);

    const again = await part(id, [{ item: 'background', result: 'cleared' }]).expect(200);
    expect(again.body.revision).toBe(before.revision);
    expect((await view(id)).revision).toBe(before.revision);

    // The part that recorded the item is still the one a correction replaces.
    await correction(id, [health, backgroundFlagged], 200);
    expect((await view(id)).vetting.background).toMatchObject({
      result: 'flagged',
      note: backgroundFlagged.note,
    });
  });

  it("changes through the vetting's correction an item an earlier part recorded", async () => {
    const id = 're-earlier-part';
    await atVetting(id, 2);
    await part(id, [{ item: 'background', result: 'cleared' }]).expect(200);
    await part(id, [health]).expect(200);

    await correction(id, [health, backgroundFlagged], 200);
    const after = await view(id);
    expect(after.vetting.background).toMatchObject({
      result: 'flagged',
      note: backgroundFlagged.note,
    });
    expect(after.vetting.health).toMatchObject({ result: 'flagged', note: health.note });

    // A part may not change it again; the refusal names the correction.
    const refused = await part(id, [{ item: 'background', result: 'cleared' }]).expect(422);
    expect(refused.body).toMatchObject({ rule: 'vetting.item_already_recorded' });
    expect(refused.body.detail).toContain('correct the vetting step');
  });

  it('keeps a note trimmed, so the same item sent trimmed or with a null note is unchanged', async () => {
    const id = 're-trimmed';
    await atVetting(id, 3);
    await part(id, [
      { ...health, note: `  ${health.note}\n` },
      { item: 'background', result: 'cleared' },
    ]).expect(200);
    const before = await view(id);
    expect(before.vetting.health.note).toBe(health.note);

    await part(id, [health, { item: 'background', result: 'cleared', note: null }]).expect(200);
    expect((await view(id)).revision).toBe(before.revision);
  });

  it('offers the decision only once no flagged item holds it back, and the resolution meanwhile', async () => {
    const id = 're-held-back';
    await atVetting(id, 4);
    await part(id, [
      health,
      { item: 'background', result: 'cleared' },
      { item: 'asset_declaration', result: 'cleared' },
      { item: 'political_standards', result: 'cleared' },
    ]).expect(200);
    const decisionOffered = (next: { action: string; stepId?: string }[]) =>
      next.some((link) => link.action === 'perform-step' && link.stepId === 'decision');

    const held = await view(id);
    expect(held.currentStep?.id).toBe('decision');
    expect(decisionOffered(held.allowedNext)).toBe(false);
    expect(held.allowedNext).toContainEqual(
      expect.objectContaining({ action: 'resolve-vetting-item', item: 'health' }),
    );

    // The record flags the term's unrated years too: the decision waits for both.
    const resolve = (item: string) =>
      http()
        .post(`/cases/${id}/vetting/${item}/resolve`)
        .set(staff())
        .send({ note: 'Đã bổ sung hồ sơ' })
        .expect(200);
    await resolve('health');
    expect(decisionOffered((await view(id)).allowedNext)).toBe(false);
    await resolve('term_rating');
    expect(decisionOffered((await view(id)).allowedNext)).toBe(true);
  });
});
