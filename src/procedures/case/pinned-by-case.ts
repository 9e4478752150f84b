import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { WorkflowCatalog } from '../../workflow/workflow-catalog';
import { CaseState } from './decider/case.state';
import { DomainRuleViolation } from './decider/domain-rule-violation';

/** The definition and rule set an existing case pinned when it opened, from the loaded catalog. */
export function pinnedByCase(
  catalog: Pick<WorkflowCatalog, 'definition' | 'ruleSet'>,
  state: CaseState,
): { definition: ProcedureDefinition; ruleSet: RuleSet } {
  if (state.status === 'none')
    throw new DomainRuleViolation('case.not_found', 'the case does not exist', 'not_found');
  const definition = catalog.definition(`${state.definitionId}@${state.definitionVersion}`);
  const ruleSet = catalog.ruleSet(state.ruleSetId);
  if (!definition || !ruleSet) {
    throw new Error(
      `case ${state.caseId} pins ${state.definitionId}@${state.definitionVersion} / ${state.ruleSetId}, which are not loaded`,
    );
  }
  return { definition, ruleSet };
}
