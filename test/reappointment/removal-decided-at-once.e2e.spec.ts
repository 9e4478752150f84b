import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A person holds a post whose term ends soon, with its re-appointment and a removal (relief) both
 * at their decision step; the unit's leader sends the two decisions at the same moment, for five
 * such people. At most one of each pair is decided on the post as it stood: a re-appointment
 * decided after the removal is refused as for a post ended (reappointment.post_ended, naming the
 * removal's case), and a removal decided after the re-appointment ends the renewed term too.
 * Either way the record shows the post ended and no term of it to come. Before, both decisions
 * read the record before either's effects landed and both went through: the record showed the post
 * ended today and a new five-year term of it upcoming.
 */
describe('a removal and a re-appointment of one post decided at once', () => {
  let t: TestApp;
  const today = vietnamToday();
  const termEnd = addDays(today, 30);
  const people = [1, 2, 3, 4, 5].map((n) => ({ id: `p-${n}`, post: `pos-${n}` }));
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => ({
    Authorization: `Bearer ${t.token(`u-${who}`, [role], 'ou-town')}`,
  });
  const staff = () => as('staff', 'organization_staff');
  const secretary = () => as('secretary', 'ballot_secretary');
  const leader = () => as('leader', 'leadership');
  const tally = { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 };
  const cleared = ['background', 'asset_declaration', 'political_standards', 'health'].map(
    (item) => ({ item, result: 'cleared' }),
  );
  type Step = [string, Record<string, string>, object];

  beforeAll(async () => {
    t = await startTestApp('removal_reappt_at_once', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: people.map(({ post }) => ({ id: post, rank: 5 })),
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

  const openRemoval = (body: object) =>
    http()
      .post('/cases')
      .set(staff())
      .send({ orgUnitId: 'ou-town', ...body })
      .expect(201);
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

  it('brings the re-appointment the service opened and a removal to their decision steps', async () => {
    for (const { id, post } of people) {
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
        ['vetting', staff(), { items: cleared }],
      ]);
      await openRemoval({
        id: `m-${id}`,
        procedure: 'removal',
        definition: 'removal.relief',
        personId: id,
        positionId: post,
        summary: 'Cho thôi giữ chức vụ',
        grounds: { kind: 'own_request', reference: 'Đơn ngày 01/12' },
      });
      await takeSteps(`m-${id}`, [
        ['talk', staff(), { conclusion: 'Đã trao đổi', personOpinion: 'Đồng ý' }],
        ['leadership-ballot', secretary(), { minutesRef: 'BB-3', tally }],
      ]);
    }
  });

  it('never decides both on the post as it stood: the record shows the post ended and no term of it to come', async () => {
    const answers = await Promise.all(
      people.map(({ id }) =>
        Promise.all([
          decide(`m-${id}`, `QĐ-m-${id}`, today),
          decide(reappointmentOf(id), `QĐ-r-${id}`, termEnd),
        ]),
      ),
    );
    for (const [index, [removal, reappointment]] of answers.entries()) {
      const { id, post } = people[index];
      // The removal is decided, first or on the renewed term.
      expect(removal.status).toBe(200);
      if (reappointment.status !== 200) {
        // Before: 200, the term renewed beside the removal ending it.
        expect([409, 422]).toContain(reappointment.status);
        expect(['case.closed', 'reappointment.post_ended']).toContain(reappointment.body.rule);
        if (reappointment.body.rule === 'reappointment.post_ended')
          expect(reappointment.body).toMatchObject({ endedOn: today, termEnd });
      }
      // Settled: both cases closed on the record (a refused re-appointment withdrawn by the removal).
      const settled = await eventually(
        () => record(id),
        (body) =>
          !body.openCases.some((c: { caseId: string }) =>
            [reappointmentOf(id), `m-${id}`].includes(c.caseId),
          ),
      );
      expect(settled.openCases).toEqual([]);
      const ofPost = (posts: { positionId: string }[]) =>
        posts.filter((held) => held.positionId === post);
      expect(ofPost(settled.posts)).toEqual([]);
      // Before: the new term from the old one's end was still to come after the removal.
      expect(ofPost(settled.upcomingPosts)).toEqual([]);
      expect(ofPost(settled.pastPosts)).toContainEqual(
        expect.objectContaining({ endedOn: today, caseId: `m-${id}` }),
      );
    }
  });
});
