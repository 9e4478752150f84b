import { RuleSet, ruleCitation } from '../../workflow/rule-sets/rule-set';
import { refuse } from '../../workflow/step-engine';
import { DisciplineTrack } from './discipline.events';
import { valueOr } from './discipline.rules';
import { SameViolationCase } from './same-violation';

const RULE = 'discipline.effectFromPartyDecision';
const ON_ANNOUNCEMENT = 'discipline.takesEffectOnAnnouncement';

/**
 * A Party decision takes effect when it is announced (`discipline.takesEffectOnAnnouncement`,
 * Điều lệ Đảng art. 39(6)): an effective day before the announcement would have its bar run from
 * a day it was not yet in effect and the register show it in effect before the member knew of it.
 */
export function refuseEffectiveBeforeAnnounced(
  ruleSet: RuleSet,
  effectiveFrom: string,
  servedOn: string,
): void {
  if (!valueOr(ruleSet, ON_ANNOUNCEMENT, false) || effectiveFrom >= servedOn) return;
  refuse(
    'discipline.effective_before_announced',
    `effectiveFrom: ${effectiveFrom} is before the decision was announced on ${servedOn} (servedOn); a Party decision takes effect when it is announced (${ruleSet.id}: ${ruleCitation(ruleSet, ON_ANNOUNCEMENT)})`,
    'unprocessable',
    'effectiveFrom',
  );
}

/** The day a civil-service decision's effect counts from when it is not its own, and why. */
export interface EffectCountedFrom {
  on: string;
  rule: string;
}

/**
 * Where the person already has a Party decision for the same violation, the civil-service
 * decision's effect (its validity, and the bar that runs with it) counts from the day the Party
 * decision took effect (`discipline.effectFromPartyDecision`, Nghị định 71/2023). Null where the
 * rule set does not say so, the case is the Party's, or no decided Party case is named: the
 * decision's own `effectiveFrom` then. A named case that is not the person's, not the other
 * track's or not decided is refused by the link itself (`linkSameViolation`).
 */
export function effectCountedFrom(
  ruleSet: RuleSet,
  own: { track: DisciplineTrack; personId: string },
  linked: SameViolationCase | undefined,
): EffectCountedFrom | null {
  if (!valueOr(ruleSet, RULE, false) || own.track !== 'civil_service') return null;
  if (!linked?.effectiveFrom || linked.track !== 'party' || linked.personId !== own.personId)
    return null;
  if (linked.status !== 'decided' && linked.status !== 'under_review') return null;
  return {
    on: linked.effectiveFrom,
    rule: `the Party decision on the same violation (case ${linked.caseId}, ${linked.decisionRef}) took effect on ${linked.effectiveFrom}: this decision's effect counts from that day (${ruleSet.id}: ${ruleCitation(ruleSet, RULE)})`,
  };
}

/** The exempt kind a Party expulsion for the same violation makes of it (Luật CBCC art. 80(2)). */
export const PARTY_EXPULSION_KIND = 'party_member_expulsion';

/**
 * A civil servant who is a Party member and whose violation warrants expulsion (khai trừ) has no
 * limitation; a decided Party expulsion named as the same violation shows it. The rule set's
 * `discipline.limitationExemptCategories` still decides whether the kind is exempt.
 */
export function kindsShownByPartyDecision(
  own: { track: DisciplineTrack; personId: string },
  linked: SameViolationCase | undefined,
): string[] {
  if (own.track !== 'civil_service' || linked?.track !== 'party') return [];
  if (linked.personId !== own.personId || linked.form !== 'expulsion') return [];
  if (linked.status !== 'decided' && linked.status !== 'under_review') return [];
  return [PARTY_EXPULSION_KIND];
}
