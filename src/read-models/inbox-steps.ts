import { Actor } from '../identity/actor';
import { definitionKey } from '../workflow/definitions/procedure-definition';
import { WorkflowCatalog } from '../workflow/workflow-catalog';

/**
 * The `definition@version/step` pairs the actor's roles perform, from the definitions themselves
 * (a discipline complaint is reviewed by whoever issues the decision).
 */
export function stepsPerformedBy(actor: Actor, catalog: WorkflowCatalog): string[] {
  const pairs: string[] = [];
  for (const definition of catalog.definitions.values()) {
    const key = definitionKey(definition);
    for (const step of definition.steps) {
      if (step.actors.roles.some((role) => actor.roles.includes(role)))
        pairs.push(`${key}/${step.id}`);
    }
    const decision = definition.steps[definition.steps.length - 1];
    if (
      definition.procedure === 'discipline' &&
      decision.actors.roles.some((role) => actor.roles.includes(role))
    )
      pairs.push(`${key}/complaint-review`);
  }
  return pairs;
}
