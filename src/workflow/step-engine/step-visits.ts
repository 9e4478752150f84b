/**
 * What a case keeps of the step events that moved it: those in effect (`steps`) and those a
 * correction replaced (`corrections`, each with where its corrected version sent the case:
 * `correctedNextStepId`). Optional: a position without them is on its first visits.
 */
export interface StepHistory {
  steps?: readonly { data: object }[];
  corrections?: readonly { replaced: { data: object }; correctedNextStepId?: string | null }[];
}

type Moved = { stepId?: unknown; nextStepId?: unknown };

/**
 * How many times the case has been moved onto `stepId`: by its opening (the step first
 * performed), by a step event in effect, by a version a correction replaced when the correction
 * sent the case elsewhere (a version corrected to the same next step is one stay on it), and by a
 * correction that sent the case back to the step it corrected (a vetting found incomplete after
 * all). A vetting completed, corrected as incomplete and completed again made the decision step
 * current twice, and the vetting step too. A step's deadline timer is named by its visit (a timer
 * id is scheduled once), so each visit needs an id no other used.
 */
function timesMovedOnto(history: StepHistory, stepId: string): number {
  const steps = (history.steps ?? []).map((event) => event.data as Moved);
  const corrections = history.corrections ?? [];
  const first = steps[0] ?? (corrections[0]?.replaced.data as Moved | undefined);
  const opened = first?.stepId === stepId ? 1 : 0;
  const byStep = steps.filter((data) => data.nextStepId === stepId && data.stepId !== stepId);
  const byCorrection = corrections.filter((correction) => {
    const replaced = correction.replaced.data as Moved;
    const corrected = correction.correctedNextStepId;
    // A note kept without where the correction sent the case counts its replaced version alone.
    if (corrected === undefined)
      return replaced.nextStepId === stepId && replaced.stepId !== stepId;
    if (corrected === replaced.nextStepId) return false;
    return replaced.stepId === stepId ? corrected === stepId : replaced.nextStepId === stepId;
  });
  return opened + byStep.length + byCorrection.length;
}

const visitField = (visit: number) => (visit > 1 ? visit : undefined);

/**
 * A step event's visits (absent: the first, as every event written before them reads): the visit
 * of the step it records (the step is current on it), and the next step's, which it begins.
 */
export function stepVisits(
  history: StepHistory,
  stepId: string,
  nextStepId: string | null,
): { stepVisit?: number; nextStepVisit?: number } {
  const visit = visitField(Math.max(1, timesMovedOnto(history, stepId)));
  const nextVisit = visitField(
    nextStepId && nextStepId !== stepId ? timesMovedOnto(history, nextStepId) + 1 : 1,
  );
  return {
    ...(visit ? { stepVisit: visit } : {}),
    ...(nextVisit ? { nextStepVisit: nextVisit } : {}),
  };
}

/**
 * The visit of a step that is current in `history` (the case as it stands after the event that
 * left it current): a step corrected to the same next step stays on that step's visit; one a
 * correction sends the case to, or back to, begins the next.
 */
export function currentVisit(history: StepHistory, stepId: string): number {
  return Math.max(1, timesMovedOnto(history, stepId));
}
