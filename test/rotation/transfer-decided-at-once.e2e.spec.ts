import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A person holds a post whose term ends soon, with its re-appointment at its decision step, and a
 * transfer (điều động) to another post, not kept concurrently, at its own; the unit's leader
 * sends the two decisions at the same moment, for five such people. At most one of each pair is
 * decided: a re-appointment decided after the transfer is refused as for a post ended
 * (reappointment.post_ended, naming the transfer's case), and a transfer decided after the
 * re-appointment is refused over the renewed term still to come (decision.pending_post), as it is
 * once that term is on the record. The record shows the one decided. Before, both decisions read
 * the record before either's effects landed and both were issued (200): a re-appointment renewing
 * a post the transfer ended, whose term the record then dropped (or, its record landing first,
 * kept beside the post the transfer gave).
 */
describe('a transfer and a re-appointment of the post it ends decided at once', () => {
  let t: TestApp;
  const today = vietnamToday();
  const termEnd = addDays(today, 30);
  const people = [1, 2, 3, 4, 5].map((n) => ({
    id: `p-${n}`,
    post: `pos-${n}`,
    newPost: `pos-new-${n}`,
  }));
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => ({
    Authorization: `Bearer ${t.token(`u-${who}`, [role], 'ou-town')}`,
  });
  const staff = () => as('staff', 'organization_staff');
  const secretary = () => as('secretary', 'ballot_secretary');
  const leader = () => as('leader', 'leadership');
  const tally = { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 };
  const cleared = (items: string[]) => items.map((item) => ({ item, result: 'cleared' }));
  const checks = ['background', 'asset_declaration', 'political_standards'];
  type Step = [string, Record<string, string>, object];

  beforeAll(async () => {
    t = await startTestApp('transfer_reappt_at_once', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: people.flatMap(({ post, newPost }) => [
        { id: post, rank: 5 },
        { id: newPost, rank: 5 },
      ]),
      people: people.map(({ id, post }) => ({
        id,
        termRated: true,
        posts: [{ positionId: post, from: addDays(today, -1800), termEnd }],
      })),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const takeSteps = async (caseId: string, steps: Step[]) => {
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  };
  const decide = (caseId: string, number: string, effectiveFrom: string) =>
    http()
      .post(`/cases/${caseId}/steps/decision`)
      .set(leader())
      .send({ heldOn: today, number, signer: 'Chủ tịch', effectiveFrom });
  const record = (personId: string) =>
    http()
      .get(`/cadres/${personId}`)
      .set(staff())
      .expect(200)
      .then((r) => r.body);

  /** The re-appointment the service opened for the term ending, by person. */
  const reappointments = new Map<string, string>();
  const reappointmentOf = (personId: string) => reappointments.get(personId) as string;

  it('brings the re-appointment the service opened and a transfer to their decision steps', async () => {
    for (const { id, newPost } of people) {
      const opened = await eventually(
        () => record(id),
        (body) =>
          body.openCases.some((c: { procedure: string }) => c.procedure === 'reappointment'),
      );
      const reappointment = opened.openCases.find(
        (c: { procedure: string }) => c.procedure === 'reappointment',
      );
      expect(reappointment).toBeDefined();
      reappointments.set(id, reappointment.caseId);
      await takeSteps(reappointmentOf(id), [
        ['self-assessment', staff(), { conclusion: 'ok' }],
        ['key-officials-confidence', secretary(), { minutesRef: 'BB-1', tally }],
        ['head-evaluation', leader(), { conclusion: 'Recommended' }],
        ['leadership-ballot', secretary(), { minutesRef: 'BB-2', tally }],
        ['vetting', staff(), { items: cleared([...checks, 'health']) }],
      ]);
      await http()
        .post('/cases')
        .set(staff())
        .send({
          id: `t-${id}`,
          procedure: 'transfer',
          definition: 'transfer.standard',
          personId: id,
          positionId: newPost,
          orgUnitId: 'ou-town',
          summary: 'Điều động',
        })
        .expect(201);
      await takeSteps(`t-${id}`, [
        ['consult-receiving-unit', staff(), { minutesRef: 'BB-T1', conclusion: 'Agreed' }],
        ['candidate-unit-ballot', secretary(), { minutesRef: 'BB-T2', tally }],
        ['evaluation-and-meeting', staff(), { minutesRef: 'BB-T3', conclusion: 'Met' }],
        ['vetting', staff(), { items: cleared(checks) }],
      ]);
    }
  });

  it('never decides both on the post as it stood: one is refused, and the record shows the one decided', async () => {
    const answers = await Promise.all(
      people.map(({ id }) =>
        Promise.all([
          decide(`t-${id}`, `QĐ-t-${id}`, today),
          decide(reappointmentOf(id), `QĐ-r-${id}`, termEnd),
        ]),
      ),
    );
    for (const [index, [transfer, reappointment]] of answers.entries()) {
      const { id, post, newPost } = people[index];
      const ofPost = (posts: { positionId: string; renewedBy?: object }[], positionId = post) =>
        posts.filter((held) => held.positionId === positionId);
      // Before: both 200, the re-appointment renewing a post the transfer ended.
      expect([transfer.status, reappointment.status]).toContain(200);
      expect([transfer.status, reappointment.status]).not.toEqual([200, 200]);
      if (transfer.status === 200) {
        // The re-appointment decided after the transfer meets the post ended (or its withdrawal).
        expect([409, 422]).toContain(reappointment.status);
        expect(['case.closed', 'reappointment.post_ended']).toContain(reappointment.body.rule);
        if (reappointment.body.rule === 'reappointment.post_ended') {
          expect(reappointment.body).toMatchObject({ endedOn: today, termEnd });
          expect(reappointment.body.message).toContain(`case t-${id}`);
        }
        // Settled: the person in the new post, the old one ended today and no term of it to
        // come, both cases closed (a refused re-appointment withdrawn by the transfer).
        const settled = await eventually(
          () => record(id),
          (body) =>
            ofPost(body.posts, newPost).length > 0 &&
            !body.openCases.some((c: { caseId: string }) =>
              [reappointmentOf(id), `t-${id}`].includes(c.caseId),
            ),
        );
        expect(settled.openCases).toEqual([]);
        expect(ofPost(settled.posts)).toEqual([]);
        expect(ofPost(settled.upcomingPosts)).toEqual([]);
        expect(ofPost(settled.pastPosts)).toContainEqual(
          expect.objectContaining({ endedOn: today }),
        );
      } else {
        // The transfer decided after the re-appointment meets its new term still to come, as
        // once that term is on the record, and is decided nowhere.
        expect(transfer.status).toBe(409);
        expect(transfer.body).toMatchObject({
          rule: 'decision.pending_post',
          pendingPost: { positionId: post, from: termEnd },
        });
        const settled = await eventually(
          () => record(id),
          (body) =>
            ofPost(body.posts).some((held) => held.renewedBy) &&
            !body.openCases.some((c: { caseId: string }) => c.caseId === reappointmentOf(id)),
        );
        expect(ofPost(settled.posts)).toEqual([
          expect.objectContaining({ renewedBy: expect.objectContaining({ from: termEnd }) }),
        ]);
        expect(ofPost(settled.posts, newPost)).toEqual([]);
        expect(ofPost(settled.upcomingPosts, newPost)).toEqual([]);
      }
    }
  });
});
