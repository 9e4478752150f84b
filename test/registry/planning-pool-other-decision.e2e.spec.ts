import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A planning-pool entry sent again with another decision (an outside tester's finding: three
 * sent at once with 91, 92 and 93-QĐ/TU all answered 201 and only one decision was kept; 91 again
 * answered 201 and wrote nothing). Only the identical entry writes nothing; another decision for
 * an entry in the pool is 409 `planning_pool.other_decision` naming the decision on record.
 */
describe('planning pool: an entry again with another decision', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });
  const add = (decisionRef: string) =>
    http()
      .post('/cadres/p-pool/planning-pool')
      .set(staff())
      .send({ positionId: 'pos-pl', term: '2025-2030', decisionRef });
  const eventCount = () =>
    streamEventCount(t.db.pool, ['cadre-p-pool', 'planningseat-%', 'postseat-pos-pl'], {
      requestsOnly: true,
    });

  beforeAll(async () => {
    t = await startTestApp('pool_other_decision');
    await buildRegistry(t, staff(), {
      positions: [{ id: 'pos-pl', rank: 4 }],
      people: [{ id: 'p-pool' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps one decision of three sent at once and refuses the others 409, naming it; the same one again writes nothing', async () => {
    const answers = await Promise.all(['91-QĐ/TU', '92-QĐ/TU', '93-QĐ/TU'].map(add));
    const taken = answers.filter((a) => a.status === 201);
    expect(taken).toHaveLength(1);
    const kept = taken[0].body.planningPool[0].decisionRef as string;
    // Before: all three 201.
    for (const refused of answers.filter((a) => a.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        rule: 'planning_pool.other_decision',
        field: 'decisionRef',
      });
      expect(refused.body.detail).toContain(`by ${kept}`);
    }
    const written = await eventCount();
    const other = kept === '91-QĐ/TU' ? '92-QĐ/TU' : '91-QĐ/TU';
    await add(other).expect(409);
    const same = await add(kept).expect(201);
    expect(same.body.planningPool).toEqual([
      expect.objectContaining({ positionId: 'pos-pl', decisionRef: kept }),
    ]);
    expect(await eventCount()).toBe(written);
  });
});
