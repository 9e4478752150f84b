import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A Party form ballot is judged by Quy định 69-QĐ/TW art. 15 (more than half of the
 * organisation's members), not by the 2/3 attendance of an appointment conference under Quy định
 * 377-QĐ/TW that the first version of the definition borrowed.
 */
describe('the Party discipline ballot is judged by its own rule', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (who: string) => headers[who];

  beforeAll(async () => {
    t = await startTestApp('party_ballot_rule');
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
    })) {
      headers[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    }
    await buildRegistry(t, as('staff'), {
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: [
        {
          id: 'p-member',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -900), termEnd: addDays(today, 900) },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const meeting = (stepId: string, who: string, extra: Record<string, unknown> = {}) =>
    http()
      .post(`/discipline-cases/d-member/steps/${stepId}`)
      .set(as(who))
      .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: stepId, ...extra })
      .expect(200);
  const ballot = (present: number, votesByForm: Record<string, number>) =>
    http()
      .post('/discipline-cases/d-member/steps/ballot')
      .set(as('secretary'))
      .send({
        heldOn: today,
        minutesRef: 'BB-ballot',
        tally: { members: 13, summoned: 13, present, invalid: 0, noDiscipline: 0, votesByForm },
      });

  it('takes a ballot of 8 of 13 present, cites Quy định 69 art. 15, and refuses one of 6 of 13 as without quorum', async () => {
    const opened = await http()
      .post('/discipline-cases')
      .set(as('inspector'))
      .send({
        id: 'd-member',
        definition: 'discipline.party',
        personId: 'p-member',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định về đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
    expect(opened.body.definition).toBe('discipline.party@2');
    await meeting('verification', 'inspector', { violationConfirmed: true });
    await meeting('self-criticism', 'staff');
    await meeting('review', 'inspector');

    // Fewer than half of the members present cannot reach more than half of them: met again, not failed.
    const tooFew = await ballot(6, { warning: 6 }).expect(422);
    expect(tooFew.body).toMatchObject({ rule: 'ballot.no_quorum' });
    expect(tooFew.body.message).toBe(
      'no quorum: 6 of 13 summoned present, needs at least 7 (1/2 of 13)',
    );
    const unchanged = await http().get('/discipline-cases/d-member').set(as('inspector'));
    expect(unchanged.body.currentStep.id).toBe('ballot');
    expect(unchanged.body.steps.map((step: { type: string }) => step.type)).not.toContain(
      'DisciplineBallotTallied',
    );

    // 8 of 13 is short of an appointment conference's 2/3 (9) but a valid Party ballot:
    // 7 for a warning is more than half of the 13 members.
    await ballot(8, { warning: 7, reprimand: 1 }).expect(200);
    const balloted = await http().get('/discipline-cases/d-member').set(as('inspector'));
    expect(balloted.body.currentStep.id).toBe('decision');
    const tallied = balloted.body.steps.at(-1);
    expect(tallied).toMatchObject({ type: 'DisciplineBallotTallied', form: 'warning' });
    expect(tallied.rule).toMatchObject({
      base: 'members',
      quorum: { numerator: 1, denominator: 2 },
      pass: { numerator: 1, denominator: 2 },
    });
    expect(tallied.rule.citation).toMatch(/^Quy định 69-QĐ\/TW, art\. 15/);
    // Two restatements put the count in Quy định 22-QĐ/TW art. 15 instead: the citation says so.
    expect(tallied.rule.citation).toMatch(
      /Article disputed: .*Quy định 22-QĐ\/TW \(2021\) art\. 15, points 3\.1.*Quy định 296-QĐ\/TW/,
    );
  });
});
