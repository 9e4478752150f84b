import { StepDefinition } from '../definitions/procedure-definition';
import { requireCloser } from './closing';
import { refuse } from './refuse';
import { StepContext } from './step-context';
import { EndingNames, StepPosition, endedAtStep, recorderPerson } from './step-record';

/** Who may take a step: one of its roles, and a grant reaching the case's unit where it says so. */
export function requireActor(step: StepDefinition, context: StepContext): void {
  requireStepRole(step, context.actor);
  if (step.actors.scope === 'case-unit' && !context.actorReachesCaseUnit) {
    refuse(
      'step.out_of_scope',
      `your grant for org unit ${context.actor.orgUnit} does not cover this case's org unit`,
      'forbidden',
    );
  }
}

/**
 * Who may take a step by role alone: the step's definition says it, whatever the case's state,
 * so the route asks it before the case's current step and before the body (403 first, as README
 * orders the refusals), and the decider asks it again with the rest of `requireActor`.
 */
export function requireStepRole(step: StepDefinition, actor: { roles: string[] }): void {
  if (!actor.roles.some((role) => step.actors.roles.includes(role)))
    refuse(
      'step.role_not_allowed',
      `step ${step.id} is performed by ${step.actors.roles.join(' or ')}; you act as ${actor.roles.join(', ') || 'no role'}`,
      'forbidden',
    );
}

/** What separation of duties answers the person a case (or a record write) is about. */
export interface SubjectRefusal {
  rule: 'separation.subject';
  message: string;
}

/**
 * Separation of duties: the person a case (or a record write) is about never acts on it; null
 * when the actor is someone else. `about` names what they are the subject of, `field` where the
 * request names them. The views read it too, to offer the subject no action.
 */
export function subjectRefusal(
  personId: string,
  context: { actor: { personId?: string } },
  about = 'this case',
  field?: string,
): SubjectRefusal | null {
  if (!context.actor.personId || context.actor.personId !== personId) return null;
  return {
    rule: 'separation.subject',
    message: `${field ? `${field}: ` : ''}you are the subject of ${about} (${personId}) and may not act on it`,
  };
}

/** Refuses the subject (403 `separation.subject`), as `subjectRefusal` says. */
export function refuseSubject(
  personId: string,
  context: { actor: { personId?: string } },
  about = 'this case',
  field?: string,
): void {
  const refusal = subjectRefusal(personId, context, about, field);
  if (refusal) refuse(refusal.rule, refusal.message, 'forbidden', field);
}

/**
 * Whoever recorded a tally of the case may not also issue its decision, where the definition says
 * so: neither the same user nor another account of the same person.
 */
export function refuseTallyRecorder(
  tallyRecorders: string[],
  context: StepContext,
  message: string,
): void {
  const { userId, personId } = context.actor;
  const recorded =
    tallyRecorders.includes(userId) ||
    (personId !== undefined && tallyRecorders.includes(recorderPerson(personId)));
  if (context.definition.separateTallyAndDecision && recorded)
    refuse('separation.tally_and_decision', message, 'forbidden');
}

/**
 * Staff end a case at whatever step it stands (rejecting or closing it): whoever may open the
 * case may end it.
 */
export function endedByStaff<T extends string>(
  type: T,
  names: EndingNames,
  position: StepPosition,
  context: StepContext,
  end: { rule: string; reason: string },
): { type: T; data: Record<string, unknown> } {
  const { definition } = context;
  requireCloser(context);
  return endedAtStep(type, names, {
    ...end,
    stepId: definition.steps[position.currentStep]?.id ?? null,
    actorId: context.actor.userId,
    today: context.today,
  });
}
