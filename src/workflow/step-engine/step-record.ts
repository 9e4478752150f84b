import { StepHistory } from './step-visits';

/** Common to every step event: which step, when it happened, its record, who recorded it. */
export interface StepRecord {
  stepId: string;
  heldOn: string;
  minutesRef?: string;
  note?: string;
  recordedBy: string;
  /**
   * The recorder's name when their token gave one: the correction form names who recorded the
   * step by it, not by a user id ("staff-1"); absent before Dec 2026 or without a name.
   */
  recordedByName?: string;
  /**
   * The person record of whoever recorded the step, when they are a cadre: two accounts of one
   * person are one person to separation of duties.
   */
  recordedByPerson?: string;
  /** The step that is current after this one, and its deadline (from the definition). */
  nextStepId: string | null;
  nextStepDueOn: string | null;
  /**
   * How many times the step recorded, and the next step, have been current on this visit (absent:
   * the first; `stepVisits`): a step current again has a deadline timer of its own visit.
   */
  stepVisit?: number;
  nextStepVisit?: number;
}

/** What every step body carries besides its kind's own fields. */
export interface StepBodyRecord {
  kind: string;
  heldOn: string;
  minutesRef?: string;
  note?: string;
}

/** A day the case's first step may not precede, and the field of the case it comes from. */
export interface FirstStepFrom {
  day: string;
  field: string;
}

/** The position of a case in its definition's steps (both procedures' open states have it). */
export interface StepPosition extends StepHistory {
  currentStep: number;
  currentStepDueOn: string | null;
  /** The day the case was opened (for a case from paper, the day it began). */
  openedOn: string;
  /** Set on a case kept on paper until it was recorded here: its `openedOn` is when it began. */
  recordedFromPaper?: object;
  /**
   * The earliest day of the first step, where a procedure's case began before its `openedOn`
   * without a back-dated opening (a discipline case: its steps kept on paper are recorded with
   * their own days, none before the violation). Absent: the first step is not before `openedOn`.
   */
  firstStepFrom?: FirstStepFrom;
  /**
   * The day the current step became current: the day the step before it was held. Absent until a
   * step has moved the case (the first step is current from `openedOn`).
   */
  currentStepSince?: string;
}

/** Moves a case to its next step when a step event says so (`nextStepId` differs from its step). */
export function advanceOn(
  position: StepPosition,
  record: Pick<StepRecord, 'stepId' | 'heldOn' | 'nextStepId' | 'nextStepDueOn'>,
  moved: boolean,
): Partial<Pick<StepPosition, 'currentStep' | 'currentStepDueOn' | 'currentStepSince'>> {
  return moved
    ? {
        currentStep: position.currentStep + 1,
        currentStepDueOn: record.nextStepDueOn,
        currentStepSince: record.heldOn,
      }
    : {};
}

/**
 * Adds whoever recorded a tally to the recorders (separation of tally and decision): their user
 * and, written `person:<id>` (see `recorderPerson`), their person record.
 */
export const withRecorder = (
  recorders: string[],
  record: Pick<StepRecord, 'recordedBy' | 'recordedByPerson'>,
): string[] => [
  ...new Set([
    ...recorders,
    record.recordedBy,
    ...(record.recordedByPerson ? [recorderPerson(record.recordedByPerson)] : []),
  ]),
];

/** How a recorder's person record stands among the tally recorders (apart from user ids). */
export const recorderPerson = (personId: string): string => `person:${personId}`;

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
