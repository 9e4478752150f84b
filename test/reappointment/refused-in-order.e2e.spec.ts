import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * What a re-appointment's steps refuse, and in which order. A field of a step's kind that the
 * step does not take is refused naming it and why, as an unknown field is: before, the
 * confidence ballot (reference only, no tie for the head to break) took `headDecision` and
 * recorded the tally without it, a ballot about one person took `tallies`, and a re-appointment's
 * decision `keepsPreviousPost`. A role that may not take the step is told so before the case's
 * state (before: 409 `decision.already_issued` to a ballot secretary), and a caller whose grant
 * does not reach the case is told so before anything about the body (before: 400 `reason:
 * unknown field` to a commune's staff resolving a town's vetting item).
 */
describe("a re-appointment's refusals: the fields a step does not take, role and scope first", () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  let communeStaff: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const step = (stepId: string, who: Record<string, string>, body: object) =>
    http().post(`/cases/r-1/steps/${stepId}`).set(who).send(body);
  const streams = ['reappointment-r-1', 'cadre-p-holder'];
  const tally = (members: number, forVotes: number) => ({
    members,
    summoned: members,
    present: members,
    for: forVotes,
    against: members - forVotes,
    abstain: 0,
    invalid: 0,
  });
  const decision = {
    heldOn: today,
    number: '301-QĐ/TU',
    signer: 'Bí thư',
    effectiveFrom: addDays(today, 200),
  };

  /** Sends a refused request and checks it wrote nothing; the answer's body. */
  async function refused(send: () => request.Test, status: number) {
    const before = await streamEventCount(t.db.pool, streams);
    const answer = await send().expect(status);
    expect(await streamEventCount(t.db.pool, streams)).toBe(before);
    return answer.body as { rule: string; field: string | null; message: string };
  }

  beforeAll(async () => {
    t = await startTestApp('reappointment_refused_in_order');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        {
          id: 'p-holder',
          termRated: true,
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1600), termEnd: addDays(today, 200) },
          ],
        },
      ],
    });
    await http()
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` })
      .send({ id: 'ou-commune', name: 'Xã Demo', kind: 'commune', parentId: 'ou-town' })
      .expect(201);
    communeStaff = {
      Authorization: `Bearer ${t.token('u-commune', ['organization_staff'], 'ou-commune')}`,
    };
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'r-1',
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-holder',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại',
      })
      .expect(201);
    await step('self-assessment', staff, { heldOn: today, conclusion: 'ok' }).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses the head's decision at a ballot whose rule gives the head no tie to break", async () => {
    const body = await refused(
      () =>
        step('key-officials-confidence', secretary, {
          heldOn: today,
          minutesRef: 'BB-1',
          tally: tally(40, 20),
          headDecision: 'for',
        }),
      400,
    );
    expect(body).toMatchObject({ rule: 'step.field_not_taken', field: 'headDecision' });
    expect(body.message).toBe(
      'headDecision: the ballot of step key-officials-confidence does not let the head of the collective break a tie (its tally is kept for reference and passes or fails no one)',
    );
    await step('key-officials-confidence', secretary, {
      heldOn: today,
      minutesRef: 'BB-1',
      tally: tally(40, 20),
    }).expect(200);
    await step('head-evaluation', leader, { heldOn: today, conclusion: 'Recommended' }).expect(200);
  });

  it('refuses a tally per nominee at a ballot about the case’s one person', async () => {
    const body = await refused(
      () =>
        step('leadership-ballot', secretary, {
          heldOn: today,
          minutesRef: 'BB-2',
          tally: tally(13, 11),
          tallies: [{ personId: 'p-holder', tally: tally(13, 2) }],
        }),
      400,
    );
    expect(body).toMatchObject({ rule: 'step.field_not_taken', field: 'tallies' });
    expect(body.message).toMatch(/^tallies: step leadership-ballot tallies the case's person/);
    await step('leadership-ballot', secretary, {
      heldOn: today,
      minutesRef: 'BB-2',
      tally: tally(13, 11),
    }).expect(200);
    await step('vetting', staff, {
      heldOn: today,
      items: ['background', 'asset_declaration', 'political_standards', 'health'].map((item) => ({
        item,
        result: 'cleared',
      })),
    }).expect(200);
  });

  it('refuses keeping the posts held (kiêm nhiệm) on a decision that moves no one', async () => {
    const body = await refused(
      () => step('decision', leader, { ...decision, keepsPreviousPost: true }),
      400,
    );
    expect(body).toMatchObject({ rule: 'step.field_not_taken', field: 'keepsPreviousPost' });
    expect(body.message).toMatch(/^keepsPreviousPost: a reappointment decision moves the person/);
    await step('decision', leader, decision).expect(200);
  });

  it('tells a role that does not take the decision so, not that it was already issued', async () => {
    const body = await refused(() => step('decision', secretary, decision), 403);
    expect(body).toMatchObject({ rule: 'step.role_not_allowed' });
    expect(body.message).toContain('step decision is performed by leadership');
    // The role that takes it is still told it was issued.
    const again = await refused(() => step('decision', leader, decision), 409);
    expect(again.rule).toBe('decision.already_issued');
  });

  it('answers a caller whose grant does not reach the case before reading the body', async () => {
    const resolve = await refused(
      () =>
        http()
          .post('/cases/r-1/vetting/term_rating/resolve')
          .set(communeStaff)
          .send({ reason: 'x' }),
      403,
    );
    expect(resolve).toMatchObject({ rule: 'scope.out_of_scope', field: 'id' });
    for (const how of ['withdraw', 'reject']) {
      const closed = await refused(
        () => http().post(`/cases/r-1/${how}`).set(communeStaff).send({ note: 'x' }),
        403,
      );
      expect(closed).toMatchObject({ rule: 'scope.out_of_scope', field: 'id' });
    }
    // Within the grant the body is judged as before.
    const own = await refused(
      () => http().post('/cases/r-1/vetting/term_rating/resolve').set(staff).send({ reason: 'x' }),
      400,
    );
    expect(own).toMatchObject({ rule: 'body.invalid', field: 'reason' });
  });
});
