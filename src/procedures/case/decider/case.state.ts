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
  /** Every completed step's event, in order. */
  steps: CaseEvent[];
  vetting: Record<
    string,
    VettingEntry & { resolved?: { note: string; resolvedBy: string; resolvedOn: string } }
  >;
  /** People the nomination steps sent forward. */
  nominees: string[] | null;
  /** Users who recorded a ballot or nomination tally (separation of duties). */
  tallyRecorders: string[];
}

/** A case's state; impossible combinations (a decision on an open case) do not type-check. */
export type CaseState =
  | { status: 'none' }
  | ({ status: 'open' } & CaseFacts)
  | ({ status: 'decided'; decision: Data<'DecisionIssued'> } & CaseFacts)
  | ({ status: 'rejected'; rejection: Data<'CaseRejected'> } & CaseFacts)
  | ({ status: 'withdrawn'; withdrawal: Data<'CaseWithdrawn'> } & CaseFacts);

export type ExistingCase = Exclude<CaseState, { status: 'none' }>;
export const initialCaseState = (): CaseState => ({ status: 'none' });
