import { DisciplineOnRecord } from '../../cadres/person/person.state';
import { OtherDisciplineCase } from './violation-handled-once';

/**
 * A discipline imported from paper (`paper-…`, no case stream) as the once-per-track rule reads a
 * decided case (Nghị định 112/2020/NĐ-CP art. 2(2); Quy định 69-QĐ/TW): when its row gave the
 * violation's day («Ngày vi phạm»), a case or a later row on that violation is refused, as after a
 * decided case. Without the day nothing tells its violation from another of the category: null.
 */
export function importedDisciplineAsCase(
  record: DisciplineOnRecord,
  withinGrant: boolean,
): OtherDisciplineCase | null {
  if (!record.violationCommittedOn) return null;
  return {
    caseId: record.caseId,
    track: record.track,
    violation: { category: record.violationCategory, committedOn: record.violationCommittedOn },
    // A complaint review that annulled it leaves the violation open to discipline again.
    status: record.annulled ? 'annulled' : 'decided',
    withinGrant,
  };
}
