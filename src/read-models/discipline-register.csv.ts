import { CSV_BOM, csvLine } from '../common/csv';
import { ReadModelQueries, RegisterQuery, RegisterRecord } from './read-model.queries';

const REGISTER_COLUMNS: (keyof RegisterRecord)[] = [
  'caseId',
  'personId',
  'personName',
  'orgUnitId',
  'orgUnitName',
  'track',
  'form',
  'violationCategory',
  'decidedOn',
  'effectiveFrom',
  'inEffectUntil',
  'barEndsOn',
  'annulledOn',
  'status',
  'inEffect',
  'barred',
  'decisionRef',
  'revisedByRef',
  'revisedOn',
  'ruleSet',
  'sameViolationCaseId',
];

/** How many records each read of the CSV export takes. */
const CSV_PAGE = 500;

/**
 * Every record matching the query (its limit and cursor are ignored) as CSV with a BOM, read page
 * by page along the same keyset as the JSON pages so the export and the pages agree.
 */
export async function disciplineRegisterCsv(
  queries: ReadModelQueries,
  query: RegisterQuery,
): Promise<string> {
  let csv = CSV_BOM + csvLine(REGISTER_COLUMNS);
  let page = await queries.disciplineRecords({ ...query, limit: CSV_PAGE, cursor: undefined });
  for (;;) {
    for (const record of page.items)
      csv += csvLine(REGISTER_COLUMNS.map((column) => record[column]));
    if (!page.nextCursor) return csv;
    page = await queries.disciplineRecords({ ...query, limit: CSV_PAGE, cursor: page.nextCursor });
  }
}
