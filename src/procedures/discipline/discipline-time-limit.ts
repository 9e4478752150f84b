import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { dueFrom, GoverningDeadline, withinGoverningDeadline } from '../../workflow/step-engine';
import { currentVisit } from '../../workflow/step-engine/step-visits';
import { DisciplineContext } from './discipline.context';
import { ExistingDiscipline } from './discipline.state';

/** How the views name the civil-service time to decide when it is a step's due day. */
export const DISCIPLINE_TIME_LIMIT_RULE = 'discipline.time_limit';

/**
 * The time to decide (thời hạn xử lý kỷ luật, `discipline.decideDays`) governs every step of the
 * case up to the decision: no step may be due after the day the case itself must be decided by.
 * A track with no time limit (Party) has none.
 */
export function disciplineTimeLimit(
  decideBy: string | null,
  definition: ProcedureDefinition,
): GoverningDeadline | null {
  if (!decideBy) return null;
  return {
    dueOn: decideBy,
    rule: DISCIPLINE_TIME_LIMIT_RULE,
    stepIds: definition.steps.map((step) => step.id),
  };
}

/**
 * A step's due day counted again under an extended time to decide, and the step's visit
 * (`stepVisit`, absent: the first, as on events written before it), whose timer the new day's
 * replaces.
 */
export interface CurrentStepDue {
  stepId: string;
  previousDueOn: string | null;
  dueOn: string;
  stepVisit?: number;
}

/**
 * The current step's due day under the extended time to decide, when it changes: a step the old
 * limit cut short is due on its own day again, or on the new limit if that comes first.
 */
export function currentStepDueUnder(
  state: ExistingDiscipline,
  decideBy: string,
  context: DisciplineContext,
): { currentStepDue?: CurrentStepDue } {
  if (state.status !== 'open') return {};
  const step = context.definition.steps[state.currentStep];
  const own = dueFrom(step, state.currentStepSince ?? state.openedOn, context.calendar);
  const due = withinGoverningDeadline(
    step?.id,
    own,
    disciplineTimeLimit(decideBy, context.definition),
  );
  if (!step || due === null || due === state.currentStepDueOn) return {};
  const visit = currentVisit(state, step.id);
  return {
    currentStepDue: {
      stepId: step.id,
      previousDueOn: state.currentStepDueOn,
      dueOn: due,
      ...(visit > 1 ? { stepVisit: visit } : {}),
    },
  };
}
