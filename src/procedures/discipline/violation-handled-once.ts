import { refuse } from '../../workflow/step-engine';
import { DisciplineTrack, Violation } from './discipline.events';
import { canonicalViolationCategory } from './violation-category-names';

export const VIOLATION_ALREADY_HANDLED_RULE = 'discipline.violation_already_handled';

/**
 * Another discipline case about the same person, as the rule reads it (from the person's record
 * and that case's stream, read before deciding): its track, its violation, where it stands, and
 * whether the caller's grant reaches its unit (otherwise the refusal does not name it).
 */
export interface OtherDisciplineCase {
  caseId: string;
  track: DisciplineTrack;
  violation: Pick<Violation, 'category' | 'committedOn' | 'distinctViolation'>;
  /** The case's status: `open`, `decided`, `under_review`, `annulled`, `closed`, `time_barred`. */
  status: string;
  withinGrant: boolean;
}

/** Open, or decided with a decision no complaint review annulled (under review: it still applies). */
const HANDLING = new Set(['open', 'decided', 'under_review']);

/**
 * One violation is disciplined once, with one form, on each track (Nghị định 112/2020/NĐ-CP art.
 * 2(2), kept by Nghị định 172/2025; Quy định 69-QĐ/TW for Party discipline). The same violation is
 * the same category committed on the same day: the opening carries nothing finer; a category
 * filed under an older code is its current one (`land` is `land_management`). A different
 * description does not make it another one (the same act is told in other words by two units);
 * an opener who knows it is another act of that category that day states why
 * (`violation.distinctViolation`), on the record, and the two cases are then not compared.
 */
export function sameViolationHandled(
  own: { caseId: string; track: DisciplineTrack; violation: OtherDisciplineCase['violation'] },
  others: readonly OtherDisciplineCase[] | undefined,
): OtherDisciplineCase | undefined {
  if (own.violation.distinctViolation) return undefined;
  return (others ?? []).find(
    (other) =>
      other.caseId !== own.caseId &&
      other.track === own.track &&
      HANDLING.has(other.status) &&
      !other.violation.distinctViolation &&
      canonicalViolationCategory(other.violation.category) ===
        canonicalViolationCategory(own.violation.category) &&
      other.violation.committedOn === own.violation.committedOn,
  );
}

/**
 * 409 `discipline.violation_already_handled` when another case of the track handles the same
 * violation of the person: named where the caller's grant reaches it, otherwise only said to be
 * another unit's (nothing else of it is told).
 */
export function refuseViolationAlreadyHandled(
  own: { caseId: string; track: DisciplineTrack; violation: OtherDisciplineCase['violation'] },
  others: readonly OtherDisciplineCase[] | undefined,
  field?: string,
): void {
  const other = sameViolationHandled(own, others);
  if (!other) return;
  const { category, committedOn } = own.violation;
  const standing = other.status === 'open' ? 'open' : 'decided';
  const which = other.withinGrant
    ? `case ${other.caseId} (${standing})`
    : 'a case opened by another unit';
  refuse(
    VIOLATION_ALREADY_HANDLED_RULE,
    `${field ? `${field}: ` : ''}the ${category} violation of ${committedOn} is already handled on the ${own.track} track by ${which}; one violation is disciplined once, with one form (Nghị định 112/2020/NĐ-CP art. 2(2); Quy định 69-QĐ/TW). If it is another violation of that category that day, say why in violation.distinctViolation`,
    'conflict',
    field,
    other.withinGrant
      ? { otherCaseId: other.caseId, otherCaseStatus: standing }
      : { openedByAnotherUnit: true },
  );
}
