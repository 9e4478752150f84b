import { Actor } from '../identity/actor';
import { definitionKey } from '../workflow/definitions/procedure-definition';
import { WorkflowCatalog } from '../workflow/workflow-catalog';

/**
 * A discipline case under a complaint waits on its review, a task no definition lists as a step:
 * the inbox names it by this id and these titles. It carries no deadline: no rule set holds a
 * period to resolve a complaint (Luật Khiếu nại 2011 and the Party's rules set one; not modelled).
 */
export const COMPLAINT_REVIEW = {
  id: 'complaint-review',
  title: 'Resolve the complaint',
  titleVi: 'Giải quyết khiếu nại',
} as const;

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
      pairs.push(`${key}/${COMPLAINT_REVIEW.id}`);
  }
  return pairs;
}
