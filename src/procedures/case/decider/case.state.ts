import { GoverningDeadline, LastStep, StepCorrectionNote } from '../../../workflow/step-engine';
import { VettingEntry, CaseEvent } from './case.events';

type Data<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>['data'];

export interface CaseFacts {
  caseId: string;
  procedure: string;
  definitionId: string;
  definitionVersion: number;
  ruleSetId: string;
  personId: string;
  positionId: string;
  orgUnitId: string;
  openedOn: string;
  summary: string;
  openFacts: Record<string, unknown>;
  /** Set when the case ran on paper before it was recorded here (opened as of a past day). */
  recordedFromPaper?: { paperRecordRef: string; recordedOn: string };
  /** Index of the current step in the pinned definition's steps. */
  currentStep: number;
  currentStepDueOn: string | null;
  /** A legal time limit some of its steps may not be due after (null: none). */
  governingDeadline: GoverningDeadline | null;
  /** Every completed step's event, in order. */
  steps: CaseEvent[];
  vetting: Record<
    string,
    VettingEntry & {
      resolved?: { note: string; resolvedBy: string; resolvedByName?: string; resolvedOn: string };
    }
  >;
  /** People the nomination steps sent forward (a post case: and its ballots kept). */
  nominees: string[] | null;
  /** The case fills a post: opened with or without a proposed person (`personId` '' then). */
  fillsPost: boolean;
  /** A post case: the nominee its final ballot chose, whom the decision appoints. */
  appointee: string | null;
  /** Users (and, as `person:<id>`, their person records) who recorded a tally (separation of duties). */
  tallyRecorders: string[];
  /** The last performed step, while it may still be corrected (see the step engine's last-step). */
  lastStep: LastStep<ExistingCase> | null;
  /** Corrections made, in order: which step, why, by whom, and the version each replaced. */
  corrections: StepCorrectionNote[];
  /**
   * Set once a vetting flag ending by time was recorded (its day set a `vetting-flag-end` timer);
   * never unset, so a case without it closes with nothing of that saga's to cancel.
   */
  flagEndsByTime?: true;
}

export type { StepCorrectionNote };

/** A case's state; impossible combinations (a decision on an open case) do not type-check. */
export type CaseState =
  | { status: 'none' }
  | ({ status: 'open' } & CaseFacts)
  | ({ status: 'decided'; decision: Data<'DecisionIssued'> } & CaseFacts)
  | ({ status: 'rejected'; rejection: Data<'CaseRejected'> } & CaseFacts)
  | ({ status: 'withdrawn'; withdrawal: Data<'CaseWithdrawn'> } & CaseFacts);

export type ExistingCase = Exclude<CaseState, { status: 'none' }>;
export const initialCaseState = (): CaseState => ({ status: 'none' });
