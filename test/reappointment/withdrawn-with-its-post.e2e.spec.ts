import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An open re-appointment renews one post (reappointment.standard's `withdrawnWhenPostEnds`): a
 * decision ending that post withdraws it, one ending another post leaves it open. Before, an
 * appointment to another post in the same unit (the README's walk-through) ended the post held
 * and left its re-appointment open in the inbox, its decision refused as reappointment.post_ended;
 * and a removal from one of two posts withdrew the re-appointment of the other as well.
 */
describe('an open re-appointment goes with its post, and only with it', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => ({
    Authorization: `Bearer ${t.token(`u-${who}`, [role], 'ou-town')}`,
  });
  const staff = () => as('staff', 'organization_staff');
  const secretary = () => as('secretary', 'ballot_secretary');
  const leader = () => as('leader', 'leadership');
  // Held for about three years, with two left: no re-appointment notice falls due meanwhile.
  const held = (positionId: string) => ({
    positionId,
    from: addDays(today, -1100),
    termEnd: addDays(today, 700),
  });

  beforeAll(async () => {
    t = await startTestApp('reappt_with_post', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: [
        { id: 'pos-head', rank: 6, seats: 1 },
        { id: 'pos-deputy', rank: 5 },
        { id: 'pos-office', rank: 4 },
      ],
      people: [
        { id: 'p-an', posts: [held('pos-deputy')], pool: ['pos-head'] },
        { id: 'p-binh', posts: [held('pos-office')], pool: ['pos-head'] },
        { id: 'p-two', posts: [held('pos-deputy'), held('pos-office')] },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const openReappointment = (id: string, personId: string, positionId: string) =>
    http()
      .post('/cases')
      .set(staff())
      .send({
        id,
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId,
        positionId,
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại',
      })
      .expect(201);
  const caseOf = (id: string) =>
    http()
      .get(`/cases/${id}`)
      .set(staff())
      .expect(200)
      .then((r) => r.body);
  const inbox = () =>
    http()
      .get('/inbox')
      .set(staff())
      .expect(200)
      .then((r) => r.body.items as { caseId: string }[]);
  const inInbox = async (caseId: string) => (await inbox()).some((i) => i.caseId === caseId);

  it('the appointment of the holder to another post withdraws the re-appointment of the post left', async () => {
    await openReappointment('r-an', 'p-an', 'pos-deputy');
    expect(
      await eventually(
        () => inInbox('r-an'),
        (seen) => seen,
      ),
    ).toBe(true);
    await http()
      .post('/cases')
      .set(staff())
      .send({
        id: 'a-head',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-an',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng ban',
      })
      .expect(201);
    const nomination = {
      minutesRef: 'BB-2',
      members: 25,
      summoned: 25,
      present: 24,
      invalid: 1,
      candidates: [
        { personId: 'p-an', votes: 16 },
        { personId: 'p-binh', votes: 7 },
      ],
    };
    const tally = {
      members: 13,
      summoned: 13,
      present: 13,
      for: 11,
      against: 2,
      abstain: 0,
      invalid: 0,
    };
    const vetted = ['background', 'asset_declaration', 'political_standards']
      .concat(['residence_party_cell_opinion', 'health'])
      .map((item) => ({ item, result: 'cleared' }));
    const steps: [string, Record<string, string>, object][] = [
      ['leadership-round-1', staff(), { minutesRef: 'BB-1', conclusion: 'Agreed' }],
      ['expanded-nomination', secretary(), nomination],
      ['leadership-round-2', secretary(), { minutesRef: 'BB-3', tally }],
      ['key-officials-nomination', secretary(), { ...nomination, minutesRef: 'BB-4' }],
      ['leadership-round-3', secretary(), { minutesRef: 'BB-5', tally }],
      ['vetting', staff(), { items: vetted }],
      ['decision', leader(), { number: '215-QĐ/TU', signer: 'Bí thư', effectiveFrom: today }],
    ];
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/a-head/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);

    const withdrawn = await eventually(
      () => caseOf('r-an'),
      (body) => body.status !== 'open',
    );
    // Before: still open at its next step, though the post it renews had ended.
    expect(withdrawn.status).toBe('withdrawn');
    expect(JSON.stringify(withdrawn)).toContain(
      `withdrawn: the post ended by 215-QĐ/TU (${today}) (case a-head)`,
    );
    expect(
      await eventually(
        () => inInbox('r-an'),
        (seen) => !seen,
      ),
    ).toBe(false);
    const record = await http().get('/cadres/p-an').set(staff()).expect(200);
    expect(record.body.posts).toEqual([expect.objectContaining({ positionId: 'pos-head' })]);
  });

  it('a holder of two posts removed from one keeps the re-appointment of the other', async () => {
    await openReappointment('r-two-office', 'p-two', 'pos-office');
    await openReappointment('r-two-deputy', 'p-two', 'pos-deputy');
    await http()
      .post('/cases')
      .set(staff())
      .send({
        id: 'm-two',
        procedure: 'removal',
        definition: 'removal.dismissal',
        personId: 'p-two',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Xem xét miễn nhiệm',
        grounds: { kind: 'low_confidence', lowConfidenceVotes: 31, totalVotes: 45 },
      })
      .expect(201);
    await http()
      .post('/cases/m-two/steps/talk')
      .set(staff())
      .send({ heldOn: today, conclusion: 'Đã trao đổi', personOpinion: 'Chấp hành' })
      .expect(200);
    await http()
      .post('/cases/m-two/steps/leadership-ballot')
      .set(secretary())
      .send({
        heldOn: today,
        minutesRef: 'BB-1',
        tally: {
          members: 10,
          summoned: 10,
          present: 10,
          for: 8,
          against: 2,
          abstain: 0,
          invalid: 0,
        },
      })
      .expect(200);
    await http()
      .post('/cases/m-two/steps/decision')
      .set(leader())
      .send({ heldOn: today, number: '12-QĐ/TU', signer: 'Bí thư', effectiveFrom: today })
      .expect(200);
    // Its own post's re-appointment, opened after the other, is withdrawn after it would be too:
    // once it is, the removal's run is over.
    const withdrawn = await eventually(
      () => caseOf('r-two-deputy'),
      (body) => body.status !== 'open',
    );
    expect(withdrawn.status).toBe('withdrawn');
    const record = await http().get('/cadres/p-two').set(staff()).expect(200);
    expect(record.body.posts).toEqual([expect.objectContaining({ positionId: 'pos-office' })]);
    // Before: withdrawn with the deputy post, though it renews the office post still held.
    expect(await caseOf('r-two-office')).toMatchObject({ status: 'open' });
    expect(await inInbox('r-two-office')).toBe(true);
  });
});
