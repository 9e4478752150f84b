import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Staff filling one post's pool at once: the post's seat stream lets one claim through at a time,
 * and each claim is counted, its person's entry on the record or still being appended. Before: a
 * claim whose entry was appended between the two reads that count it counted as neither, and a
 * fourth person got a place (about one burst in ten here; this test runs six at once).
 */
describe('planning pool under concurrent additions', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const people = Array.from({ length: 8 }, (_, i) => `p-${i + 1}`);
  const posts = Array.from({ length: 6 }, (_, i) => `pos-${i + 1}`);

  beforeAll(async () => {
    t = await startTestApp('planning_pool_race');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    // Each post of its own level: the per-person limit (3 posts of a level) never refuses here.
    await buildRegistry(t, staff, {
      positions: posts.map((id, i) => ({ id, rank: i + 1 })),
      people: people.map((id) => ({ id })),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('eight people at once for each of six posts: no pool takes more than its three', async () => {
    const answers = await Promise.all(
      posts.flatMap((post) =>
        people.map(async (id) => ({
          post,
          answer: await http()
            .post(`/cadres/${id}/planning-pool`)
            .set(staff)
            .send({ positionId: post, term: '2030-2035', decisionRef: '112-QĐ/TU' }),
        })),
      ),
    );
    let placedInAll = 0;
    for (const post of posts) {
      const mine = answers.filter((a) => a.post === post).map((a) => a.answer);
      const placed = mine.filter((a) => a.status === 201).length;
      placedInAll += placed;
      // Before: four in one pool, about one burst in ten.
      expect({ post, overfilled: placed > 3 }).toEqual({ post, overfilled: false });
      expect(placed).toBeGreaterThan(0);
      // A refusal says the pool is full, or (a claim that met others five times) to try again.
      for (const refused of mine.filter((a) => a.status !== 201))
        expect(['planning_pool.post_full', 'planning_pool.busy']).toContain(refused.body.rule);
    }
    // The records agree with the answers: no place given without its 201, none twice.
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM events WHERE type LIKE 'PlanningPoolEntryAdded%'`,
    );
    expect(rows[0].n).toBe(placedInAll);
  });
});
