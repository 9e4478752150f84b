import { CSV_BOM, csvLine } from '../common/csv';
import { Language } from '../common/problems/accept-language';
import {
  REGISTER_HEADERS_VI,
  registerCellVi,
  RegisterRuleSets,
} from './discipline-register-vietnamese';
import { ReadModelQueries, RegisterQuery, RegisterRecord } from './read-model.queries';

const REGISTER_COLUMNS: (keyof RegisterRecord)[] = [
  'caseId',
  'personId',
  'personName',
  'personOrgUnitId',
  'personOrgUnitName',
  'orgUnitId',
  'orgUnitName',
  'track',
  'serviceStatus',
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

/** In Vietnamese «Khối» names the service status (Cán bộ, Công chức): no column of its own. */
const VI_COLUMNS = REGISTER_COLUMNS.filter(
  (column): column is keyof typeof REGISTER_HEADERS_VI => column !== 'serviceStatus',
);

/** How many records each read of the CSV export takes. */
const CSV_PAGE = 500;

/**
 * Every record matching the query (its limit and cursor are ignored) as CSV with a BOM, read page
 * by page along the same keyset as the JSON pages so the export and the pages agree. In `vi` (the
 * web app's download) headed and labelled in Vietnamese, its rule sets named from `ruleSets`;
 * otherwise (an API client) the fields' names and codes, as the JSON has them.
 */
export async function disciplineRegisterCsv(
  queries: ReadModelQueries,
  query: RegisterQuery,
  language: Language = 'en',
  ruleSets: RegisterRuleSets = [],
): Promise<string> {
  const vi = language === 'vi';
  const columns = vi ? VI_COLUMNS : REGISTER_COLUMNS;
  const header = vi ? VI_COLUMNS.map((column) => REGISTER_HEADERS_VI[column]) : REGISTER_COLUMNS;
  const cell = (record: RegisterRecord, column: keyof RegisterRecord) =>
    vi ? registerCellVi(record, column, ruleSets) : record[column];
  let csv = CSV_BOM + csvLine(header);
  let page = await queries.disciplineRecords({ ...query, limit: CSV_PAGE, cursor: undefined });
  for (;;) {
    for (const record of page.items) csv += csvLine(columns.map((column) => cell(record, column)));
    if (!page.nextCursor) return csv;
    page = await queries.disciplineRecords({ ...query, limit: CSV_PAGE, cursor: page.nextCursor });
  }
}
