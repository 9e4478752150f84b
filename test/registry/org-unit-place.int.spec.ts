import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Scope checks keep each unit's path per process (src/identity/org-scope.ts): that is only safe
 * while a registered unit never moves, so the database refuses it.
 */
describe("an org unit's place in the tree", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('org-unit-place');
    await db.pool.query(
      `INSERT INTO org_units (id, name, kind, parent_id, path) VALUES
         ('ou-a', 'A', 'province', NULL, ARRAY['ou-a']),
         ('ou-b', 'B', 'province', NULL, ARRAY['ou-b']),
         ('ou-a-1', 'A1', 'commune', 'ou-a', ARRAY['ou-a', 'ou-a-1'])`,
    );
  });
  afterAll(async () => {
    await db?.drop();
  });

  const paths = async () =>
    (await db.pool.query('SELECT id, parent_id, path FROM org_units ORDER BY id')).rows;

  it('cannot be moved, renamed to another id or deleted; its name and kind can change', async () => {
    const before = await paths();
    for (const statement of [
      "UPDATE org_units SET parent_id = 'ou-b', path = ARRAY['ou-b', 'ou-a-1'] WHERE id = 'ou-a-1'",
      "UPDATE org_units SET path = ARRAY['ou-b', 'ou-a-1'] WHERE id = 'ou-a-1'",
      "UPDATE org_units SET id = 'ou-c' WHERE id = 'ou-b'",
      "DELETE FROM org_units WHERE id = 'ou-a-1'",
      'TRUNCATE org_units CASCADE',
    ])
      await expect(db.pool.query(statement)).rejects.toMatchObject({ code: '23001' });
    expect(await paths()).toEqual(before);
    await db.pool.query("UPDATE org_units SET name = 'A một', kind = 'ward' WHERE id = 'ou-a-1'");
    const { rows } = await db.pool.query("SELECT name, kind FROM org_units WHERE id = 'ou-a-1'");
    expect(rows).toEqual([{ name: 'A một', kind: 'ward' }]);
  });
});
