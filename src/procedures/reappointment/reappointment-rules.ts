import { PersonStatusPeriod, PostHeld } from '../../cadres/person/person.state';
import { countsElsewhereTold } from '../../cadres/discipline-standing';
import { statusPeriodCovers } from '../../cadres/person/status-period-covers';
import { WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { DecisionTerm } from '../case/decider/case.context';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { ruleSetTermYears } from '../case/decider/rule-set-term';
import { noticeDeadline } from './notice-deadline';
import { continuationWords, termContinuesOn } from './term-continuation';
import { refuseTermToRetirement } from './term-to-retirement';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { addMonths, retirementDate, wholeYearsBetween } from '../../workflow/rules/retirement';

export interface ReappointmentOpeningInput {
  positionId: string;
  /** The posts held today (one a decision effective later ends still is; one it gives, not yet). */
  posts: PostHeld[];
  /**
   * Posts held today that a decision ends on a later day (`endedOn`), with that decision; not a
   * term a new term of the same post continues.
   */
  endingLater?: { positionId: string; from: string; endedOn: string; endedBy: string }[];
  statuses: PersonStatusPeriod[];
  /** Discipline cases about the person still open (opened, not yet decided) the opener may be told of. */
  pendingDisciplineCases: string[];
  /** How many more are open out of the opener's grant (a unit above or another opened them): not named. */
  pendingDisciplineCasesElsewhere?: number;
  /**
   * How many of those a unit not above the opener's opened (a sibling's): told as opened by
   * another unit, the rest as by a unit above.
   */
  pendingDisciplineCasesByAnotherUnit?: number;
  today: string;
  ruleSet: RuleSet;
  calendar: WorkingDayCalendar;
  /** The holder, whose retirement day a term may already run to. */
  person?: { dateOfBirth: string; gender: 'male' | 'female' };
}

/** What holds a re-appointment back while it lasts (rule-set parameter `reappointment.blockedWhile`). */
interface ReappointmentBlocks {
  statuses: string[];
  disciplineCasePending: boolean;
}

interface LeadTime {
  amount: number;
  unit: 'days' | 'working_days';
}

/** The notice's lead time as the facts and the refusals write it: `90 working days`, `90 days`. */
function leadTimeText(ruleSet: RuleSet): string {
  const lead = ruleValue<LeadTime>(ruleSet, 'reappointment.leadTime');
  return `${lead.amount} ${lead.unit.replace('_', ' ')}`;
}

/** A refusal of the holder the opening names (`personId`): what holds the re-appointment back. */
const holderRefused = (rule: string, message: string) =>
  new DomainRuleViolation(rule, message, 'unprocessable', 'personId');

const activeOn = (status: PersonStatusPeriod, day: string) => statusPeriodCovers(status, day);

/**
 * What holds the re-appointment back while it lasts: a pending discipline case and the statuses
 * of `reappointment.blockedWhile`, and a long absence (`reappointment.blockingAbsenceStatuses`
 * for `reappointment.blockingAbsenceMonths` or more).
 */
function refuseWhileBlocked(input: ReappointmentOpeningInput): void {
  const { ruleSet, today } = input;
  // A decided reprimand or warning bars a higher post, not the re-appointment to the same one;
  // what holds it back is a discipline case still pending or an investigation.
  const blocks = ruleValue<ReappointmentBlocks>(ruleSet, 'reappointment.blockedWhile');
  const blockCitation = ruleCitation(ruleSet, 'reappointment.blockedWhile');
  const elsewhere = input.pendingDisciplineCasesElsewhere ?? 0;
  if (blocks.disciplineCasePending && input.pendingDisciplineCases.length + elsewhere > 0) {
    const pending = [
      ...input.pendingDisciplineCases,
      ...countsElsewhereTold(elsewhere, input.pendingDisciplineCasesByAnotherUnit),
    ];
    throw holderRefused(
      'reappointment.discipline_pending',
      `a discipline case about the holder is pending (${pending.join(', ')}): re-appointment waits for its decision (${blockCitation})`,
    );
  }
  const absences = ruleValue<string[]>(ruleSet, 'reappointment.blockingAbsenceStatuses');
  for (const status of input.statuses.filter((s) => activeOn(s, today))) {
    if (blocks.statuses.includes(status.status)) {
      throw holderRefused(
        `reappointment.${status.status}`,
        `the holder is ${status.status.replace(/_/g, ' ')} since ${status.from}${status.until ? ` until ${status.until}` : ''} (${blockCitation})`,
      );
    }
    if (absences.includes(status.status)) refuseLongAbsence(status, today, ruleSet);
  }
}

/** Whole months from one day to another (floor): how long an absence has lasted by a day. */
function wholeMonthsBetween(from: string, to: string): number {
  let months = 0;
  while (addMonths(from, months + 1) <= to) months += 1;
  return months;
}

/**
 * An absence holds the re-appointment back when it lasts `reappointment.blockingAbsenceMonths`:
 * one with a planned end by its planned length; one with no end by how long it has lasted by
 * the day judged (an absence begun last week is not yet 3 months, whatever comes of it).
 */
function refuseLongAbsence(status: PersonStatusPeriod, day: string, ruleSet: RuleSet): void {
  const months = ruleValue<number>(ruleSet, 'reappointment.blockingAbsenceMonths');
  const citation = ruleCitation(ruleSet, 'reappointment.blockingAbsenceMonths');
  const what = `the holder is ${status.status.replace(/_/g, ' ')} from ${status.from}`;
  if (status.until !== null && status.until >= addMonths(status.from, months))
    throw holderRefused(
      `reappointment.${status.status}`,
      `${what} to ${status.until}: ${months} months or more (${citation})`,
    );
  const lasted = wholeMonthsBetween(status.from, day);
  if (status.until === null && lasted >= months)
    throw holderRefused(
      `reappointment.${status.status}`,
      `${what} with no end date: ${lasted} months by ${day}, ${months} months or more (${citation})`,
    );
}

/**
 * A post another decision ends before its term does (the holder appointed or moved elsewhere
 * from a later day) has no term left to renew: the re-appointment is refused, naming that
 * decision. Before, it opened and ran for a post the person was leaving.
 */
function refusePostEnding(input: ReappointmentOpeningInput, termEnd: string): void {
  const ending = input.endingLater?.find(
    (post) => post.positionId === input.positionId && post.endedOn <= termEnd,
  );
  if (!ending) return;
  throw new DomainRuleViolation(
    'reappointment.post_ending',
    `positionId: decision ${ending.endedBy} ends ${input.positionId} on ${ending.endedOn}, before its term ends on ${termEnd}: there is no term to renew (annul that decision first if the person is to stay)`,
    'unprocessable',
    'positionId',
    { endsOn: ending.endedOn, endedBy: ending.endedBy },
  );
}

/**
 * Whether a re-appointment (bổ nhiệm lại) may open, and the facts auditors need: the notice
 * deadline (term end minus the lead time) and, when opened after it, by how many days.
 */
export function reappointmentOpening(input: ReappointmentOpeningInput): Record<string, unknown> {
  const { ruleSet, today } = input;
  const post = input.posts.find((p) => p.positionId === input.positionId);
  if (!post || !post.termEnd) {
    throw new DomainRuleViolation(
      'reappointment.no_post_with_term',
      `positionId: the person holds no post ${input.positionId} with a term`,
      'unprocessable',
      'positionId',
    );
  }
  refusePostEnding(input, post.termEnd);
  if (input.person) refuseTermToRetirement(ruleSet, input.person, [post], input.positionId);
  refuseWhileBlocked(input);
  const deadline = noticeDeadline(ruleSet, input.calendar, post.termEnd, today);
  return {
    termEnd: post.termEnd,
    openBy: deadline.openBy,
    leadTime: `${leadTimeText(ruleSet)} (${ruleSet.id})`,
    late: deadline.late,
    ...(deadline.late ? { daysLate: deadline.daysLate, lateUnit: deadline.lateUnit } : {}),
  };
}

/**
 * Why a re-appointment's term begins when the one it renews ends: a term runs five years from the
 * day its decision takes effect, and re-appointment is considered when it ends. (The notice's lead
 * time is the case's rule set's `reappointment.leadTime`, cited beside it: 90 days under Nghị định
 * 138/2020 and 170/2025 art. 39(1); the whole set `vn-2025` keeps Quy định 377-QĐ/TW's 90 working
 * days, the Party's figure, for the cases that pinned it.)
 */
export const TERM_RENEWED_AT_ITS_END =
  'Nghị định 138/2020/NĐ-CP art. 41(1): a term is 5 years from the day its decision takes effect; art. 49(1): re-appointment is considered when the term ends (both as restated by thuvienphapluat.vn) [the instrument’s own text not checked here]';

/**
 * The term a re-appointment renews: the post held now, or the last holding of it when it has
 * already ended (a decision taken late), with the day it ends or ended.
 */
function renewedTerm(
  person: { posts: PostHeld[]; pastPosts: (PostHeld & { endedOn: string })[] },
  positionId: string,
): { term: PostHeld; endsOn: string; held: boolean } | null {
  const held = person.posts.find((post) => post.positionId === positionId && post.termEnd);
  if (held?.termEnd) return { term: held, endsOn: held.termEnd, held: true };
  const lastHeld = person.pastPosts
    .filter((post) => post.positionId === positionId)
    .sort((a, b) => b.endedOn.localeCompare(a.endedOn))[0];
  return lastHeld ? { term: lastHeld, endsOn: lastHeld.endedOn, held: false } : null;
}

/**
 * The new term does not start before the one it renews ends (the post held now, or the last
 * holding of it when it has already ended): an earlier start would cut the current term short.
 * The refusal cites the notice's lead time as the case's rule set has it, as the case's facts do.
 */
export function refuseStartBeforeTermEnds(
  person: { posts: PostHeld[]; pastPosts: (PostHeld & { endedOn: string })[] },
  positionId: string,
  effectiveFrom: string,
  ruleSet: RuleSet,
): void {
  const renewed = renewedTerm(person, positionId);
  if (!renewed || effectiveFrom >= renewed.endsOn) return;
  const { term, endsOn, held } = renewed;
  throw new DomainRuleViolation(
    'reappointment.starts_before_term_end',
    `effectiveFrom: ${effectiveFrom} is before ${endsOn}, when the term of ${positionId} held since ${term.from} (${term.decisionRef}) ${held ? 'ends' : 'ended'}; the new term starts on that day or later (${TERM_RENEWED_AT_ITS_END}); the re-appointment notice: ${leadTimeText(ruleSet)} before the term ends (${ruleCitation(ruleSet, 'reappointment.leadTime')})`,
    'unprocessable',
    'effectiveFrom',
    { termEnd: endsOn },
  );
}

/**
 * Nor does it start later than the day it continues the one it renews (`termContinuesOn`): the
 * day that term ends, or the decision's own day when it was taken after that. A later day left
 * the post without its holder in between: before, a term ending 2027-02-01 was renewed from
 * 2031-01-01, four years with nobody in the seat.
 */
export function refuseStartAfterTermContinues(
  person: { posts: PostHeld[]; pastPosts: (PostHeld & { endedOn: string })[] },
  positionId: string,
  decision: { effectiveFrom: string; heldOn: string },
): void {
  const renewed = renewedTerm(person, positionId);
  if (!renewed) return;
  const { term, endsOn, held } = renewed;
  const continuesOn = termContinuesOn(endsOn, decision.heldOn);
  if (decision.effectiveFrom <= continuesOn) return;
  throw new DomainRuleViolation(
    'reappointment.starts_after_term_end',
    `effectiveFrom: ${decision.effectiveFrom} is after ${continuesOn}, the day the new term continues the term of ${positionId} held since ${term.from} (${term.decisionRef}), which ${held ? 'ends' : 'ended'} on ${endsOn}; ${continuationWords(endsOn, decision.heldOn)}; a later day leaves the post without its holder from ${continuesOn} (${TERM_RENEWED_AT_ITS_END})`,
    'unprocessable',
    'effectiveFrom',
    { termEnd: endsOn, continuesOn },
  );
}

/** The new term: a full term, or to retirement when too few years are left (the state says which). */
export function reappointmentTerm(
  ruleSet: RuleSet,
  person: { dateOfBirth: string; gender: 'male' | 'female' },
  effectiveFrom: string,
  requestedYears?: number,
): DecisionTerm {
  const fullYears = ruleSetTermYears(ruleSet, requestedYears);
  const threshold = ruleValue<number>(ruleSet, 'reappointment.extendToRetirementBelowYears');
  const retires = retirementDate(ruleSet, person.dateOfBirth, person.gender);
  const left = wholeYearsBetween(effectiveFrom, retires);
  const fullEnd = addMonths(effectiveFrom, fullYears * 12);
  if (left < threshold) {
    return {
      termYears: left,
      termEnd: retires,
      termRule: `extended to retirement: ${left} whole years left, fewer than ${threshold} (${ruleCitation(ruleSet, 'reappointment.extendToRetirementBelowYears')})`,
      details: { applied: 'extended_to_retirement', retirementDate: retires },
    };
  }
  if (retires < fullEnd) {
    return {
      termYears: left,
      termEnd: retires,
      termRule: `the term ends at retirement on ${retires}`,
      details: { applied: 'ends_at_retirement', retirementDate: retires },
    };
  }
  return {
    termYears: fullYears,
    termEnd: fullEnd,
    termRule: `full term of ${fullYears} years (${ruleCitation(ruleSet, 'appointment.termYears')})`,
    details: { applied: 'full_term', retirementDate: retires },
  };
}
