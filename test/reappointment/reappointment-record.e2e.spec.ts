import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A re-appointment decided ahead of the term's end, on the person's record as the person page
 * reads it: the post is held on into its new term, and the next notice the decision set is there.
 */
describe("a re-appointment decided ahead on the person's record", () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  const today = vietnamToday();
  const termEnd = addDays(today, 30);
  const http = () => request(t.server as never);

  beforeAll(async () => {
    // Workers on: the decision reaches the record through the case-record saga.
    t = await startTestApp('reappointment_record', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        {
          id: 'p-renewed',
          posts: [{ positionId: 'pos-head', from: addDays(today, -1800), termEnd }],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const tally = (members: number, forVotes: number) => ({
    members,
    summoned: members,
    present: members,
    for: forVotes,
    against: members - forVotes,
    abstain: 0,
    invalid: 0,
  });

  it('holds the post on with its new term and names the next notice day, not "leaves on"', async () => {
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'r-renewed',
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-renewed',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Re-appointment at the end of the term',
      })
      .expect(201);
    const steps: [string, Record<string, string>, Record<string, unknown>][] = [
      ['self-assessment', staff, { conclusion: 'ok' }],
      ['key-officials-confidence', secretary, { minutesRef: 'BB-1', tally: tally(40, 30) }],
      ['head-evaluation', leader, { conclusion: 'Recommended' }],
      ['leadership-ballot', secretary, { minutesRef: 'BB-2', tally: tally(13, 11) }],
      [
        'vetting',
        staff,
        {
          items: ['background', 'asset_declaration', 'political_standards', 'health'].map(
            (item) => ({ item, result: 'cleared' }),
          ),
        },
      ],
      ['decision', leader, { number: '401-QĐ/TU', signer: 'Bí thư', effectiveFrom: termEnd }],
    ];
    let decision: { termEnd: string; reappointmentNoticeOn: string } | undefined;
    for (const [stepId, who, body] of steps) {
      // No rating on the record for the term's years: the vetting flags them, staff resolve it.
      if (stepId === 'decision')
        await http()
          .post('/cases/r-renewed/vetting/term_rating/resolve')
          .set(staff)
          .send({ note: 'Kết quả xếp loại các năm lưu tại hồ sơ giấy' })
          .expect(200);
      const step = await http()
        .post(`/cases/r-renewed/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
      decision = step.body.decision;
    }
    expect(decision?.reappointmentNoticeOn).toEqual(expect.any(String));
    const person = await eventually(
      () => http().get('/cadres/p-renewed').set(staff).expect(200),
      (read) =>
        read.body.posts[0]?.endsOn !== undefined && read.body.upcomingPosts !== undefined
          ? read.body.posts[0].renewedBy !== undefined || read.body.upcomingPosts.length > 0
          : false,
    );
    // Before: posts[0].endsOn was the new term's first day ("Thôi giữ từ …" on the page), the new
    // term sat among the posts to be taken up, and no notice was named until its day came.
    expect(person.body.posts).toEqual([
      expect.objectContaining({
        positionId: 'pos-head',
        termEnd,
        endsOn: null,
        renewedBy: {
          from: termEnd,
          termEnd: decision!.termEnd,
          decisionRef: expect.stringContaining('401-QĐ/TU'),
        },
      }),
    ]);
    expect(person.body.upcomingPosts).toEqual([]);
    expect(person.body.reappointmentNoticesAhead).toEqual([
      {
        positionId: 'pos-head',
        termEnd: decision!.termEnd,
        noticeOn: decision!.reappointmentNoticeOn,
        decisionRef: expect.stringContaining('401-QĐ/TU'),
      },
    ]);
  });
});
