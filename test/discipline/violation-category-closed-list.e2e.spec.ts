import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { VIOLATION_CATEGORIES } from '../../src/procedures/discipline/violation-category-names';
import { DISCIPLINE_FORMS } from '../../src/procedures/discipline/discipline-forms';
import { bearerIn } from './support/party-reprimand';

/** A violation's category is one of a closed list (violation-category-names.ts), not free text. */
describe('the violation category is a closed list', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const inspector = () => bearerIn(t)('inspector', 'inspector');
  const open = (id: string, category: string, daysAgo = 30) =>
    http()
      .post('/discipline-cases')
      .set(inspector())
      .send({
        id,
        definition: 'discipline.party',
        personId: 'p-a',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm',
        violation: {
          category,
          committedOn: addDays(today, -daysAgo),
          description: 'x',
          source: 'inspection',
        },
      });
  const written = async (caseId: string) =>
    (
      await t.db.pool.query('SELECT count(*)::int AS n FROM events WHERE stream_id LIKE $1', [
        `%${caseId}%`,
      ])
    ).rows[0].n;

  beforeAll(async () => {
    t = await startTestApp('violation_category_closed');
    await buildRegistry(t, bearerIn(t)('staff', 'organization_staff'), {
      positions: [],
      people: [{ id: 'p-a' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses an unknown category with 400 naming the field and the allowed values, and writes nothing (before: "zzz_bogus" was filed)', async () => {
    const refused = await open('d-bogus', 'zzz_bogus').expect(400);
    expect(refused.body.field).toBe('violation.category');
    expect(refused.body.message).toMatch(/land_management, land, budget, .*, other/);
    expect(await written('d-bogus')).toBe(0);
  });

  it('takes both land codes: `land`, which older cases were filed under, and `land_management`', async () => {
    await open('d-land', 'land').expect(201);
    // Another act (another day): one act is handled once, `land` and `land_management` alike.
    await open('d-land-management', 'land_management', 31).expect(201);
    expect(await written('d-land')).toBeGreaterThan(0);
  });

  it('the register refuses an unknown `category` filter with 400 naming the query field and the list, and takes every code of the list (before: 200 with an empty page)', async () => {
    const register = (category: string) =>
      http()
        .get(`/discipline-records?category=${encodeURIComponent(category)}`)
        .set(inspector());
    for (const unknown of ['zzz_bogus', 'Budget', 'land management', ''])
      expect(await register(unknown).then((r) => [r.status, r.body.field, r.body.rule])).toEqual([
        400,
        'category',
        unknown === '' ? 'query.empty' : 'query.category',
      ]);
    const refused = await register('zzz_bogus');
    expect(refused.body.message).toBe(`category: one of ${VIOLATION_CATEGORIES.join(', ')}`);
    for (const category of VIOLATION_CATEGORIES) await register(category).expect(200);
  });

  it('the register refuses an unknown `form` filter the same way, and takes every form (before: 200 with an empty page)', async () => {
    const register = (form: string) =>
      http()
        .get(`/discipline-records?form=${encodeURIComponent(form)}`)
        .set(inspector());
    for (const unknown of ['khiển trách', 'Reprimand', 'removal', ''])
      expect(await register(unknown).then((r) => [r.status, r.body.field, r.body.rule])).toEqual([
        400,
        'form',
        unknown === '' ? 'query.empty' : 'query.form',
      ]);
    const refused = await register('removal');
    expect(refused.body.message).toBe(`form: one of ${DISCIPLINE_FORMS.join(', ')}`);
    for (const form of DISCIPLINE_FORMS) await register(form).expect(200);
  });
});
