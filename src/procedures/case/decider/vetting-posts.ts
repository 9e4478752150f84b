import { RuleSet, ruleCitation, ruleValue } from '../../../workflow/rule-sets/rule-set';
import { addMonths, retirementDate, wholeYearsBetween } from '../../../workflow/rules/retirement';
import {
  RETIREMENT_REACHED,
  retirementReachedBy,
} from '../../../workflow/rules/retirement-reached';
import { planningTermEnd } from '../../../cadres/planning/planning-term';
import { PersonFactsForVetting } from './case.context';
import { VettingEntry } from './case.events';

/**
 * The vetting items read from the posts a person held and the planning pool, under the case's rule
 * set: the planning-pool entry, the years in post and the years to retirement.
 */

type Posts = PersonFactsForVetting['posts'];

/** An entry for the post or an equivalent or higher one, whose planning term has not ended. */
export function planningPoolItem(facts: PersonFactsForVetting, today: string): VettingEntry {
  const { target } = facts;
  const forThePost = facts.planningPool.filter(
    (e) => e.positionId === target.positionId || (e.rank !== null && e.rank >= target.rank),
  );
  const current = forThePost.find((e) => planningTermEnd(e.term) >= today);
  if (current)
    return {
      item: 'planning_pool',
      result: 'cleared',
      note: `planning pool ${current.term} for ${current.positionId} (${current.decisionRef})`,
      source: 'record',
    };
  const expired = forThePost.map(
    (e) => `${e.positionId} ${e.term} (${e.decisionRef}) ended ${planningTermEnd(e.term)}`,
  );
  return {
    item: 'planning_pool',
    result: 'flagged',
    note: expired.length
      ? `planning term over: ${expired.join('; ')}, before ${today}; no current entry for ${target.positionId} or an equivalent or higher post`
      : `no planning-pool entry for ${target.positionId} or an equivalent or higher post`,
    source: 'record',
  };
}

/** The highest rank among the posts held on `today`, or null when none is held. */
export function highestRankHeld(posts: Posts): number | null {
  const held = posts.filter((p) => p.until === null);
  return held.length ? Math.max(...held.map((p) => p.rank)) : null;
}

/** First appointment (bổ nhiệm lần đầu): the person holds and has held no post. */
function firstAppointment(posts: Posts): boolean {
  return posts.length === 0;
}

/** Whole months from one day to another (floor). */
function wholeMonthsBetween(from: string, to: string): number {
  let months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7));
  if (addMonths(from, months) > to) months -= 1;
  return Math.max(months, 0);
}

/**
 * Months in posts of one rank (equivalent posts), periods added up when not continuous;
 * overlapping periods (two such posts at once) count once.
 */
function monthsAtRank(posts: Posts, rank: number, today: string): number {
  const periods = posts
    .filter((p) => p.rank === rank)
    .map((p) => ({ from: p.from, until: p.until ?? today }))
    .sort((a, b) => a.from.localeCompare(b.from));
  let months = 0;
  let open: { from: string; until: string } | null = null;
  for (const period of periods) {
    if (open && period.from <= open.until) {
      if (period.until > open.until) open.until = period.until;
      continue;
    }
    if (open) months += wholeMonthsBetween(open.from, open.until);
    open = { ...period };
  }
  if (open) months += wholeMonthsBetween(open.from, open.until);
  return months;
}

/**
 * At least `appointment.minYearsInPost` in the current post or equivalent ones (same rank),
 * added up; a first appointment is exempt.
 */
export function yearsInPostItem(
  facts: PersonFactsForVetting,
  ruleSet: RuleSet,
  today: string,
): VettingEntry {
  const { cleared, note } = yearsInPostCheck(facts.posts, ruleSet, today);
  return { item: 'years_in_post', result: cleared ? 'cleared' : 'flagged', note, source: 'record' };
}

/** The years-in-post condition on the posts a person held up to `today` (eligibility asks it too). */
export function yearsInPostCheck(
  posts: Posts,
  ruleSet: RuleSet,
  today: string,
): { cleared: boolean; note: string } {
  const minimum = ruleValue<number>(ruleSet, 'appointment.minYearsInPost');
  const citation = ruleCitation(ruleSet, 'appointment.minYearsInPost');
  if (firstAppointment(posts))
    return {
      cleared: true,
      note: `first appointment (bổ nhiệm lần đầu): exempt from ${minimum} years in post (${citation})`,
    };
  const rank = highestRankHeld(posts) ?? Math.max(...posts.map((post) => post.rank));
  const months = monthsAtRank(posts, rank, today);
  const counted = `${months} months in posts of rank ${rank} (current and equivalent, added up)`;
  return {
    cleared: months >= minimum * 12,
    note: `${counted}, needs ${minimum * 12} months (${minimum} years; ${citation})`,
  };
}

/**
 * Enough working years for a full term (`appointment.minYearsToRetirement`), checked at a first
 * appointment or an appointment to a higher post; a post of the same or a lower rank is exempt.
 * Whatever the post, one who has reached the retirement age by the vetting day is flagged under
 * `age.retirement_reached` (`rule`), which vetting staff may not set aside: no decision could take
 * effect (before, it read "not a higher post" and cleared).
 */
export function yearsToRetirementItem(
  facts: PersonFactsForVetting,
  ruleSet: RuleSet,
  today: string,
): VettingEntry {
  const reached = retirementReachedBy(ruleSet, facts, today);
  if (reached)
    return {
      item: 'years_to_retirement',
      result: 'flagged',
      note: reached.sentence,
      source: 'record',
      rule: RETIREMENT_REACHED,
    };
  const minimum = ruleValue<number>(ruleSet, 'appointment.minYearsToRetirement');
  const held = highestRankHeld(facts.posts);
  if (held !== null && facts.target.rank <= held)
    return {
      item: 'years_to_retirement',
      result: 'cleared',
      note: `not a higher post (${facts.target.positionId} rank ${facts.target.rank}, holds rank ${held}): the years to retirement are checked for a higher post only`,
      source: 'record',
    };
  const retires = retirementDate(ruleSet, facts.dateOfBirth, facts.gender);
  const years = wholeYearsBetween(today, retires);
  return {
    item: 'years_to_retirement',
    result: years >= minimum ? 'cleared' : 'flagged',
    note: `retires on ${retires}: ${years} whole years left, needs ${minimum} for a full term (${ruleCitation(ruleSet, 'appointment.minYearsToRetirement')})`,
    source: 'record',
  };
}
