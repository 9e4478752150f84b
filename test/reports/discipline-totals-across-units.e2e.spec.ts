import request from 'supertest';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  // Up to a minute: on a loaded machine the read models have lagged more than ten seconds.
  for (let tries = 0; tries < 1200 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

interface Total {
  track: string;
  form: string;
  people: number;
  decisions: number;
}

/**
 * The report's totals per track and form count each person once, though the rows count per
 * deciding unit: a ward official reprimanded by the city (her record is managed by the ward, so
 * the ward's report takes the city's decision in) and by the ward itself is one person
 * reprimanded, under one track, twice. Before, the totals added the units' rows up and made her
 * two people.
 */
describe('discipline totals per track and form across the deciding units', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);

  const person = (id: string, orgUnitId: string) =>
    http()
      .post('/cadres')
      .set(h.cityStaff)
      .send({
        id,
        fullName: `Người ${id}`,
        dateOfBirth: '1975-05-05',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId,
      })
      .expect(201);

  /** A Party reprimand decided by `unit` ('city' or 'ward'), each step by that unit's people. */
  const reprimand = async (
    id: string,
    personId: string,
    unit: 'city' | 'ward',
    category: string,
  ) => {
    const as = (role: string) => h[`${unit}.${role}`];
    await http()
      .post('/discipline-cases')
      .set(as('inspector'))
      .send({
        id,
        definition: 'discipline.party',
        personId,
        orgUnitId: `ou-${unit}`,
        summary: `Kỷ luật ${personId}`,
        violation: {
          category,
          committedOn: addDays(today, -30),
          description: 'x',
          source: 'inspection',
        },
      })
      .expect(201);
    for (const [stepId, role, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
      ['review', 'inspector', {}],
    ] as const)
      await http()
        .post(`/discipline-cases/${id}/steps/${stepId}`)
        .set(as(role))
        .send({ heldOn: today, minutesRef: 'B', conclusion: 'x', ...extra })
        .expect(200);
    await http()
      .post(`/discipline-cases/${id}/steps/ballot`)
      .set(as('secretary'))
      .send({
        heldOn: today,
        minutesRef: 'B',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { reprimand: 5 },
        },
      })
      .expect(200);
    await http()
      .post(`/discipline-cases/${id}/steps/decision`)
      .set(as('leader'))
      .send({
        heldOn: today,
        number: `${id}-QĐ`,
        signer: 'x',
        form: 'reprimand',
        effectiveFrom: today,
      })
      .expect(200);
  };

  beforeAll(async () => {
    t = await startTestApp('discipline_totals_units', { RUN_WORKERS: 'true' });
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-city')}` };
    for (const unit of [
      { id: 'ou-city', name: 'Thành phố Demo', kind: 'province' },
      { id: 'ou-ward', name: 'Phường Một', kind: 'ward', parentId: 'ou-city' },
    ])
      await http().post('/org-units').set(admin).send(unit).expect(201);
    for (const unit of ['city', 'ward'])
      for (const [role, roles] of [
        ['staff', ['organization_staff']],
        ['inspector', ['inspector']],
        ['secretary', ['ballot_secretary']],
        ['leader', ['leadership']],
      ] as const)
        h[`${unit}.${role}`] = {
          Authorization: `Bearer ${t.token(`u-${unit}-${role}`, [...roles], `ou-${unit}`)}`,
        };
    h.cityStaff = h['city.staff'];
    await person('p-both', 'ou-ward');
    await person('p-city-only', 'ou-ward');
    await reprimand('d-city', 'p-both', 'city', 'budget');
    await reprimand('d-ward', 'p-both', 'ward', 'ethics');
    await reprimand('d-city-other', 'p-city-only', 'city', 'land');
  });
  afterAll(async () => {
    await t?.close();
  });

  // The read models follow the store by a moment: read until every decision is in.
  const report = (who: string, decisions: number) =>
    eventually(
      () => http().get('/reports/personnel').set(h[who]),
      (r) =>
        r.status === 200 &&
        r.body.discipline.rows.reduce((n: number, row: Total) => n + row.decisions, 0) ===
          decisions,
    );

  it('the city counts the official reprimanded by the city and by the ward once in the total (before: 3 people for 2)', async () => {
    const { body } = await report('city.staff', 3);
    expect(body.discipline.people).toBe(2);
    // The rows stay per deciding unit: each unit reprimanded her.
    expect(
      body.discipline.rows.map((r: Total & { orgUnitId: string }) => [
        r.orgUnitId,
        r.people,
        r.decisions,
      ]),
    ).toEqual([
      ['ou-ward', 1, 1],
      ['ou-city', 2, 2],
    ]);
    expect(body.discipline.totals).toEqual([
      { track: 'party', serviceStatus: null, form: 'reprimand', people: 2, decisions: 3 },
    ]);
  });

  it('the ward, which takes the city’s decision on its official in, counts her once too (before: 3 people for 2)', async () => {
    const { body } = await report('ward.staff', 3);
    expect(body.discipline.people).toBe(2);
    expect(body.discipline.totals).toEqual([
      { track: 'party', serviceStatus: null, form: 'reprimand', people: 2, decisions: 3 },
    ]);
  });
});
