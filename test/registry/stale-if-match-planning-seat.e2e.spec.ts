import request from 'supertest';
import { auditHistoryProjection } from '../../src/audit/audit-history.projection';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { planningSeatStream } from '../../src/cadres/planning/planning-pool-seats';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A planning-pool addition refused after it claimed its place holds no place. Two additions of one
 * person, sent at once into two pools with one place left each (planning.maxPeoplePerPost, 3)
 * under the same If-Match: one is written, the other refused with `concurrency.stale_revision`.
 * The refused one had already claimed the last place on `planningseat-<post>/<term>` (the claim is
 * made just before the record's append). Before, nothing withdrew it: for a minute (the claim's
 * freshness) another person's addition to that pool was 422 `planning_pool.post_full`, counting
 * someone who was never added.
 */
describe('a planning-pool addition refused on a stale If-Match', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const term = '2025-2030';
  const posts = ['pos-plan-a', 'pos-plan-b'];
  const person = 'p-late';

  beforeAll(async () => {
    t = await startTestApp('stale_ifm_planning_seat');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    // Posts of two levels: the person's own limit (3 posts of a level) never refuses here.
    await buildRegistry(t, staff, {
      positions: posts.map((id, at) => ({ id, rank: 4 + at })),
      people: [
        { id: 'p-first', pool: posts },
        { id: 'p-second', pool: posts },
        { id: person },
        { id: 'p-next' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * Holds the person's record appends until both additions have reached theirs, so that both have
   * passed the If-Match check and claimed their place first, as two requests a moment apart can.
   * Not held longer than a few seconds should one be refused earlier.
   */
  function meetAtTheRecordAppend(store: EventStore) {
    const append = store.append.bind(store);
    let arrived = 0;
    let bothArrived!: () => void;
    const both = new Promise<void>((resolve) => (bothArrived = resolve));
    return jest.spyOn(store, 'append').mockImplementation(async (streamId, events, options) => {
      if (streamId === `cadre-${person}`) {
        arrived += 1;
        if (arrived === 2) bothArrived();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([both, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
        clearTimeout(timer);
      }
      return append(streamId, events, options);
    });
  }

  it('withdraws its claim: another person takes the pool’s last place at once', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const read = await http().get(`/cadres/${person}`).set(staff).expect(200);
    const into = (positionId: string) =>
      http()
        .post(`/cadres/${person}/planning-pool`)
        .set(staff)
        .set('If-Match', read.headers.etag as string)
        .send({ positionId, term, decisionRef: `QĐ-${positionId}` });
    const appends = meetAtTheRecordAppend(store);
    const answers = await Promise.all(posts.map(into)).finally(() => appends.mockRestore());
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const refusedAt = answers.findIndex((answer) => answer.status === 409);
    expect(answers[refusedAt].body).toMatchObject({ rule: 'concurrency.stale_revision' });
    const refused = posts[refusedAt];

    // Another person takes that pool's last place at once, not a minute later…
    const other = await http()
      .post('/cadres/p-next/planning-pool')
      .set(staff)
      .send({ positionId: refused, term, decisionRef: 'QĐ-next' });
    expect({ status: other.status, rule: other.body.rule as unknown }).toEqual({
      status: 201,
      rule: undefined,
    });
    // …for the refused addition's claim is withdrawn on the pool's seat stream, naming why.
    const seatEvents = await store.readStream(planningSeatStream(refused, term));
    const claim = seatEvents.find(
      (event) =>
        event.type === 'PlanningPoolSeatClaimed' &&
        (event.data as { claimant: string }).claimant === person,
    );
    expect(claim).toBeDefined();
    expect(seatEvents.filter((event) => event.type === 'PlanningPoolSeatClaimWithdrawn')).toEqual([
      expect.objectContaining({
        data: { claimId: claim!.id, claimant: person, reason: 'record_not_written' },
      }),
    ]);
    // The pool is now full with the three on record: the refused person is not among them.
    const fourth = await http()
      .post(`/cadres/${person}/planning-pool`)
      .set(staff)
      .send({ positionId: refused, term, decisionRef: 'QĐ-again' });
    expect(fourth.status).toBe(422);
    expect(fourth.body.rule).toBe('planning_pool.post_full');
  });

  it('shows the withdrawal to the auditors of the post’s unit, beside the claim it names', async () => {
    // The workers do not run in this suite: fill the audit history read model once.
    const store = t.app.get<EventStore>(EVENT_STORE);
    // A rebuild reads the log's settled part, which a transaction still running elsewhere in the
    // cluster holds back for a moment: wait until the withdrawal is in it.
    for (let tries = 0; tries < 300; tries += 1) {
      const settled = await store.readAll('start', {
        limit: 1000,
        filter: { streamPrefix: 'planningseat-' },
      });
      if (settled.some((event) => event.type === 'PlanningPoolSeatClaimWithdrawn')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await rebuildProjection({ pool: t.db.pool, store, projection: auditHistoryProjection });
    const auditor = {
      Authorization: `Bearer ${t.token('u-auditor', ['auditor'], 'ou-town')}`,
    };
    const exported = await http().get('/audit/export?format=ndjson').set(auditor).expect(200);
    const lines = exported.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { streamId: string; type: string });
    const withdrawals = lines.filter((line) => line.type === 'PlanningPoolSeatClaimWithdrawn');
    expect(withdrawals).toHaveLength(1);
    expect(withdrawals[0].streamId).toMatch(/^planningseat-pos-plan-[ab]\/2025-2030$/);
    const ofItsStream = lines.filter((line) => line.streamId === withdrawals[0].streamId);
    expect(ofItsStream.map((line) => line.type)).toContain('PlanningPoolSeatClaimed');
  });
});
