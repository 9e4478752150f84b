import { deleteRedisKeys, testPrefix, waitFor } from '../jobs/support/jobs-harness';
import { oneYearTermRuleSets } from '../support/one-year-term-rule-sets';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import {
  ClusterInstance,
  clusterClient,
  leasesOf,
  oneHolderEach,
  startCluster,
} from './support/lease-cluster';

const CASES = 6;
/**
 * The day every case began on paper and was decided: just over a year ago, so under a one-year
 * term (the suite's rule sets) each decision's term has ended and its term-end timer is due at once.
 */
const DECIDED_ON = addDays(vietnamToday(), -380);

/**
 * Three instances of the service on one database: each projection, saga and the timer worker
 * runs on exactly one of them. The holder of most leases is killed (SIGKILL) during a burst of
 * writes; the others take its work over within 10 s, the read models catch up, and every effect
 * (the post a decision assigns, the term end its timer fires) happens once, with no instance
 * doing another's work twice.
 */
describe('worker leases across three instances', () => {
  let db: TestDatabase;
  let prefix: string;
  const cluster: ClusterInstance[] = [];
  const client = clusterClient();
  const ruleSets = oneYearTermRuleSets();

  beforeAll(async () => {
    db = await createTestDatabase('worker_leases');
    prefix = testPrefix('leases');
    await startCluster(cluster, 3, {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      RULE_SETS_DIR: ruleSets.dir,
    });
    await registerTown(cluster[0].base);
  }, 900_000);
  afterAll(async () => {
    await Promise.all(cluster.map((instance) => instance.process.stop()));
    await deleteRedisKeys(prefix);
    await db?.drop();
    ruleSets.remove();
  }, 60_000);

  it('runs each worker on one instance, fails over within 10 s of a kill -9, and does each effect once', async () => {
    const holders = await waitFor(() => oneHolderEach(cluster), 'one holder per lease', 60_000);
    const counts = [0, 1, 2].map((i) => [...holders.values()].filter((h) => h === i).length);
    const victim = counts.indexOf(Math.max(...counts));
    const survivors = cluster.filter((_, i) => i !== victim);
    expect(counts[victim]).toBeGreaterThan(0);

    // The burst goes to the survivors; the victim dies once a third of its writes are in.
    let writes = 0;
    // Timed from the kill to the moment the survivors hold every lease, while the burst goes on.
    const takeover = waitFor(async () => writes >= CASES * 3, 'a third of the burst', 120_000).then(
      async () => {
        await cluster[victim].process.kill();
        const killedAt = Date.now();
        await waitFor(() => oneHolderEach(survivors), 'the survivors to hold every lease', 30_000);
        return Date.now() - killedAt;
      },
    );
    await Promise.all(
      Array.from({ length: CASES }, (_, i) =>
        driveCase(survivors[i % survivors.length].base, i, () => (writes += 1)),
      ),
    );
    expect(await takeover).toBeLessThan(10_000);
    const afterKill = await Promise.all(survivors.map(leasesOf));
    expect(afterKill.flatMap((view) => view!.held).sort()).toEqual([...holders.keys()].sort());

    // Every decision's effects: its post assigned, then its term's end fired (the one-year term
    // began over a year ago, so its end is past and the timer is due at once) and the post
    // ended — once each. A
    // timer job the victim had taken is BullMQ's to hand on once its lock lapses (lockDuration +
    // stalledInterval: up to 60 s).
    // Each decision also ends the deputy post its appointee held (not kept concurrently): only the
    // term ends say the timers fired.
    await waitFor(
      async () =>
        (await count(`type = 'PostEnded.v1' AND data->>'reason' LIKE 'term ended%'`)) >= CASES,
      'every term end to fire',
      150_000,
    ).catch(async (error: Error) => {
      const { rows } = await db.pool.query(
        `SELECT type, count(*) FROM events WHERE type LIKE 'Timer%' OR type LIKE 'Post%' GROUP BY type`,
      );
      throw new Error(`${error.message}: ${JSON.stringify(rows)}`);
    });
    await waitFor(async () => (await lagging()) === 0, 'every read model to catch up', 60_000);
    for (let i = 0; i < CASES; i += 1) {
      expect(await count(`type = 'PostAssigned.v1' AND data->>'caseId' = 'c-lease-${i}'`)).toBe(1);
      expect(
        await count(`type = 'PostEnded.v1' AND data->>'reason' LIKE '%case c-lease-${i})'`),
      ).toBe(1);
    }
    const { rows: fired } = await db.pool.query<{ timer: string; n: string }>(
      `SELECT stream_id AS timer, count(*) AS n FROM events WHERE type = 'TimerFired.v1'
        GROUP BY stream_id HAVING count(*) > 1`,
    );
    expect(fired).toEqual([]);
    const { rows: parked } = await db.pool.query('SELECT key FROM dead_letters');
    expect(parked).toEqual([]);
    for (const instance of cluster) expect(instance.process.log).not.toMatch(/is already used/);
  }, 400_000);

  async function count(where: string): Promise<number> {
    const { rows } = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM events WHERE ${where}`,
    );
    return Number(rows[0].n);
  }

  /** Projections whose checkpoint is not at the store's last event. */
  async function lagging(): Promise<number> {
    const { rows } = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM projection_checkpoints
        WHERE position IS DISTINCT FROM (
          SELECT transaction_id::text || '/' || global_position FROM events
           ORDER BY transaction_id DESC, global_position DESC LIMIT 1)`,
    );
    return Number(rows[0].n);
  }

  async function registerTown(base: string): Promise<void> {
    await client.post(base, '/org-units', 'admin', { id: 'ou-town', name: 'Thị xã', kind: 'town' });
    await client.post(base, '/positions', 'staff', {
      id: 'pos-deputy',
      title: 'Phó Trưởng ban',
      orgUnitId: 'ou-town',
      appointingAuthority: 'ou-town',
      rank: 4,
    });
    for (let i = 0; i < CASES; i += 1) {
      await client.post(base, '/positions', 'staff', {
        id: `pos-head-${i}`,
        title: `Trưởng ban ${i}`,
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 5,
      });
    }
    for (let i = 0; i <= CASES; i += 1) {
      const id = `p-${i}`;
      await client.post(base, '/cadres', 'staff', {
        id,
        fullName: `Người ${i}`,
        dateOfBirth: '1980-04-12',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-town',
      });
      await client.post(base, `/cadres/${id}/posts`, 'staff', {
        positionId: 'pos-deputy',
        from: '2015-03-01',
        termEnd: null,
        decisionRef: '45-QĐ/TU',
      });
      if (i < CASES)
        await client.post(base, `/cadres/${id}/planning-pool`, 'staff', {
          positionId: `pos-head-${i}`,
          term: '2025-2030',
          decisionRef: '112-QĐ/TU',
        });
    }
  }

  async function driveCase(base: string, i: number, wrote: () => void): Promise<void> {
    const caseId = `c-lease-${i}`;
    // Began on paper, signed and effective over a year ago: the one-year term has ended, so its
    // term-end timer fires at once. A records clerk opens it as of that day, and its steps were
    // held then (a step is not dated before the case was opened, nor before the one before it).
    const personId = `p-${i}`;
    const nomination = {
      heldOn: DECIDED_ON,
      minutesRef: 'BB-2',
      members: 25,
      summoned: 25,
      present: 24,
      invalid: 0,
      candidates: [
        { personId, votes: 17 },
        { personId: `p-${CASES}`, votes: 7 },
      ],
    };
    const ballot = {
      heldOn: DECIDED_ON,
      minutesRef: 'BB-3',
      tally: { members: 13, summoned: 13, present: 12, for: 9, against: 3, abstain: 0, invalid: 0 },
    };
    const steps: [string, 'staff' | 'secretary' | 'leader', unknown][] = [
      [
        'leadership-round-1',
        'staff',
        { heldOn: DECIDED_ON, minutesRef: 'BB-1', conclusion: 'agreed' },
      ],
      ['expanded-nomination', 'secretary', nomination],
      ['leadership-round-2', 'secretary', ballot],
      ['key-officials-nomination', 'secretary', nomination],
      ['leadership-round-3', 'secretary', ballot],
      [
        'vetting',
        'staff',
        {
          heldOn: DECIDED_ON,
          items: ['background', 'asset_declaration', 'political_standards']
            .concat(['residence_party_cell_opinion', 'health'])
            .map((item) => ({ item, result: 'cleared', note: 'verified' })),
        },
      ],
      [
        'decision',
        'leader',
        {
          heldOn: DECIDED_ON,
          number: `${i}-QĐ`,
          signer: 'Bí thư',
          effectiveFrom: DECIDED_ON,
        },
      ],
    ];
    await client.post(base, '/cases', 'clerk', {
      id: caseId,
      procedure: 'appointment',
      definition: 'appointment.internal',
      personId,
      positionId: `pos-head-${i}`,
      orgUnitId: 'ou-town',
      summary: 'Bổ nhiệm',
      openedOn: DECIDED_ON,
      paperRecordRef: `HS-${i}`,
    });
    wrote();
    for (const [step, who, body] of steps) {
      await client.post(base, `/cases/${caseId}/steps/${step}`, who, body);
      wrote();
    }
  }
});
