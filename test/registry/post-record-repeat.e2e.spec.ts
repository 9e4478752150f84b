import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A post recorded again on the term the record holds writes nothing, as a repeated status period
 * or planning-pool entry (an outside tester's finding: the same body sent three times, two of
 * them at once, answered 201 each time and appended three identical `PostAssigned`). Two sent at
 * once meet on the record's revision: the second is decided on the record after the first.
 */
describe('person record: a post recorded again', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const as = (userId: string) => ({
    Authorization: `Bearer ${t.token(userId, ['organization_staff'], 'ou-town')}`,
  });
  const post = (personId: string, body: Record<string, unknown>, key: string) =>
    http().post(`/cadres/${personId}/posts`).set(as('u-a')).set('Idempotency-Key', key).send(body);
  /** The events of the case's own streams (the person's record, the post's seat stream) of a type. */
  const count = async (streamId: string, type: string) =>
    (
      await t.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND type LIKE $2 || '%'`,
        [streamId, type],
      )
    ).rows[0].n;

  beforeAll(async () => {
    t = await startTestApp('post_record_repeat');
    await buildRegistry(t, as('u-a'), {
      positions: [
        { id: 'pos-w1', rank: 5, seats: 1 },
        { id: 'pos-free', rank: 4 },
      ],
      people: [{ id: 'p-w1' }, { id: 'p-w3' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records the same post three times, two of them at once, once; each answers 201 with the record as it is', async () => {
    const body = {
      positionId: 'pos-w1',
      from: '2024-03-01',
      termEnd: '2029-03-01',
      decisionRef: '12/QĐ-UBND',
    };
    const first = await post('p-w1', body, 'k-1').expect(201);
    // Before: 201 each, and three PostAssigned on the record.
    const [second, third] = await Promise.all([
      post('p-w1', body, 'k-2'),
      post('p-w1', body, 'k-3'),
    ]);
    expect([second.status, third.status]).toEqual([201, 201]);
    expect(second.body.revision).toBe(first.body.revision);
    expect(third.body.revision).toBe(first.body.revision);
    expect(third.body.posts).toEqual(first.body.posts);
    expect(await count('cadre-p-w1', 'PostAssigned')).toBe(1);
    expect(await count('postseat-pos-w1', '')).toBe(1);
  });

  it('writes what differs: another term end, another decision', async () => {
    const body = {
      positionId: 'pos-free',
      from: '2024-03-01',
      termEnd: '2029-03-01',
      decisionRef: '13/QĐ-UBND',
    };
    await post('p-w3', body, 'k-4').expect(201);
    await post('p-w3', { ...body, termEnd: '2029-06-01' }, 'k-5').expect(201);
    const changed = await post(
      'p-w3',
      { ...body, termEnd: '2029-06-01', decisionRef: '14' },
      'k-6',
    );
    expect(changed.status).toBe(201);
    expect(changed.body.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-free', termEnd: '2029-06-01', decisionRef: '14' }),
    ]);
    expect(await count('cadre-p-w3', 'PostAssigned')).toBe(3);
  });
});
