import { PoolClient } from 'pg';
import { inReadSnapshot } from '../../src/database/read-snapshot';
import { RecordedEvent } from '../../src/event-store/event-envelope';
import { disciplineRegisterProjection } from '../../src/read-models/discipline-register.projection';
import { PersonnelReportQueries } from '../../src/reports/personnel-report.queries';
import { createTestDatabase, TestDatabase } from '../support/test-database';

let sequence = 0;
const recorded = (personId: string, caseId: string): RecordedEvent => ({
  id: `event-${(sequence += 1)}`,
  streamId: `cadre-${personId}`,
  revision: sequence,
  position: `9/${sequence}`,
  type: 'DisciplineRecorded',
  schemaVersion: 1,
  data: {
    personId,
    caseId,
    orgUnitId: 'ou-town',
    track: 'party',
    form: 'reprimand',
    violationCategory: 'budget',
    decidedOn: '2026-03-01',
    effectiveFrom: '2026-03-01',
    barEndsOn: null,
    inEffectUntil: null,
    decisionRef: `${caseId}-QĐ`,
    ruleSetId: 'rules',
  },
  metadata: { actorId: 'test', correlationId: 'c', causationId: null, occurredAt: '' },
  recordedAt: '2026-12-01T00:00:00.000Z',
  hash: '',
});

/**
 * The personnel report's figures come from several queries; the register moves on while they
 * run. Read in one snapshot, the people disciplined and the per-unit rows count the same
 * decisions (run apart on the pool, a fresh-clone run once read three decisions in the rows and
 * one person in the total).
 */
describe('the personnel report read in one snapshot', () => {
  let db: TestDatabase;
  const period = { from: '2026-01-01', to: '2026-12-31' };
  const project = async (event: RecordedEvent) => {
    const client = await db.pool.connect();
    try {
      await disciplineRegisterProjection.handle(event, client as PoolClient, { sequence });
    } finally {
      client.release();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('report_one_snapshot');
    await db.pool.query(
      `INSERT INTO org_units (id, name, kind, parent_id, path) VALUES ('ou-town', 'Thị xã Demo', 'town', NULL, ARRAY['ou-town'])`,
    );
    await project(recorded('p-an', 'd-an'));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('does not count in its total a decision projected after its rows were read', async () => {
    const figures = await inReadSnapshot(db.pool, async (client) => {
      const queries = new PersonnelReportQueries(client);
      const rows = await queries.disciplined('ou-town', period);
      await project(recorded('p-binh', 'd-binh'));
      return { rows, people: await queries.disciplinedPeople('ou-town', period) };
    });
    expect(figures.rows.map((row) => [row.people, row.decisions])).toEqual([[1, 1]]);
    expect(figures.people).toBe(1);
    // Outside the snapshot the second decision is there.
    await expect(
      new PersonnelReportQueries(db.pool).disciplinedPeople('ou-town', period),
    ).resolves.toBe(2);
  });

  it('leaves no transaction open on the connection it gave back, even when a read fails', async () => {
    await expect(
      inReadSnapshot(db.pool, (client) => client.query('SELECT * FROM no_such_table')),
    ).rejects.toThrow(/no_such_table/);
    const open = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(open.rows[0].n).toBe(0);
  });
});
