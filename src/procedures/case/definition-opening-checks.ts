import { RegistryReads } from '../../cadres/prefetched-registry';
import { refuseRetirementReached } from './decider/retirement-reached-refusal';
import { OpeningInput, ProcedureModule } from './procedure-registry';

/**
 * The procedure's own opening checks, then those its definition names that every procedure
 * shares (`openingChecks`): `retirement_reached` refuses, 422 `age.retirement_reached` on
 * `personId`, a person who has reached the retirement age by the day (`retirement.age`), for a
 * procedure whose decision gives them a post (transfer, rotation, election, and the approval in
 * principle and consultation of their appointment). Before Dec 2026 only an appointment refused
 * them; the others opened and ran until their decision. The post's own checks come first, as an
 * appointment's do; a rotation judges it among its checks, before the years left, so one already
 * retired is told so, not that too few years are left (`rotation-rules.ts`).
 */
export async function ownThenDefinitionOpeningChecks(
  module: Pick<ProcedureModule, 'onOpen'>,
  opening: OpeningInput & { registry: RegistryReads },
): Promise<Record<string, unknown> | void> {
  const facts = await module.onOpen?.(opening);
  const { definition, personId, context } = opening;
  if (personId && definition.openingChecks?.includes('retirement_reached')) {
    const { state } = await opening.registry.loadPerson(personId);
    const on = { ruleSet: context.ruleSet, day: context.today };
    // An unregistered person is the procedure's own check to refuse.
    if (state.status === 'registered')
      refuseRetirementReached(personId, state.profile, on, 'personId');
  }
  return facts;
}
