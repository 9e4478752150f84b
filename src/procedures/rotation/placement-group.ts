import { isNonLocal } from '../../reports/non-local';
import { ruleValue } from '../../workflow/rule-sets/rule-set';
import type { RotationOpeningInput } from './rotation-rules';

/**
 * The groups Quy định 65-QĐ/TW art. 4(2) rotates to carry out two placement policies, told from
 * the registry: a key cadre placed where they are not from (bố trí cán bộ lãnh đạo chủ chốt không
 * là người địa phương), and a head not to stay more than two consecutive terms in one place
 * (không giữ chức vụ cấp trưởng quá hai nhiệm kỳ liên tiếp).
 */
export const PLACEMENT_GROUPS = ['non_local_key_cadre', 'head_after_two_terms'] as const;
export type PlacementGroupName = (typeof PLACEMENT_GROUPS)[number];

export interface PlacementGroup {
  group: PlacementGroupName;
  reason: string;
  /** The rule set lists the group among those rotated without a planning-pool entry. */
  planningExempt: boolean;
}

/** The person's group, if any; the rule set says which groups need no planning-pool entry. */
export function placementGroupOf(input: RotationOpeningInput): PlacementGroup | null {
  const found = nonLocalKeyCadre(input) ?? headAfterTwoTerms(input);
  if (!found) return null;
  const exempt = ruleValue<string[]>(input.ruleSet, 'rotation.planningExemptGroups');
  return { ...found, planningExempt: exempt.includes(found.group) };
}

/** A leadership post in a province the person does not come from (the registry's place of origin). */
function nonLocalKeyCadre(
  input: RotationOpeningInput,
): Omit<PlacementGroup, 'planningExempt'> | null {
  const { target, person } = input;
  if (!target.isLeadership || isNonLocal(person.originProvince, target.province) !== true)
    return null;
  return {
    group: 'non_local_key_cadre',
    reason: `leadership post ${target.id} in ${target.province}; from ${person.originProvince}`,
  };
}

/** Holds a leadership post of which a term already ended: re-appointed, in a further term. */
function headAfterTwoTerms(
  input: RotationOpeningInput,
): Omit<PlacementGroup, 'planningExempt'> | null {
  const posts = input.person.leadershipPostsPastFirstTerm;
  if (!posts.length) return null;
  return {
    group: 'head_after_two_terms',
    reason: `holds ${posts.join(', ')} past a first term`,
  };
}
