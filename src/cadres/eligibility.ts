import { RuleSet, ruleCitation, ruleValue } from '../workflow/rule-sets/rule-set';
import { retirementDate, wholeYearsBetween } from '../workflow/rules/retirement';
import { RETIREMENT_REACHED, retirementReachedBy } from '../workflow/rules/retirement-reached';
import {
  casesBarringAppointment,
  casesElsewhereTold,
  DisciplineCaseBarsFrom,
  disciplineStandingFrom,
  OpenedOutOfGrant,
} from './discipline-standing';
import { barCoverage, barCoversPost } from './discipline-bar-scope';
import { PersonState } from './person/person.state';
import { postsHeldOn, postsStartingAfter } from './person/posts-held-on';
import { planningTermCurrent } from './planning/planning-term';
import { appointmentBlockingStatuses } from './blocking-statuses';
import { yearsInPostCheck } from '../procedures/case/decider/vetting-posts';
import { termRatingShortfall } from '../procedures/reappointment/term-ratings';

export interface EligibilityReason {
  rule: string;
  reason: string;
}

export interface Eligibility {
  eligible: boolean;
  asOf: string;
  ruleSet: string;
  reasons: EligibilityReason[];
}

type Registered = Extract<PersonState, { status: 'registered' }>;

/**
 * Whether the person may be appointed to a post on a day under the rule set in force then, with
 * every reason they may not (not just the first).
 */
export function appointmentEligibility(
  person: Registered,
  target: { id: string; rank: number },
  /** The rank of each post in the person's planning pool and of each post they hold or held. */
  poolRanks: Map<string, number>,
  ruleSet: RuleSet,
  day: string,
  /** The route the appointment definition names for a post already held (`postAlreadyHeld`). */
  postAlreadyHeld?: { route: string },
  /** The open discipline cases the reader's grant does not reach: told of, not named. */
  outOfGrant?: ReadonlyMap<string, OpenedOutOfGrant>,
): Eligibility {
  const reasons: EligibilityReason[] = [];
  // The opening refuses one who has reached the retirement age before anything else
  // (definitionOpeningRefusals): told first here too, whatever else holds them back.
  const reached = retirementReachedBy(ruleSet, person.profile, day);
  if (reached) reasons.push({ rule: RETIREMENT_REACHED, reason: reached.sentence });
  const facts = disciplineStandingFrom(person.discipline, person.openCases, day, outOfGrant);
  // A decided discipline bars a higher post (Quy định 80/377; Luật CBCC art. 82(2)); its recorded
  // scope may bar an equivalent post (Điều lệ Đảng art. 40(3)) or any appointment (Luật CBCC art.
  // 82(3)) too. `barEndsOn` is the bar's end, not the discipline's own validity.
  const held = highestRankHeldOn(person, poolRanks, day);
  const higher = held === null || target.rank > held;
  for (const bar of facts.bars.filter((b) => barCoversPost(b, target.rank, held, day))) {
    reasons.push({
      rule: 'discipline.in_effect',
      reason: `discipline (${bar.form}, ${bar.decisionRef}) bars ${barCoverage(bar, day)} ${bar.endsOn === null ? 'with no end date' : `until ${bar.endsOn}`}`,
    });
  }
  const barsFrom = ruleValue<DisciplineCaseBarsFrom>(ruleSet, 'appointment.disciplineCaseBarsFrom');
  const barring = [
    ...casesBarringAppointment(facts, barsFrom).map((caseId) => `discipline case ${caseId}`),
    ...casesElsewhereTold(facts.elsewhere, barsFrom),
  ];
  for (const named of barring) {
    reasons.push({
      rule: 'discipline.case_open',
      reason: `${named} is open${barsFrom === 'opening' ? '' : ' past verification'} (${ruleCitation(ruleSet, 'appointment.disciplineCaseBarsFrom')})`,
    });
  }
  reasons.push(...postHeld(person, target.id, ruleSet, day, postAlreadyHeld));
  // A decision effective on a later day has appointed them already: from that day they hold it.
  const coming = postsStartingAfter(person, day).find((post) => post.positionId === target.id);
  if (coming) {
    reasons.push({
      rule: 'appointment.takes_up_post',
      reason: `takes up ${target.id} on ${coming.from} (${coming.decisionRef})`,
    });
  }
  reasons.push(...planningAndAge(person, target, poolRanks, ruleSet, day, higher));
  reasons.push(...yearsInPost(person, poolRanks, ruleSet, day));
  // Statuses that hold an appointment back while they last (under investigation …).
  for (const { rule, reason } of appointmentBlockingStatuses(person.statuses, ruleSet, day))
    reasons.push({ rule, reason });
  return { eligible: reasons.length === 0, asOf: day, ruleSet: ruleSet.id, reasons };
}

/**
 * A post already held is not appointed to; its re-appointment's vetting (`term_rating`) flags a
 * term rated below the least, or with a year over and not rated, told here beforehand with the
 * same sentence (the decision refuses the first: `reappointment.term_rated_below`).
 */
function postHeld(
  person: Registered,
  positionId: string,
  ruleSet: RuleSet,
  day: string,
  postAlreadyHeld?: { route: string },
): EligibilityReason[] {
  if (!postsHeldOn(person, day).some((post) => post.positionId === positionId)) return [];
  const shortfall = termRatingShortfall(person, positionId, ruleSet, day);
  return [
    {
      rule: 'appointment.already_holds_post',
      reason: `already holds ${positionId}${postAlreadyHeld ? `; use ${postAlreadyHeld.route}` : ''}`,
    },
    ...(shortfall
      ? [
          {
            rule: shortfall.below.length
              ? 'reappointment.term_rated_below'
              : 'reappointment.term_year_unrated',
            reason: shortfall.message,
          },
        ]
      : []),
  ];
}

/**
 * Asked as the appointment's vetting reads it from the record (`years_in_post`), so that
 * "eligible" is not followed by a decision refused for it.
 */
function yearsInPost(
  person: Registered,
  ranks: Map<string, number>,
  ruleSet: RuleSet,
  day: string,
): EligibilityReason[] {
  const inPost = yearsInPostCheck(postsUpTo(person, ranks, day), ruleSet, day);
  return inPost.cleared ? [] : [{ rule: 'appointment.years_in_post', reason: inPost.note }];
}

/** The posts held up to the day with their ranks, as the appointment's vetting reads them. */
function postsUpTo(person: Registered, ranks: Map<string, number>, day: string) {
  return [
    ...person.posts.map((p) => ({ positionId: p.positionId, from: p.from, until: null })),
    ...person.pastPosts.map((p) => ({
      positionId: p.positionId,
      from: p.from,
      until: p.endedOn > day ? null : p.endedOn,
    })),
  ]
    .filter((post) => post.from <= day)
    .flatMap((post) => {
      const rank = ranks.get(post.positionId);
      return rank === undefined ? [] : [{ ...post, rank }];
    });
}

/** The highest rank among the posts the person holds on the day; null: none (a first post). */
function highestRankHeldOn(
  person: Registered,
  ranks: Map<string, number>,
  day: string,
): number | null {
  const heldRanks = postsHeldOn(person, day).map((post) => ranks.get(post.positionId) ?? -Infinity);
  return heldRanks.length ? Math.max(...heldRanks) : null;
}

/**
 * The planning-pool entry (a term not over), the minimum age, the retirement age reached (any
 * post) and, for a higher post or a first one, the years to retirement for a full term.
 */
function planningAndAge(
  person: Registered,
  target: { id: string; rank: number },
  ranks: Map<string, number>,
  ruleSet: RuleSet,
  day: string,
  higher: boolean,
): EligibilityReason[] {
  const reasons: EligibilityReason[] = [];
  // An entry whose planning term is over qualifies no one.
  const qualifies = person.planningPool.some(
    (entry) =>
      planningTermCurrent(entry.term, day) &&
      (entry.positionId === target.id || (ranks.get(entry.positionId) ?? -Infinity) >= target.rank),
  );
  if (!qualifies)
    reasons.push({
      rule: 'planning_pool.missing',
      reason: `not in the planning pool for ${target.id} or an equivalent or higher post`,
    });
  // Whatever the post, no one younger than a cadre or civil servant can be is appointed to it.
  const minimumAge = ruleValue<number>(ruleSet, 'registry.minimumAge');
  const age = wholeYearsBetween(person.profile.dateOfBirth, day);
  if (age < minimumAge)
    reasons.push({
      rule: 'age.under_minimum',
      reason: `under the minimum age of ${ruleSet.id}: ${Math.max(age, 0)} years old on ${day} (born ${person.profile.dateOfBirth}), needs ${minimumAge} (${ruleCitation(ruleSet, 'registry.minimumAge')})`,
    });
  // One who has reached the retirement age is told so first (appointmentEligibility); the years
  // left for a full term say nothing more of them.
  if (retirementReachedBy(ruleSet, person.profile, day)) return reasons;
  const minimum = ruleValue<number>(ruleSet, 'appointment.minYearsToRetirement');
  const retires = retirementDate(ruleSet, person.profile.dateOfBirth, person.profile.gender);
  const left = wholeYearsBetween(day, retires);
  // The age for a full term is asked at a first appointment or for a higher post only.
  if (higher && left < minimum)
    reasons.push({
      rule: 'age.over_limit',
      reason: `over the age limit of ${ruleSet.id}: retires on ${retires}, ${left} whole years left, needs ${minimum} (${ruleCitation(ruleSet, 'appointment.minYearsToRetirement')})`,
    });
  return reasons;
}
