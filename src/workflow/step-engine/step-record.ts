/** Common to every step event: which step, when it happened, its record, who recorded it. */
export interface StepRecord {
  stepId: string;
  heldOn: string;
  minutesRef?: string;
  note?: string;
  recordedBy: string;
  /** The step that is current after this one, and its deadline (from the definition). */
  nextStepId: string | null;
  nextStepDueOn: string | null;
}

/** What every step body carries besides its kind's own fields. */
export interface StepBodyRecord {
  kind: string;
  heldOn: string;
  minutesRef?: string;
  note?: string;
}

/** The position of a case in its definition's steps (both procedures' open states have it). */
export interface StepPosition {
  currentStep: number;
  currentStepDueOn: string | null;
}

/** Moves a case to its next step when a step event says so (`nextStepId` differs from its step). */
export function advanceOn(
  position: StepPosition,
  record: Pick<StepRecord, 'stepId' | 'nextStepId' | 'nextStepDueOn'>,
  moved: boolean,
): Partial<StepPosition> {
  return moved
    ? { currentStep: position.currentStep + 1, currentStepDueOn: record.nextStepDueOn }
    : {};
}

/** Adds whoever recorded a tally to the recorders (separation of tally and decision). */
export const withRecorder = (recorders: string[], recordedBy: string): string[] => [
  ...new Set([...recorders, recordedBy]),
];

/** Who ended a case at a step and when, under the names of the procedure's event. */
export interface EndingNames {
  by: string;
  on: string;
}

/**
 * The event that ends a case at a step whose result sends it no further (a failed ballot, a
 * person not nominated, a violation not confirmed): the rule, the reason, the step, who, when.
 */
export function endedAtStep<T extends string>(
  type: T,
  names: EndingNames,
  end: { rule: string; reason: string; stepId: string | null; actorId: string; today: string },
): { type: T; data: Record<string, unknown> } {
  return {
    type,
    data: {
      rule: end.rule,
      reason: end.reason,
      stepId: end.stepId,
      [names.by]: end.actorId,
      [names.on]: end.today,
    },
  };
}
