import { ProcedureDefinition } from '../definitions/procedure-definition';
import { refuse } from './refuse';
import { StepContext } from './step-context';

/**
 * Who may end a case before its decision (withdraw or reject it): the role that opens it, the
 * actors of the definition's first step, wherever the case now stands. The view offers the two
 * actions by the same rule, so a reader is shown only what the server lets them do.
 */
export function closingRoles(definition: ProcedureDefinition): string[] {
  return definition.steps[0]?.actors.roles ?? [];
}

/** Whether this actor's roles include one that may withdraw or reject a case of the definition. */
export function mayClose(definition: ProcedureDefinition, actor: { roles: string[] }): boolean {
  const roles = closingRoles(definition);
  return actor.roles.some((role) => roles.includes(role));
}

/** Refuses (403 `step.role_not_allowed`) whoever the closing rule does not name, saying that rule. */
export function requireCloser(context: StepContext): void {
  const { definition, actor } = context;
  if (!mayClose(definition, actor)) {
    refuse(
      'step.role_not_allowed',
      `only the role that opens the case — ${closingRoles(definition).join(' or ')} — may withdraw or reject it; you act as ${actor.roles.join(', ') || 'no role'}`,
      'forbidden',
    );
  }
  const first = definition.steps[0];
  if (first?.actors.scope === 'case-unit' && !context.actorReachesCaseUnit) {
    refuse(
      'step.out_of_scope',
      `your grant for org unit ${actor.orgUnit} does not cover this case's org unit`,
      'forbidden',
    );
  }
}
