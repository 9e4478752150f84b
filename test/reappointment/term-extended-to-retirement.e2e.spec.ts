import request from 'supertest';
import { buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A re-appointment and an extension to retirement opened for the same term: whichever is decided
 * first, the other's decision reads the record again and is refused with the rule its opening
 * would give now, naming the decision taken. Before, the re-appointment was decided (200, a term
 * of 0 years) after the extension, and the extension after the re-appointment was refused as
 * starting before the term's end, which was not the reason.
 */
describe('a re-appointment and an extension of the same term', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const termEnd = '2030-07-01';
  const retires = '2032-06-30';
  const post = { positionId: 'pos-deputy-culture', from: '2025-07-01', termEnd };

  beforeAll(async () => {
    t = await startTestApp('term_extended_to_retirement', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-town')}` };
    const holder = (id: string) => ({
      id,
      dateOfBirth: '1970-06-10',
      gender: 'male' as const,
      termRated: true,
      posts: [post],
    });
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-deputy-culture', rank: 1 }],
      people: [holder('p-x-old2'), holder('p-x-old3')],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const tally = { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 };
  const open = (id: string, personId: string, procedure: string, definition: string) =>
    http().post('/cases').set(staff).send({
      id,
      procedure,
      definition,
      personId,
      positionId: post.positionId,
      orgUnitId: 'ou-town',
      summary: id,
    });
  const takeSteps = async (caseId: string, steps: [string, Record<string, string>, object][]) => {
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  };
  const reappointmentSteps = (caseId: string) =>
    takeSteps(caseId, [
      ['self-assessment', staff, { conclusion: 'ok' }],
      ['key-officials-confidence', secretary, { minutesRef: 'BB-1', tally }],
      ['head-evaluation', leader, { conclusion: 'Recommended' }],
      ['leadership-ballot', secretary, { minutesRef: 'BB-2', tally }],
      [
        'vetting',
        staff,
        {
          items: ['background', 'asset_declaration', 'political_standards', 'health'].map(
            (item) => ({ item, result: 'cleared' }),
          ),
        },
      ],
    ]);
  const extensionSteps = (caseId: string) =>
    takeSteps(caseId, [
      ['self-report', staff, { conclusion: 'Hoàn thành tốt nhiệm vụ' }],
      ['leadership-ballot', secretary, { minutesRef: `BB-${caseId}`, tally }],
    ]);
  const decide = (caseId: string, effectiveFrom: string) =>
    http()
      .post(`/cases/${caseId}/steps/decision`)
      .set(leader)
      .send({ heldOn: today, number: `QĐ-${caseId}`, signer: 'Chủ tịch', effectiveFrom });
  const record = (personId: string) => http().get(`/cadres/${personId}`).set(staff).expect(200);

  it('refuses the re-appointment of a term the extension decided meanwhile ran to retirement', async () => {
    await open('r-old2', 'p-x-old2', 'reappointment', 'reappointment.standard').expect(201);
    await open('e-old2', 'p-x-old2', 'extension', 'extension.to-retirement').expect(201);
    await reappointmentSteps('r-old2');
    await extensionSteps('e-old2');
    await decide('e-old2', termEnd).expect(200);
    const extended = await eventually(
      () => record('p-x-old2'),
      (r) => r.body.posts?.[0]?.termEnd === retires,
    );
    expect(extended.body.posts[0].termEnd).toBe(retires);
    const refused = await decide('r-old2', retires).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'reappointment.term_to_retirement',
      field: 'positionId',
    });
    expect(refused.body.message).toContain('QĐ-e-old2');
    const after = await record('p-x-old2');
    expect(after.body.posts).toHaveLength(1);
    expect(after.body.posts[0]).toMatchObject({ termEnd: retires, from: post.from });
  });

  it('refuses the extension of a term the re-appointment decided meanwhile renewed to retirement', async () => {
    await open('r-old3', 'p-x-old3', 'reappointment', 'reappointment.standard').expect(201);
    await open('e-old3', 'p-x-old3', 'extension', 'extension.to-retirement').expect(201);
    await reappointmentSteps('r-old3');
    await extensionSteps('e-old3');
    await decide('r-old3', termEnd).expect(200);
    await eventually(
      () => record('p-x-old3'),
      (r) => JSON.stringify(r.body).includes('QĐ-r-old3'),
    );
    const refused = await decide('e-old3', termEnd).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'extension.already_to_retirement',
      field: 'positionId',
    });
    expect(refused.body.message).toContain('QĐ-r-old3');
    // A fresh opening says the same.
    const again = await open('e-old3-again', 'p-x-old3', 'extension', 'extension.to-retirement');
    expect(again.status).toBe(422);
    expect(again.body.rule).toBe('extension.already_to_retirement');
  });
});
