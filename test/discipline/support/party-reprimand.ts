import request from 'supertest';
import { addDays } from '../../support/registry-fixture';
import { TestApp } from '../../support/test-app';

/** Bearer headers of `u-<who>` with one role, in the town the registry fixture builds. */
export const bearerIn = (t: TestApp) => (who: string, role: string) => ({
  Authorization: `Bearer ${t.token(`u-${who}`, [role], 'ou-town')}`,
});

/**
 * A Party case on `personId` opened, taken through its steps and decided (reprimand, decision
 * number `number`) on the service's today: set the clock back first to decide it on a past day.
 * Answers the decision's body.
 */
export async function partyReprimand(
  t: TestApp,
  options: { caseId: string; personId: string; day: string; number: string },
): Promise<{ inEffectUntil: string | null; barEndsOn: string | null }> {
  const { caseId, personId, day, number } = options;
  const http = () => request(t.server as never);
  const as = bearerIn(t);
  const inspector = as('inspector', 'inspector');
  await http()
    .post('/discipline-cases')
    .set(inspector)
    .send({
      id: caseId,
      definition: 'discipline.party',
      personId,
      orgUnitId: 'ou-town',
      summary: 'Vi phạm quy định quản lý tài chính',
      violation: {
        category: 'budget',
        committedOn: addDays(day, -60),
        description: 'Chi sai quy định',
        source: 'inspection',
      },
    })
    .expect(201);
  for (const [stepId, who, extra] of [
    ['verification', inspector, { violationConfirmed: true }],
    ['self-criticism', as('staff', 'organization_staff'), {}],
    ['review', inspector, {}],
  ] as const)
    await http()
      .post(`/discipline-cases/${caseId}/steps/${stepId}`)
      .set(who)
      .send({ heldOn: day, minutesRef: 'BB', conclusion: 'Kết luận', ...extra })
      .expect(200);
  const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
  await http()
    .post(`/discipline-cases/${caseId}/steps/ballot`)
    .set(as('secretary', 'ballot_secretary'))
    .send({ heldOn: day, minutesRef: 'BB', tally: { ...tally, votesByForm: { reprimand: 5 } } })
    .expect(200);
  const decided = await http()
    .post(`/discipline-cases/${caseId}/steps/decision`)
    .set(as('leader', 'leadership'))
    .send({ heldOn: day, number, signer: 'Chủ nhiệm UBKT', form: 'reprimand', effectiveFrom: day })
    .expect(200);
  return decided.body;
}
