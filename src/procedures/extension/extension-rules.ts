import { PastPost, PostHeld } from '../../cadres/person/person.state';
import { refusePostEndedByDecision } from '../case/decider/post-ended-refusal';
import { PostHoldingRead } from '../case/post-holding-decisions';
import { addCalendarDays, WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { retirementDate, wholeYearsBetween } from '../../workflow/rules/retirement';
import { DecisionTerm } from '../case/decider/case.context';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { RetirementRefusal } from '../case/decider/effective-before-retirement';
import { TERM_RENEWED_AT_ITS_END } from '../reappointment/reappointment-rules';
import { continuationWords, termContinuesOn } from '../reappointment/term-continuation';
import { termToRetirement } from '../reappointment/term-to-retirement';

export interface ExtensionOpeningInput {
  positionId: string;
  /** The posts held today (one a decision effective later ends still is; one it gives, not yet). */
  posts: PostHeld[];
  /** The posts decided to start later (a re-appointment's new term from the old one's end). */
  upcoming?: PostHeld[];
  person: { dateOfBirth: string; gender: 'male' | 'female' };
  today: string;
  ruleSet: RuleSet;
  calendar: WorkingDayCalendar;
}

const BELOW_YEARS = 'reappointment.extendToRetirementBelowYears';

/**
 * Whether the extension of a term to retirement (kéo dài thời hạn giữ chức vụ đến tuổi nghỉ hưu)
 * may open: the person holds the post with a term, and at the term's end fewer whole years than
 * the rule's are left to retirement. The notice (opening) is due the lead time before the term
 * ends; opened after that, the facts say how late, as a re-appointment's do.
 */
export function extensionOpening(input: ExtensionOpeningInput): Record<string, unknown> {
  const { ruleSet, today } = input;
  const post = input.posts.find((p) => p.positionId === input.positionId);
  if (!post || !post.termEnd)
    throw new DomainRuleViolation(
      'extension.no_post_with_term',
      `positionId: the person holds no post ${input.positionId} with a term`,
      'unprocessable',
      'positionId',
    );
  const retires = retirementDate(ruleSet, input.person.dateOfBirth, input.person.gender);
  refuseTermAlreadyToRetirement(
    [...input.posts, ...(input.upcoming ?? [])],
    input.positionId,
    retires,
  );
  const left = wholeYearsBetween(post.termEnd, retires);
  const below = ruleValue<number>(ruleSet, BELOW_YEARS);
  if (left >= below)
    throw new DomainRuleViolation(
      'extension.not_near_retirement',
      `at the term's end on ${post.termEnd} the holder has ${left} whole years to retirement on ${retires}; a term is extended to retirement only below ${below} (${ruleCitation(ruleSet, BELOW_YEARS)}); open a re-appointment instead`,
      'unprocessable',
      'personId',
    );
  const lead = ruleValue<{ amount: number; unit: 'days' | 'working_days' }>(
    ruleSet,
    'reappointment.leadTime',
  );
  const noticeBy =
    lead.unit === 'working_days'
      ? input.calendar.subtractWorkingDays(post.termEnd, lead.amount)
      : addCalendarDays(post.termEnd, -lead.amount);
  return {
    termEnd: post.termEnd,
    retirementDate: retires,
    yearsLeftAtTermEnd: left,
    noticeBy,
    late: today > noticeBy,
    rule: ruleCitation(ruleSet, BELOW_YEARS),
  };
}

/**
 * A term that already runs to retirement has nothing left to extend: extended already, or renewed
 * to it by a re-appointment (effective at the old term's end). Judged at the opening and again at
 * the decision from the record's posts, naming the decision. Before, a second extension opened,
 * and one decided after the re-appointment was refused as starting before the term's end.
 */
export function refuseTermAlreadyToRetirement(
  posts: readonly PostHeld[],
  positionId: string,
  retires: string,
): void {
  const running = termToRetirement(posts, positionId, retires);
  if (!running) return;
  const { term, decisionRef } = running;
  throw new DomainRuleViolation(
    'extension.already_to_retirement',
    `positionId: the term of ${positionId} already runs to ${term.termEnd} by decision ${decisionRef}, the holder's retirement on ${retires}; there is nothing to extend`,
    'unprocessable',
    'positionId',
    { termEnd: term.termEnd, retirementDate: retires, decisionRef },
  );
}

/**
 * The decision extends a term the person still holds, read from the record when it is taken: a
 * post another decision has ended (or ends on a later day) before its term ran out has no term to
 * extend. Before, the extension was decided (200) and its record wrote nothing. A removal decided
 * beside it, not yet on the record, is read from the holding's stream (`holding`).
 */
export function refuseExtensionOfPostEnded(
  person: { posts: PostHeld[]; pastPosts: PastPost[] },
  positionId: string,
  holding?: { read: PostHoldingRead | undefined; caseId: string },
): void {
  refusePostEndedByDecision(
    person,
    positionId,
    { rule: 'extension.post_ended', noTermTo: 'extend' },
    holding,
  );
}

/**
 * The extension is decided before the term ends and takes effect when it ends (as a
 * re-appointment's new term does, `reappointment.starts_before_term_end`): an earlier day would
 * cut the current term short. Before, one took effect months before the term's end.
 */
export function refuseExtensionBeforeTermEnds(
  posts: PostHeld[],
  positionId: string,
  effectiveFrom: string,
): void {
  const held = posts.find((post) => post.positionId === positionId && post.termEnd);
  if (!held?.termEnd || effectiveFrom >= held.termEnd) return;
  throw new DomainRuleViolation(
    'extension.starts_before_term_end',
    `effectiveFrom: ${effectiveFrom} is before ${held.termEnd}, when the term of ${positionId} held since ${held.from} (${held.decisionRef}) ends; the extension takes effect on that day or later (${TERM_RENEWED_AT_ITS_END})`,
    'unprocessable',
    'effectiveFrom',
    { termEnd: held.termEnd },
  );
}

/**
 * Nor does it take effect later than the day it continues the term (`termContinuesOn`): the day
 * the term ends, or the decision's own day when it was taken after that. Before, an extension of
 * a term ending 2027-03-01 took effect on 2028-06-01, after the retirement it ran to, and the
 * record showed the term extended from a day past its own end.
 */
export function refuseExtensionAfterTermContinues(
  posts: PostHeld[],
  positionId: string,
  decision: { effectiveFrom: string; heldOn: string },
): void {
  const held = posts.find((post) => post.positionId === positionId && post.termEnd);
  if (!held?.termEnd) return;
  const continuesOn = termContinuesOn(held.termEnd, decision.heldOn);
  if (decision.effectiveFrom <= continuesOn) return;
  throw new DomainRuleViolation(
    'extension.starts_after_term_end',
    `effectiveFrom: ${decision.effectiveFrom} is after ${continuesOn}, the day the extension continues the term of ${positionId} held since ${held.from} (${held.decisionRef}), which ends on ${held.termEnd}; ${continuationWords(held.termEnd, decision.heldOn)}; a later day leaves the post without its holder from ${continuesOn} (${TERM_RENEWED_AT_ITS_END})`,
    'unprocessable',
    'effectiveFrom',
    { termEnd: held.termEnd, continuesOn },
  );
}

/**
 * An extension runs to the holder's retirement: one taking effect on that day or later gives no
 * day of term (its end would be on or before its start). `refuseEffectiveFromRetirement`, which
 * refuses an appointment on that day too, refuses it in these words.
 */
export const EXTENSION_AT_RETIREMENT: RetirementRefusal = {
  rule: 'extension.starts_at_retirement',
  onOrAfter: (retires, citation) =>
    `the holder's retirement on ${retires} (${citation}), the day the extended term ends: it would extend nothing`,
};

/** The extended term: from the decision to the retirement date. */
export function extensionTerm(
  ruleSet: RuleSet,
  person: { dateOfBirth: string; gender: 'male' | 'female' },
  effectiveFrom: string,
): DecisionTerm {
  const retires = retirementDate(ruleSet, person.dateOfBirth, person.gender);
  return {
    termYears: wholeYearsBetween(effectiveFrom, retires),
    termEnd: retires,
    termRule: `extended to retirement on ${retires} (${ruleCitation(ruleSet, BELOW_YEARS)})`,
    details: { applied: 'extended_to_retirement', retirementDate: retires },
  };
}
