/**
 * What a case keeps of the step events that moved it: those in effect (`steps`) and those a
 * correction replaced (`corrections`). Optional: a position without them is on its first visits.
 */
export interface StepHistory {
  steps?: readonly { data: object }[];
  corrections?: readonly { replaced: { data: object } }[];
}

/**
 * How many times a step event has moved the case onto `stepId`, counting versions a correction
 * replaced: a vetting completed, corrected as incomplete and completed again made the decision
 * step current twice. A step's deadline timer is named by its visit (a timer id is scheduled
 * once), so the second visit needs an id the first did not use.
 */
function timesMovedOnto(history: StepHistory, stepId: string): number {
  const events = [
    ...(history.steps ?? []).map((event) => event.data as Record<string, unknown>),
    ...(history.corrections ?? []).map(
      (correction) => correction.replaced.data as Record<string, unknown>,
    ),
  ];
  return events.filter((data) => data.nextStepId === stepId && data.stepId !== stepId).length;
}

/**
 * A step event's visits (absent: the first, as every event written before them reads): the visit
 * of the step it records (the step is current on it), and the next step's, which it begins.
 */
export function stepVisits(
  history: StepHistory,
  stepId: string,
  nextStepId: string | null,
): { stepVisit?: number; nextStepVisit?: number } {
  const visit = Math.max(1, timesMovedOnto(history, stepId));
  const nextVisit =
    nextStepId && nextStepId !== stepId ? timesMovedOnto(history, nextStepId) + 1 : 1;
  return {
    ...(visit > 1 ? { stepVisit: visit } : {}),
    ...(nextVisit > 1 ? { nextStepVisit: nextVisit } : {}),
  };
}
