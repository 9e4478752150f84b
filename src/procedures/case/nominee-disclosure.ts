import { NOT_ANNOUNCED, WITHHELD_FROM_SUBJECT } from '../../identity/ballot-disclosure';

type StepView = Record<string, unknown>;

/** The steps whose result says who still stands (their `selected` / `passed`): an exam's too. */
const SELECTING_STEPS = ['NominationTallied', 'BallotTallied', 'ExamScoresRecorded'];

export interface DisclosedNominees {
  nominees: string[] | null;
  /** Why `nominees` is not shown to this reader (the selecting step's own withholding). */
  nomineesWithheld?: string;
}

/**
 * Who still stands is what the last nomination or ballot selected. A reader from whom that step's
 * `selected` / `passed` is withheld does not learn it from the case's `nominees` either: not the
 * subject nor a candidate, ever; not a role outside the ballot's `visibleTo` until it is
 * announced — except whoever takes the case's current step, whose ballot paper lists them.
 */
export function disclosedNominees(
  nominees: string[] | null,
  steps: readonly StepView[],
  takesCurrentStep: boolean,
): DisclosedNominees {
  const selecting = [...steps]
    .reverse()
    .find((step) => SELECTING_STEPS.includes(String(step.type)));
  const withheld = Array.isArray(selecting?.withheld) ? (selecting.withheld as string[]) : [];
  if (!withheld.includes('selected') && !withheld.includes('passed')) return { nominees };
  const reason = typeof selecting?.reason === 'string' ? selecting.reason : NOT_ANNOUNCED;
  if (reason !== WITHHELD_FROM_SUBJECT && takesCurrentStep) return { nominees };
  return { nominees: null, nomineesWithheld: reason };
}
