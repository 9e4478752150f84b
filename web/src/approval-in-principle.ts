import { RuleSet as ServerRuleSet, ruleSetInForce } from '../../src/workflow/rule-sets/rule-set';
import { RuleSet } from './api/types';

const WHEN = 'appointment.approvalInPrincipleWhen';

/**
 * Whether an appointment to the post, run by the unit and opened on `day`, needs the approval in
 * principle (chủ trương) of the post's appointing authority first, as the server judges it at
 * opening (approval-in-principle-rules.ts): by the State track's rule set in force that day
 * (appointments pin the State's, procedure-definition.ts ruleTrackOf), `authority_elsewhere`
 * (Nghị định 170/2025 art. 33 as the rule set cites it, not checked here) when the unit is not
 * the authority. The authority's id when it is needed, else null.
 */
export function approvalInPrincipleNeededFrom(
  ruleSets: RuleSet[],
  day: string,
  post: { appointingAuthority: string } | undefined,
  caseUnitId: string,
): string | null {
  if (!post || !caseUnitId) return null;
  const inForce = ruleSetInForce(ruleSets as unknown as ServerRuleSet[], day, 'state');
  const when = inForce?.params[WHEN]?.value;
  const needed =
    when === 'always' ||
    (when === 'authority_elsewhere' && post.appointingAuthority !== caseUnitId);
  return needed ? post.appointingAuthority : null;
}
