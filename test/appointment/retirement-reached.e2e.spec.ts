import request from 'supertest';
import { buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A person who has reached the retirement age (`retirement.age`) is appointed to no post, whatever
 * its rank. Before, eligibility said eligible and the case ran its conferences and vetting (the
 * years to retirement cleared as "not a higher post") for someone holding a higher post, and only
 * the decision refused (`appointment.effective_at_or_after_retirement`).
 */
describe('an appointment of a person past the retirement age', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('retirement_reached');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-director', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
      ],
      people: [
        {
          // Retires on 2020-01-31 (60 under Bộ luật Lao động 2012, and the month's end); holds a higher post.
          id: 'p-old',
          dateOfBirth: '1960-01-01',
          gender: 'male',
          posts: [{ positionId: 'pos-director', from: '2015-01-01', termEnd: null }],
          // In no planning pool: the pool takes no one who cannot serve a full term
          // (planning.not_enough_working_time).
        },
        // Born 1982-05-05: retires in 2044.
        { id: 'p-young', pool: ['pos-deputy'] },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const eligibility = (personId: string, asOf?: string) =>
    http()
      .get(`/cadres/${personId}/eligibility?for=pos-deputy${asOf ? `&asOf=${asOf}` : ''}`)
      .set(staff)
      .expect(200);

  it('eligibility says the retirement age reached on or before the day asked, for a lower post too', async () => {
    const old = await eligibility('p-old');
    expect(old.body.eligible).toBe(false);
    expect(old.body.reasons).toEqual([
      {
        rule: 'age.retirement_reached',
        reason: expect.stringMatching(
          new RegExp(
            `^reached the retirement age: retires on 2020-01-31, on or before ${today}; no appointment takes effect on or after the retirement day \\(Bộ luật Lao động 2019`,
          ),
        ),
      },
      // Told first; the planning pool takes no one who cannot serve a full term.
      expect.objectContaining({ rule: 'planning_pool.missing' }),
    ]);
    expect((await eligibility('p-young')).body).toMatchObject({ eligible: true, reasons: [] });
    const later = await eligibility('p-young', '2045-01-01');
    expect(later.body.eligible).toBe(false);
    expect(later.body.reasons.map((r: { rule: string }) => r.rule)).toContain(
      'age.retirement_reached',
    );
  });

  it('refuses to open a case for them, naming personId and the retirement day, writing nothing', async () => {
    const refused = await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-old',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-old',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Deputy',
      })
      .expect(422);
    expect(refused.body).toMatchObject({
      rule: 'age.retirement_reached',
      field: 'personId',
      retirementDate: '2020-01-31',
    });
    expect(refused.body.message).toMatch(
      /^personId: p-old reached the retirement age: retires on 2020-01-31, on or before /,
    );
    const record = await http().get('/cadres/p-old').set(staff).expect(200);
    expect(record.body.openCases).toEqual([]);
  });

  it("refuses them as a nominee of a case for the post, naming the candidate's field", async () => {
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-post',
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Fill the post',
      })
      .expect(201);
    await http()
      .post('/cases/c-post/steps/leadership-round-1')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'post and pool agreed' })
      .expect(200);
    const refused = await http()
      .post('/cases/c-post/steps/expanded-nomination')
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-2',
        members: 25,
        summoned: 25,
        present: 24,
        invalid: 0,
        candidates: [
          { personId: 'p-young', votes: 12 },
          { personId: 'p-old', votes: 12 },
        ],
      })
      .expect(422);
    expect(refused.body).toMatchObject({
      rule: 'age.retirement_reached',
      field: 'candidates[1].personId',
    });
  });
});
