import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A discipline decision of a form that ends the post (removal from post, cách chức) meets the
 * re-appointment or extension of that post on the holding's stream (`postholding-<person>/<post>`),
 * as a removal does: decided at the same moment as the re-appointment, at most one goes through
 * on the post as it stood. Before, both read the record before either's effects landed: the record
 * showed the post ended by the discipline and the renewed five-year term of it still to come.
 * A complaint review that gives the post back takes the discipline's end off that stream in its
 * own write, so a re-appointment decided afterwards is judged on the post held again.
 */
describe('a discipline decision ending the post and a re-appointment of it decided at once', () => {
  let t: TestApp;
  const today = vietnamToday();
  const termEnd = addDays(today, 30);
  const people = [1, 2, 3, 4, 5].map((n) => ({ id: `p-${n}`, post: `pos-${n}` }));
  const restored = { id: 'p-back', post: 'pos-back' };
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => ({
    Authorization: `Bearer ${t.token(`u-${who}`, [role], 'ou-town')}`,
  });
  const staff = () => as('staff', 'organization_staff');
  const inspector = () => as('inspector', 'inspector');
  const secretary = () => as('secretary', 'ballot_secretary');
  const leader = () => as('leader', 'leadership');
  const tally = { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 };
  const cleared = ['background', 'asset_declaration', 'political_standards', 'health'].map(
    (item) => ({ item, result: 'cleared' }),
  );
  type Step = [string, Record<string, string>, object];

  beforeAll(async () => {
    t = await startTestApp('discipline_reappt_at_once', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: [...people, restored].map(({ post }) => ({ id: post, rank: 5 })),
      people: [...people, restored].map(({ id, post }) => ({
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
  const toReappointmentDecision = (caseId: string) =>
    takeSteps(caseId, [
      ['self-assessment', staff(), { conclusion: 'ok' }],
      ['key-officials-confidence', secretary(), { minutesRef: 'BB-1', tally }],
      ['head-evaluation', leader(), { conclusion: 'Recommended' }],
      ['leadership-ballot', secretary(), { minutesRef: 'BB-2', tally }],
      ['vetting', staff(), { items: cleared }],
    ]);
  const decideReappointment = (caseId: string, number: string) =>
    http()
      .post(`/cases/${caseId}/steps/decision`)
      .set(leader())
      .send({ heldOn: today, number, signer: 'Chủ tịch', effectiveFrom: termEnd });
  /** A Party case for removal from post (cách chức) on the person's post, at its decision step. */
  const toDisciplineDecision = async (caseId: string, personId: string, positionId: string) => {
    await http()
      .post('/discipline-cases')
      .set(inspector())
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
      ['verification', inspector(), { violationConfirmed: true }],
      ['self-criticism', staff(), {}],
      ['review', inspector(), {}],
    ] as const)
      await http()
        .post(`/discipline-cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: stepId, ...extra })
        .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/steps/ballot`)
      .set(secretary())
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
  };
  const decideDiscipline = (caseId: string, number: string) =>
    http().post(`/discipline-cases/${caseId}/steps/decision`).set(leader()).send({
      heldOn: today,
      number,
      signer: 'Chủ nhiệm UBKT',
      form: 'removal_from_post',
      effectiveFrom: today,
    });
  /** Reads until `done` holds: the service's timers and sagas catch up on a busy machine. */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean) => {
    let value = await read();
    for (let tries = 0; tries < 600 && !done(value); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      value = await read();
    }
    return value;
  };
  const record = (personId: string) =>
    http()
      .get(`/cadres/${personId}`)
      .set(staff())
      .expect(200)
      .then((r) => r.body);
  const ofPost =
    (post: string) =>
    <P extends { positionId: string }>(posts: P[]) =>
      posts.filter((held) => held.positionId === post);
  /** Where the case's decision stands in the store's order, as its history shows an auditor. */
  const decidedAt = async (caseId: string, type: string) => {
    const history = await eventually(
      () =>
        http()
          .get(`/cases/${encodeURIComponent(caseId)}/history`)
          .set(as('auditor', 'auditor'))
          .then((r) => r.body),
      (body) => body.events?.some((event: { type: string }) => event.type === type),
    );
    return history.events.find((event: { type: string }) => event.type === type).sequence as number;
  };

  /** The re-appointment the service opened for the term ending, by person. */
  const reappointments = new Map<string, string>();
  const reappointmentOpenedFor = async (personId: string) => {
    const opened = await eventually(
      () => record(personId),
      (body) => body.openCases.some((c: { procedure: string }) => c.procedure === 'reappointment'),
    );
    return opened.openCases.find((c: { procedure: string }) => c.procedure === 'reappointment')
      .caseId as string;
  };

  it('brings the re-appointment the service opened and a discipline case to their decision steps', async () => {
    for (const { id, post } of people) {
      reappointments.set(id, await reappointmentOpenedFor(id));
      await toReappointmentDecision(reappointments.get(id) as string);
      await toDisciplineDecision(`d-${id}`, id, post);
    }
  });

  it('never decides both on the post as it stood: the record shows the post ended and no term of it to come', async () => {
    const answers = await Promise.all(
      people.map(({ id }) =>
        Promise.all([
          decideDiscipline(`d-${id}`, `QĐ-d-${id}`),
          decideReappointment(reappointments.get(id) as string, `QĐ-r-${id}`),
        ]),
      ),
    );
    for (const [index, [discipline, reappointment]] of answers.entries()) {
      const { id, post } = people[index];
      // The discipline is decided, first or on the renewed term.
      expect(discipline.status).toBe(200);
      if (reappointment.status === 200)
        // Taken first: the discipline was decided again on the renewed term and ended it too.
        // Before, the re-appointment was also decided after the discipline, on the post it ended.
        expect(await decidedAt(reappointments.get(id) as string, 'DecisionIssued')).toBeLessThan(
          await decidedAt(`d-${id}`, 'DisciplineDecided'),
        );
      else {
        // Before: 200, the term renewed beside the discipline ending it.
        expect([409, 422]).toContain(reappointment.status);
        expect(['case.closed', 'reappointment.post_ended']).toContain(reappointment.body.rule);
        if (reappointment.body.rule === 'reappointment.post_ended')
          expect(reappointment.body).toMatchObject({ endedOn: today, termEnd });
      }
      const settled = await eventually(
        () => record(id),
        (body) =>
          !body.openCases.some((c: { caseId: string }) =>
            [reappointments.get(id), `d-${id}`].includes(c.caseId),
          ),
      );
      expect(ofPost(post)(settled.posts)).toEqual([]);
      // Before: the new term from the old one's end was still to come after the discipline.
      expect(ofPost(post)(settled.upcomingPosts)).toEqual([]);
      expect(ofPost(post)(settled.pastPosts)).toContainEqual(
        expect.objectContaining({ endedOn: today, caseId: `d-${id}` }),
      );
    }
  });

  it('a complaint review giving the post back lets a re-appointment of it be decided on the post held again', async () => {
    const { id, post } = restored;
    const opened = await reappointmentOpenedFor(id);
    await toDisciplineDecision('d-back', id, post);
    await decideDiscipline('d-back', 'QĐ-d-back').expect(200);
    // The discipline ends the post and withdraws the re-appointment the service opened for it.
    await eventually(
      () => record(id),
      (body) =>
        ofPost(post)(body.posts).length === 0 &&
        !body.openCases.some((c: { caseId: string }) => [opened, 'd-back'].includes(c.caseId)),
    );
    await http()
      .post('/discipline-cases/d-back/complaints')
      .set(staff())
      .send({ filedOn: today, grounds: 'hình thức quá nặng' })
      .expect(200);
    await http()
      .post('/discipline-cases/d-back/complaints/review')
      .set(leader())
      .send({
        heldOn: today,
        number: '12-QĐ/TU',
        outcome: 'change',
        form: 'reprimand',
        reason: 'giảm hình thức kỷ luật',
      })
      .expect(200);
    await eventually(
      () => record(id),
      (body) => ofPost(post)(body.posts).length === 1,
    );
    const reopened = await http().post('/cases').set(staff()).send({
      id: 'r-back',
      procedure: 'reappointment',
      definition: 'reappointment.standard',
      personId: id,
      positionId: post,
      orgUnitId: 'ou-town',
      summary: 'Bổ nhiệm lại',
    });
    expect({ status: reopened.status, rule: reopened.body.rule }).toEqual({
      status: 201,
      rule: undefined,
    });
    await toReappointmentDecision('r-back');
    const decided = await decideReappointment('r-back', 'QĐ-r-back');
    // Before: 422 reappointment.post_ended over the discipline's end the review had taken back.
    expect({ status: decided.status, rule: decided.body.rule }).toEqual({
      status: 200,
      rule: undefined,
    });
    // The record renews the term held again from its end.
    const renewed = await eventually(
      () => record(id),
      (body) => ofPost(post)(body.posts).some((held) => 'renewedBy' in held),
    );
    expect(ofPost(post)(renewed.posts)).toEqual([
      expect.objectContaining({
        termEnd,
        renewedBy: expect.objectContaining({ from: termEnd, decisionRef: `QĐ-r-back (${today})` }),
      }),
    ]);
    expect(ofPost(post)(renewed.pastPosts)).toEqual([]);
  });
});
