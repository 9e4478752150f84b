import { RegistryReads } from '../../cadres/prefetched-registry';
import { RegistryReadsOnce } from '../../cadres/registry-reads-once';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { retirementReachedRefusal } from './decider/retirement-reached-refusal';
import { OpeningInput, ProcedureModule } from './procedure-registry';

/**
 * The refusals of the checks a definition names that every procedure shares (`openingChecks`):
 * `retirement_reached` refuses, 422 `age.retirement_reached` on `personId`, a person who has
 * reached the retirement age by the day (`retirement.age`: Bộ luật Lao động 2019 art. 169, Nghị
 * định 135/2020), for every procedure whose decision gives them a post (appointment and the
 * competitive examination that runs as one, transfer, rotation, election, and the approval in
 * principle and consultation of an appointment). The one place they are judged: the opening
 * below, a procedure that judges them among its own checks (`judgesDefinitionChecks`), and the
 * eligibility asked before an opening all call it, so each refuses alike. Before Dec 2026 an
 * appointment and a rotation judged the retirement age in their own code, and a rotation's
 * opening judged it twice, reading the person's record again.
 */
export function definitionOpeningRefusals(
  definition: Pick<ProcedureDefinition, 'openingChecks'>,
  personId: string,
  person: { dateOfBirth: string; gender: 'male' | 'female' } | undefined,
  on: { ruleSet: RuleSet; day: string },
): DomainRuleViolation[] {
  if (!definition.openingChecks?.includes('retirement_reached')) return [];
  const refused = retirementReachedRefusal(personId, person, on, 'personId');
  return refused ? [refused] : [];
}

/** The first of `definitionOpeningRefusals`, thrown. */
export function refuseByDefinitionOpeningChecks(
  ...args: Parameters<typeof definitionOpeningRefusals>
): void {
  const [refused] = definitionOpeningRefusals(...args);
  if (refused) throw refused;
}

/**
 * The procedure's own opening checks, then those its definition names that every procedure shares
 * (`definitionOpeningRefusals`), unless the procedure judges them itself, in its own order, on
 * the record it read (`judgesDefinitionChecks`: an appointment after the post's checks and the
 * statuses, a rotation before the planning pool and the years left): then they are not judged
 * again, nor the record read again. The post's own checks come first either way.
 */
export async function ownThenDefinitionOpeningChecks(
  module: Pick<ProcedureModule, 'onOpen' | 'judgesDefinitionChecks'>,
  opening: OpeningInput & { registry: RegistryReads },
): Promise<Record<string, unknown> | void> {
  // The person's record read once for both, whatever registry the caller hands (a bulk job's too).
  const registry = readsOnce(opening.registry);
  const facts = await module.onOpen?.({ ...opening, registry });
  const { definition, personId, context } = opening;
  if (!personId || module.judgesDefinitionChecks || !definition.openingChecks?.length) return facts;
  const { state } = await registry.loadPerson(personId);
  const on = { ruleSet: context.ruleSet, day: context.today };
  // An unregistered person is the procedure's own check to refuse.
  if (state.status === 'registered')
    refuseByDefinitionOpeningChecks(definition, personId, state.profile, on);
  return facts;
}

function readsOnce(registry: RegistryReads): RegistryReads {
  return registry instanceof RegistryReadsOnce ? registry : new RegistryReadsOnce(registry);
}
