import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { fireStepDeadline } from '../support/step-deadline-timer';
import { startTestApp, TestApp } from '../support/test-app';

/** Extension of a term to retirement (kéo dài thời hạn giữ chức vụ đến tuổi nghỉ hưu) over HTTP. */
describe('term extension to retirement over HTTP', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const termEnd = addDays(today, 60);
  const post = { positionId: 'pos-head', from: addDays(today, -1765), termEnd };

  beforeAll(async () => {
    t = await startTestApp('extension', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-town')}` };
    const near = addDays(today, -(61 * 365 + 120));
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        { id: 'p-near', dateOfBirth: near, gender: 'male', posts: [post] },
        { id: 'p-young', dateOfBirth: '1982-05-05', gender: 'male', posts: [post] },
        { id: 'p-late', dateOfBirth: near, gender: 'male', posts: [post] },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (id: string, personId: string) =>
    http().post('/cases').set(staff).send({
      id,
      procedure: 'extension',
      definition: 'extension.to-retirement',
      personId,
      positionId: 'pos-head',
      orgUnitId: 'ou-town',
      summary: 'Kéo dài thời hạn giữ chức vụ đến tuổi nghỉ hưu',
    });

  it('extends the term to the retirement date after the self-report and ballot', async () => {
    const opened = await open('k-1', 'p-near').expect(201);
    expect(opened.body.facts).toMatchObject({ termEnd, late: true });
    const retires = opened.body.facts.retirementDate as string;
    await http()
      .post('/cases/k-1/steps/self-report')
      .set(staff)
      .send({ heldOn: today, conclusion: 'Hoàn thành tốt nhiệm vụ' })
      .expect(200);
    await http()
      .post('/cases/k-1/steps/leadership-ballot')
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-1',
        tally: { members: 9, summoned: 9, present: 9, for: 7, against: 2, abstain: 0, invalid: 0 },
      })
      .expect(200);
    // Taking effect before the term ends would cut it short: refused, naming the term's end.
    const early = await http()
      .post('/cases/k-1/steps/decision')
      .set(leader)
      .send({ heldOn: today, number: '54-QĐ/UBND', signer: 'Chủ tịch', effectiveFrom: today })
      .expect(422);
    expect(early.body).toMatchObject({
      rule: 'extension.starts_before_term_end',
      field: 'effectiveFrom',
    });
    const decided = await http()
      .post('/cases/k-1/steps/decision')
      .set(leader)
      .send({ heldOn: today, number: '55-QĐ/UBND', signer: 'Chủ tịch', effectiveFrom: termEnd })
      .expect(200);
    expect(decided.body.decision).toMatchObject({
      termEnd: retires,
      details: { applied: 'extended_to_retirement' },
    });
    for (let tries = 0; tries < 100; tries += 1) {
      const { body } = await http().get('/cadres/p-near').set(staff).expect(200);
      if (body.posts[0]?.termEnd === retires) {
        // The appointing decision stays on the post, the extension beside it (before, it replaced it).
        expect(body.posts[0]).toMatchObject({
          from: post.from,
          extendedBy: { decisionRef: expect.stringMatching(/55-QĐ/), on: termEnd },
        });
        expect(body.posts[0].decisionRef).not.toMatch(/55-QĐ/);
        // The term now runs to retirement: a second extension has nothing to extend (before: 201).
        const again = await open('k-again', 'p-near').expect(422);
        expect(again.body).toMatchObject({
          rule: 'extension.already_to_retirement',
          field: 'positionId',
        });
        // Nor is it re-appointed: nothing is re-appointed when the holder retires (before: 201).
        const renewal = await http()
          .post('/cases')
          .set(staff)
          .send({
            id: 'r-after',
            procedure: 'reappointment',
            definition: 'reappointment.standard',
            personId: 'p-near',
            positionId: 'pos-head',
            orgUnitId: 'ou-town',
            summary: 'Bổ nhiệm lại',
          })
          .expect(422);
        expect(renewal.body).toMatchObject({
          rule: 'reappointment.term_to_retirement',
          field: 'positionId',
        });
        expect(renewal.body.message).toMatch(new RegExp(`55-QĐ/UBND.*retirement on ${retires}`));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the record did not take the extended term');
  });

  it('is refused when the holder has 2 years or more to retirement at the term’s end', async () => {
    const refused = await open('k-2', 'p-young').expect(422);
    expect(refused.body.rule).toBe('extension.not_near_retirement');
    expect(refused.body.message).toMatch(/whole years to retirement .* only below 2/);
  });

  it('records a missed self-report deadline as an event', async () => {
    await open('k-3', 'p-late').expect(201);
    const missed = await fireStepDeadline(t, 'extension-k-3');
    expect(missed.map((m) => m.stepId)).toEqual(['self-report']);
  });
});
