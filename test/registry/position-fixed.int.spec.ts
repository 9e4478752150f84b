import { KeptPositions } from '../../src/cadres/kept-positions';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Each process keeps the posts it has read (src/cadres/kept-positions.ts) for scope checks, ranks
 * and the procedures' checks: that is only safe while a registered post never changes, so the
 * database refuses it.
 */
describe('a registered post', () => {
  let db: TestDatabase;
  let other: TestDatabase;

  const insertPost = (database: TestDatabase, id: string, unit: string, rank: number) =>
    database.pool.query(
      `INSERT INTO positions (id, title, org_unit_id, appointing_authority, rank, is_leadership)
       VALUES ($1, 'Phó Giám đốc', $2, $2, $3, true)`,
      [id, unit, rank],
    );

  beforeAll(async () => {
    [db, other] = await Promise.all([
      createTestDatabase('position-fixed'),
      createTestDatabase('position-fixed-other'),
    ]);
    for (const database of [db, other])
      await database.pool.query(
        `INSERT INTO org_units (id, name, kind, parent_id, path) VALUES
           ('ou-a', 'A', 'province', NULL, ARRAY['ou-a']),
           ('ou-b', 'B', 'province', NULL, ARRAY['ou-b'])`,
      );
    await insertPost(db, 'pos-a', 'ou-a', 5);
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), other?.drop()]);
  });

  const posts = async () => (await db.pool.query('SELECT * FROM positions ORDER BY id')).rows;

  it('cannot be moved to another unit, re-ranked, renamed to another id or deleted', async () => {
    const before = await posts();
    for (const statement of [
      "UPDATE positions SET org_unit_id = 'ou-b' WHERE id = 'pos-a'",
      "UPDATE positions SET appointing_authority = 'ou-b' WHERE id = 'pos-a'",
      "UPDATE positions SET rank = 9 WHERE id = 'pos-a'",
      "UPDATE positions SET title = 'Giám đốc', is_leadership = false WHERE id = 'pos-a'",
      "UPDATE positions SET id = 'pos-c' WHERE id = 'pos-a'",
      "DELETE FROM positions WHERE id = 'pos-a'",
      'TRUNCATE positions CASCADE',
    ])
      await expect(db.pool.query(statement)).rejects.toMatchObject({ code: '23001' });
    expect(await posts()).toEqual(before);
  });

  it('is found once registered by anyone, though it was asked for before it existed', async () => {
    const kept = KeptPositions.of(db.pool);
    expect(await kept.find('pos-late')).toBeNull();
    // Another instance registers it: this process must not go on answering "no such post".
    await insertPost(db, 'pos-late', 'ou-b', 3);
    expect(await kept.find('pos-late')).toMatchObject({ orgUnitId: 'ou-b', rank: 3 });
  });

  it("is kept per database: a post of the same id in another database is that database's", async () => {
    await insertPost(other, 'pos-a', 'ou-b', 1);
    expect(await KeptPositions.of(db.pool).find('pos-a')).toMatchObject({ orgUnitId: 'ou-a' });
    expect(await KeptPositions.of(other.pool).find('pos-a')).toMatchObject({ orgUnitId: 'ou-b' });
    const ranks = await KeptPositions.of(db.pool).findAll(['pos-a', 'pos-late', 'pos-none']);
    expect([...ranks].map(([id, post]) => [id, post.rank])).toEqual([
      ['pos-a', 5],
      ['pos-late', 3],
    ]);
  });
});
