import { Pool } from 'pg';
import { Actor } from '../identity/actor';
import { OrgScope } from '../identity/org-scope';

/** A case the record names, said as the case list has it, or only that the reader may not read it. */
export type CaseTitle =
  | {
      caseId: string;
      withinGrant: true;
      procedure: string;
      definition: string;
      personId: string | null;
      personName: string | null;
      positionId: string | null;
      positionTitle: string | null;
    }
  | { caseId: string; withinGrant: false };

/**
 * What of a person's record names cases: the posts ended, the entries taken off, what came back,
 * the discipline (and the case it shares a violation with), the open cases and those naming the
 * person a nominee — each list as the reader is sent it (already within the grant, a secret
 * nomination already left out), so no case is named that the page does not list.
 */
interface RecordNamingCases {
  pastPosts: { caseId: string | null; reason: string }[];
  pastPlanningPool: { caseId: string | null; reason: string }[];
  postRestorations: { caseId: string; reason: string | null }[];
  planningRestorations: { caseId: string; reason: string | null }[];
  discipline?: { caseId: string; sameViolationCaseId?: string }[];
  openCases?: { caseId: string }[];
  nominatedIn?: { caseId: string }[];
}

/** A case a reason names, as the web links it: an id has a dash between its parts. */
const CASE_IN_REASON = /\bcase ([A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)/gu;

/** The ids of the cases these entries name, by their `caseId` or in their reason, each once. */
export function casesNamedOnRecord(record: RecordNamingCases): string[] {
  return [...new Set([...namedBesideNominations(record), ...nominationsOnly(record)])];
}

/** The cases the record names other than as naming the person a nominee. */
function namedBesideNominations(record: RecordNamingCases): Set<string> {
  const entries = [
    ...record.pastPosts,
    ...record.pastPlanningPool,
    ...record.postRestorations,
    ...record.planningRestorations,
  ];
  const ids = entries.flatMap(({ caseId, reason }) => [
    ...(caseId ? [caseId] : []),
    ...[...(reason ?? '').matchAll(CASE_IN_REASON)].map((match) => match[1]),
  ]);
  const discipline = (record.discipline ?? []).flatMap((d) =>
    d.sameViolationCaseId ? [d.caseId, d.sameViolationCaseId] : [d.caseId],
  );
  return new Set([...ids, ...discipline, ...(record.openCases ?? []).map((open) => open.caseId)]);
}

/**
 * The cases the record names only as naming the person a nominee: their title says no one
 * (whom a post case appoints is its ballot's outcome, not for this page to tell).
 */
function nominationsOnly(record: RecordNamingCases): Set<string> {
  const elsewhere = namedBesideNominations(record);
  return new Set(
    (record.nominatedIn ?? []).map((open) => open.caseId).filter((id) => !elsewhere.has(id)),
  );
}

interface TitleRow {
  case_id: string;
  procedure: string;
  definition: string;
  person_id: string;
  full_name: string | null;
  position_id: string | null;
  position_title: string | null;
  org_unit_id: string;
}

/**
 * What each case the record names is (its procedure, whom and which post it is about), read from
 * the case list in one query, so a page names it by more than its id. Only a case opened in a unit
 * the reader's grant reaches is told; another is `withinGrant: false` and nothing more (its case
 * page answers 403 there). A case the list does not hold yet is left out: its id is all there is.
 */
export async function caseTitlesOnRecord(
  pool: Pool,
  scope: Pick<OrgScope, 'reaches'>,
  actor: Actor,
  record: RecordNamingCases,
): Promise<CaseTitle[]> {
  const ids = casesNamedOnRecord(record);
  if (ids.length === 0) return [];
  const { rows } = await pool.query<TitleRow>(
    `SELECT c.case_id, c.procedure, c.definition, c.person_id, p.full_name, c.position_id,
            pos.title AS position_title, c.org_unit_id
       FROM case_summaries c
       LEFT JOIN people p ON p.person_id = c.person_id
       LEFT JOIN positions pos ON pos.id = c.position_id
      WHERE c.case_id = ANY ($1::text[])
      ORDER BY c.case_id`,
    [ids],
  );
  const unnamedPerson = nominationsOnly(record);
  return Promise.all(
    rows.map(async (row) => {
      const title = titleFor(row, await scope.reaches(actor, row.org_unit_id));
      return title.withinGrant && unnamedPerson.has(row.case_id)
        ? { ...title, personId: null, personName: null }
        : title;
    }),
  );
}

function titleFor(row: TitleRow, withinGrant: boolean): CaseTitle {
  if (!withinGrant) return { caseId: row.case_id, withinGrant };
  return {
    caseId: row.case_id,
    withinGrant,
    procedure: row.procedure,
    definition: row.definition,
    personId: row.person_id || null,
    personName: row.full_name,
    positionId: row.position_id,
    positionTitle: row.position_title,
  };
}
