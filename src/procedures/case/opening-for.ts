import { CaseContextFactory } from './case-context.factory';
import { OpenCaseInput } from './commands/case-commands';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { ProcedureRegistry } from './procedure-registry';

/** The procedure module and the pinned definition an opening names; refuses a mismatch. */
export function openingFor(
  procedures: ProcedureRegistry,
  contexts: CaseContextFactory,
  input: OpenCaseInput,
) {
  const { module, definitionIds } = procedures.forOpeningOrRefuse(input.procedure);
  // A case kept on paper opens under the definition and rule set in force on its paper day.
  const openedOn = input.fromPaper?.openedOn ?? contexts.today();
  const pinned = contexts.forOpening(input.definition, openedOn);
  if (!definitionIds.includes(pinned.definition.id)) {
    throw new DomainRuleViolation(
      'definition.wrong_procedure',
      `definition: ${pinned.definition.id} is not a ${input.procedure} procedure (use ${definitionIds.join(' or ')})`,
      'invalid',
      'definition',
    );
  }
  if (!input.personId && !pinned.definition.fillsPost)
    throw new DomainRuleViolation(
      'field.required',
      `personId: ${pinned.definition.id}@${pinned.definition.version} opens for a person (only a definition that fills a post opens without one)`,
      'invalid',
      'personId',
    );
  return { module, pinned, openedOn };
}
