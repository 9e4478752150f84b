import { refuse } from '../../workflow/step-engine';
import { DisciplineTrack } from './discipline.events';

/** The decided case on the other track that a decision names as the same violation (read before deciding). */
export interface SameViolationCase {
  caseId: string;
  personId: string;
  track: DisciplineTrack;
  status: string;
  form: string | null;
  barEndsOn: string | null;
  decisionRef: string | null;
  /** The day its decision took effect (absent on links recorded before Dec 2026). */
  effectiveFrom?: string | null;
}

/** What a decision records about the other track's decision on the same violation. */
export interface SameViolationLink {
  sameViolationAs: Omit<SameViolationCase, 'personId' | 'status'>;
  /** The bar the person carries for the violation: the longer of the two (null: no end). */
  carriedBarEndsOn: string | null;
  carriedBarRule: string;
}

const LINK_FIELD = 'sameViolationCaseId';

function refuseLink(rule: string, message: string): never {
  refuse(
    `discipline.same_violation_${rule}`,
    `${LINK_FIELD}: ${message}`,
    'unprocessable',
    LINK_FIELD,
  );
}

/**
 * The case a decision names is one the caller may read but not a discipline case (an appointment
 * of the same unit, say): it is said so, not "does not exist". A case outside the caller's grant,
 * or one nobody opened, is refused before this (403 alike): nothing is told of its existence.
 */
export function refuseNotDisciplineCase(named: string): never {
  refuseLink(
    'not_discipline',
    `case ${named} is not a discipline case: name the other track's decided discipline case on the same violation`,
  );
}

/**
 * A person disciplined on both tracks (Party and civil service) for one violation carries the
 * longer bar; the later decision names the earlier case. The named case must be about the same
 * person, on the other track, and decided.
 */
export function linkSameViolation(
  own: { caseId: string; personId: string; track: DisciplineTrack },
  named: string,
  other: SameViolationCase | undefined,
  ownBar: { barEndsOn: string | null },
): SameViolationLink {
  if (named === own.caseId) refuseLink('self', `names this case itself (${named})`);
  if (!other) refuseLink('not_found', `discipline case ${named} does not exist`);
  if (other.personId !== own.personId)
    refuseLink(
      'other_person',
      `case ${named} is about ${other.personId}, this case about ${own.personId}`,
    );
  if (other.track === own.track)
    refuseLink(
      'same_track',
      `case ${named} is on the ${own.track} track too; one violation is disciplined once per track`,
    );
  if (other.status !== 'decided' && other.status !== 'under_review')
    refuseLink('not_decided', `case ${named} is ${other.status}, not decided`);
  const longer =
    ownBar.barEndsOn === null || other.barEndsOn === null
      ? null
      : ownBar.barEndsOn > other.barEndsOn
        ? ownBar.barEndsOn
        : other.barEndsOn;
  const { personId: _person, status: _status, ...sameViolationAs } = other;
  return {
    sameViolationAs,
    carriedBarEndsOn: longer,
    carriedBarRule: `the same violation was disciplined on the ${other.track} track (case ${other.caseId}, ${other.form}, ${other.decisionRef}, bar ${other.barEndsOn === null ? 'with no end' : `until ${other.barEndsOn}`}): the longer bar applies, ${longer === null ? 'with no end date' : `until ${longer}`}`,
  };
}
