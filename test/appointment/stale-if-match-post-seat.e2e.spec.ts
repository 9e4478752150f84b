import request from 'supertest';
import { postSeatStream, seatClaimsOf } from '../../src/cadres/post-seat-claims';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A post record refused on a stale If-Match holds no seat. Two records of one person sent at once
 * into two free one-seat posts with the same If-Match: one is written, the other refused with
 * `concurrency.stale_revision`. Before, the refused one had already claimed its post's seat on
 * `postseat-<post>` (the claim is made just before the record's append) and nothing withdrew
 * it: for a minute (the claim's freshness) another person's record into that post was 409
 * `post.held_by_another` naming a holder who never held it.
 */
describe('a post record refused on a stale If-Match', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const pairs = [
    ['pos-ifm-a1', 'pos-ifm-b1'],
    ['pos-ifm-a2', 'pos-ifm-b2'],
    ['pos-ifm-a3', 'pos-ifm-b3'],
  ];
  /** The claims live on the post's seat stream, read from the store as the registry reads them. */
  const liveClaims = async (positionId: string) =>
    seatClaimsOf(await t.app.get<EventStore>(EVENT_STORE).readStream(postSeatStream(positionId)));

  beforeAll(async () => {
    t = await startTestApp('stale_if_match_post_seat');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: pairs.flat().map((id) => ({ id, rank: 5, seats: 1 })),
      people: pairs.flatMap((_, at) => [{ id: `p-nfd${at}` }, { id: `p-d${at}` }]),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('leaves no claim on the refused post’s seat: another person’s record into it is taken at once', async () => {
    for (const [at, [first, second]] of pairs.entries()) {
      const person = `p-nfd${at}`;
      const read = await http().get(`/cadres/${person}`).set(staff).expect(200);
      const etag = read.headers.etag as string;
      const into = (positionId: string) =>
        http()
          .post(`/cadres/${person}/posts`)
          .set(staff)
          .set('If-Match', etag)
          .send({ positionId, from: '2026-01-01', termEnd: null, decisionRef: `QĐ-${positionId}` });
      const answers = await Promise.all([into(first), into(second)]);
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([201, 409]);
      const refused = answers[0].status === 409 ? first : second;
      const refusal = answers.find((answer) => answer.status === 409)!;
      expect(refusal.body).toMatchObject({ rule: 'concurrency.stale_revision' });

      // No claim of the person is live on the refused post's seat stream…
      const live = await liveClaims(refused);
      expect(live.filter((claim) => claim.personId === person)).toEqual([]);
      // …so another person's record into that post is taken at once, not refused for a minute.
      const other = await http()
        .post(`/cadres/p-d${at}/posts`)
        .set(staff)
        .send({ positionId: refused, from: '2026-06-01', termEnd: null, decisionRef: 'QĐ-2' });
      expect({ status: other.status, message: other.body.message as unknown }).toEqual({
        status: 201,
        message: undefined,
      });
    }
  });
});
