import { RecordedEvent } from '../../src/event-store/event-envelope';
import { disciplineRegisterProjection } from '../../src/read-models/discipline-register.projection';
import { PersonnelReportQueries } from '../../src/reports/personnel-report.queries';
import { createTestDatabase, TestDatabase } from '../support/test-database';

let revision = 0;
const on = (personId: string, type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `event-${(revision += 1)}`,
  streamId: `cadre-${personId}`,
  revision,
  position: `9/${revision}`,
  type,
  schemaVersion: 1,
  data: { personId, ...data },
  metadata: { actorId: 'test', correlationId: 'c', causationId: null, occurredAt: '' },
  recordedAt: '2026-12-01T00:00:00.000Z',
  hash: '',
});

const recorded = (personId: string, caseId: string, form: string, decidedOn: string) =>
  on(personId, 'DisciplineRecorded', {
    caseId,
    orgUnitId: 'ou-town',
    track: 'party',
    form,
    violationCategory: 'budget',
    decidedOn,
    effectiveFrom: decidedOn,
    barEndsOn: null,
    inEffectUntil: null,
    decisionRef: `${caseId}-QĐ`,
    ruleSetId: 'rules',
  });
const revised = (
  personId: string,
  caseId: string,
  outcome: 'changed' | 'annulled',
  revisedOn: string,
  form: string | null = null,
) =>
  on(personId, 'DisciplineRevised', {
    caseId,
    outcome,
    form,
    barEndsOn: null,
    decisionRef: `${caseId}-review`,
    revisedOn,
  });

/**
 * A report for a closed period counts the discipline as it stood at the period's end: a complaint
 * review decided later changes neither whether a decision is counted nor under which form.
 */
describe('the personnel report for a closed period', () => {
  let db: TestDatabase;
  const period = { from: '2026-01-01', to: '2026-11-23' };

  beforeAll(async () => {
    db = await createTestDatabase('report_closed_period');
    await db.pool.query(
      `INSERT INTO org_units (id, name, kind, parent_id, path) VALUES ('ou-town', 'Thị xã Demo', 'town', NULL, ARRAY['ou-town'])`,
    );
    const events = [
      recorded('p-an', 'd-reprimand', 'reprimand', '2026-11-20'),
      recorded('p-binh', 'd-warning', 'warning', '2026-06-01'),
      recorded('p-chi', 'd-annulled-within', 'reprimand', '2026-03-01'),
      recorded('p-dung', 'd-changed-within', 'warning', '2026-04-01'),
      revised('p-chi', 'd-annulled-within', 'annulled', '2026-05-01'),
      revised('p-dung', 'd-changed-within', 'changed', '2026-05-02', 'reprimand'),
      // After the period's end.
      revised('p-an', 'd-reprimand', 'annulled', '2026-11-24'),
      revised('p-binh', 'd-warning', 'changed', '2026-12-01', 'reprimand'),
    ];
    const client = await db.pool.connect();
    try {
      for (const [i, event] of events.entries())
        await disciplineRegisterProjection.handle(event, client, { sequence: i + 1 });
    } finally {
      client.release();
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('counts a decision annulled after the period and the form a later review gave it before', async () => {
    const rows = await new PersonnelReportQueries(db.pool).disciplined('ou-town', period);
    expect(rows.map((row) => [row.form, row.people, row.decisions])).toEqual([
      // d-changed-within as reviewed within the period, d-reprimand annulled only after it.
      ['reprimand', 2, 2],
      // d-warning as decided: its review came after the period.
      ['warning', 1, 1],
    ]);
  });

  it('a period that takes the later reviews in counts them', async () => {
    const rows = await new PersonnelReportQueries(db.pool).disciplined('ou-town', {
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(rows.map((row) => [row.form, row.decisions])).toEqual([['reprimand', 2]]);
  });
});
