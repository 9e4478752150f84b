import { CaseState } from './decider/case.state';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { statedTermEnd } from './decider/stated-term-end';

/**
 * A case another case waits for (an approval in principle, an inter-level consultation), as the
 * waiting case's checks read it: whether it was given, and until when it holds.
 */
export interface PrerequisiteCase {
  caseId: string;
  procedure: string;
  positionId: string;
  /** The person it was asked for (empty for a case about the post alone). */
  personId: string | null;
  status: 'open' | 'decided' | 'rejected' | 'withdrawn';
  /** The open case's current step is due on this day. */
  dueOn: string | null;
  /** What was given: its number, the day it was signed and the last day it holds. */
  given: { number: string; heldOn: string; holdsUntil: string } | null;
  /** Why the other body refused or the unit withdrew. */
  endReason: string | null;
}

/** What a waiting case reads of a case's state (null: no such case). */
export function prerequisiteCaseFrom(state: CaseState): PrerequisiteCase | null {
  if (state.status === 'none') return null;
  return {
    caseId: state.caseId,
    procedure: state.procedure,
    positionId: state.positionId,
    personId: state.personId || null,
    status: state.status,
    dueOn: state.status === 'open' ? state.currentStepDueOn : null,
    given:
      state.status === 'decided'
        ? {
            number: state.decision.number,
            heldOn: state.decision.heldOn,
            holdsUntil: statedTermEnd(state.decision),
          }
        : null,
    endReason:
      state.status === 'rejected'
        ? state.rejection.reason
        : state.status === 'withdrawn'
          ? state.withdrawal.reason
          : null,
  };
}

/** How a waiting procedure names a prerequisite in its refusals. */
export interface PrerequisiteNames {
  /** `appointment.approval_in_principle`: the refusals are `<rule>_pending`, `_refused`, `_expired`. */
  rule: string;
  /** "the approval in principle" */
  what: string;
  /** The waiting case's field that names the prerequisite (`approvalInPrincipleCaseId`). */
  field: string;
  /** Whether what was given runs out (an approval's completion period; an agreement does not). */
  runsOut: boolean;
}

/**
 * Refuses while the prerequisite has not been given, after it was refused or withdrawn, and
 * after the last day it holds; each refusal names the case and the days.
 */
export function refuseUntilGiven(
  prerequisite: PrerequisiteCase,
  today: string,
  names: PrerequisiteNames,
): void {
  const { caseId } = prerequisite;
  if (prerequisite.status === 'open')
    throw new DomainRuleViolation(
      `${names.rule}_pending`,
      `${names.what} (${caseId}) has not been given yet${prerequisite.dueOn ? `: its current step is due on ${prerequisite.dueOn}` : ''}`,
      'unprocessable',
      names.field,
    );
  if (prerequisite.status !== 'decided' || !prerequisite.given)
    throw new DomainRuleViolation(
      `${names.rule}_refused`,
      `${names.what} (${caseId}) was ${prerequisite.status}: ${prerequisite.endReason ?? 'no reason recorded'}`,
      'unprocessable',
      names.field,
    );
  const { number, heldOn, holdsUntil } = prerequisite.given;
  if (names.runsOut && today > holdsUntil)
    throw new DomainRuleViolation(
      `${names.rule}_expired`,
      `${names.what} ${number} (${caseId}) of ${heldOn} gave until ${holdsUntil} to complete the appointment; today is ${today}`,
      'unprocessable',
      names.field,
    );
}

/** Loads a prerequisite case by id through `stateOf` (null: no case of that id). */
export async function loadPrerequisite(
  stateOf: (caseId: string) => Promise<CaseState>,
  caseId: string,
): Promise<PrerequisiteCase | null> {
  try {
    return prerequisiteCaseFrom(await stateOf(caseId));
  } catch (error) {
    // No case of that id: the opening names the field; anything else is not ours to hide.
    if (error instanceof DomainRuleViolation && error.rule === 'case.not_found') return null;
    throw error;
  }
}
