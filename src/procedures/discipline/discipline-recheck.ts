import { PersonState } from '../../cadres/person/person.state';
import { OpenCaseSeen, RecordWrite } from '../case/record/record-writes';

/**
 * After the record is revised, each other open case reads its discipline flag (and its pool flag,
 * for the entries given back) again from it: one
 * the annulled (or lightened) decision raised and the record no longer bears out is cleared (the
 * case decides, on the record it reads then; a redelivery finds nothing left to clear). Before,
 * the annulled decision's flag stayed on the open cases and nothing could clear it.
 */
export function recheckOpenCases(
  caseId: string,
  person: Extract<PersonState, { status: 'registered' }>,
  openCases: OpenCaseSeen[],
): RecordWrite[] {
  const known = new Set(person.openCases.map((c) => c.caseId));
  return openCases
    .filter((open) => known.has(open.caseId))
    .filter((open) => open.procedure !== 'discipline' && open.status === 'open')
    .flatMap((open) =>
      // The pool item too: the pool entries the decision took off may have come back.
      (['discipline_bar', 'planning_pool'] as const).map((item) => ({
        to: 'case' as const,
        caseId: open.caseId,
        orgUnitId: open.orgUnitId,
        key: item === 'discipline_bar' ? 'recheck' : `recheck:${item}`,
        command: {
          type: 'RecheckVettingItemFromRecord' as const,
          data: { item, causeRef: caseId },
        },
      })),
    );
}
