import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every procedure whose decision gives the person a post refuses, at its opening, one who has
 * reached the retirement age (`retirement.age`), as an appointment does: their definitions name
 * the `retirement_reached` opening check. Before, a transfer, an election nomination, an approval
 * in principle and a consultation opened (201) and ran until their decision, and a rotation said
 * only that too few years were left (`rotation.too_close_to_retirement`).
 */
describe('opening a case that gives a post to a person past the retirement age', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('retirement_reached_opening');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-director', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
      ],
      people: [
        {
          // Retires on 2020-01-31 (60 under Bộ luật Lao động 2012, and the month's end).
          id: 'p-old',
          dateOfBirth: '1960-01-01',
          gender: 'male',
          posts: [{ positionId: 'pos-director', from: '2015-01-01', termEnd: null }],
          pool: ['pos-deputy'],
        },
        // Born 1982-05-05: retires in 2044.
        { id: 'p-young', pool: ['pos-deputy'] },
      ],
    });
    await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-vice-chair',
        title: 'pos-vice-chair',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 4,
        filledBy: 'election',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (procedure: string, definition: string, personId: string, positionId: string) =>
    http()
      .post('/cases')
      .set(staff)
      .send({ procedure, definition, personId, positionId, orgUnitId: 'ou-town', summary: 'x' });

  it.each([
    ['transfer', 'transfer.standard', 'pos-deputy'],
    ['rotation', 'rotation.standard', 'pos-deputy'],
    ['election', 'election.nomination', 'pos-vice-chair'],
    ['approval_in_principle', 'approval.in-principle', 'pos-deputy'],
    ['consultation', 'consultation.inter-level', 'pos-deputy'],
  ])(
    '%s refuses them 422 age.retirement_reached on personId',
    async (procedure, definition, positionId) => {
      const refused = await open(procedure, definition, 'p-old', positionId).expect(422);
      expect(refused.body).toMatchObject({
        rule: 'age.retirement_reached',
        field: 'personId',
        retirementDate: '2020-01-31',
      });
      expect(refused.body.message).toMatch(
        /^personId: p-old reached the retirement age: retires on 2020-01-31, on or before /,
      );
    },
  );

  it('still opens a transfer of one who has not reached it', async () => {
    await open('transfer', 'transfer.standard', 'p-young', 'pos-deputy').expect(201);
  });
});
