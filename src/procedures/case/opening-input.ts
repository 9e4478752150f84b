import { RegistryReads } from '../../cadres/prefetched-registry';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { CaseContext } from './decider/case.context';
import { OpenCaseInput } from './commands/case-commands';

/** What the procedure's and its gates' opening checks are given. */
export function openingInput(
  input: OpenCaseInput,
  registry: RegistryReads,
  definition: ProcedureDefinition,
  context: CaseContext,
) {
  return {
    registry,
    personId: input.personId,
    positionId: input.positionId,
    orgUnitId: input.orgUnitId,
    definition,
    context,
    ...(input.grounds ? { grounds: input.grounds } : {}),
    ...(input.approvalInPrincipleCaseId
      ? { approvalInPrincipleCaseId: input.approvalInPrincipleCaseId }
      : {}),
    ...(input.consultationCaseId ? { consultationCaseId: input.consultationCaseId } : {}),
  };
}
