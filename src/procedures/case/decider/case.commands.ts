import { VettingItem } from '../../../workflow/definitions/procedure-definition';
import { BallotTally } from '../../../workflow/vote-rules/tally';

export interface StepBodyBase {
  heldOn: string;
  minutesRef?: string;
  note?: string;
}

/** Step bodies by kind (already checked for shape by the HTTP layer). */
export type StepBody =
  | ({ kind: 'proposal'; summary: string } & StepBodyBase)
  | ({ kind: 'meeting'; conclusion: string; personOpinion?: string } & StepBodyBase)
  | ({
      kind: 'nomination';
      members: number;
      summoned: number;
      present: number;
      invalid: number;
      candidates: { personId: string; votes: number }[];
    } & StepBodyBase)
  | ({ kind: 'ballot'; tally: BallotTally; headDecision?: 'for' | 'against' } & StepBodyBase)
  | ({
      kind: 'vetting';
      items: { item: VettingItem; result: 'cleared' | 'flagged'; note?: string }[];
    } & StepBodyBase)
  | ({
      kind: 'decision';
      number: string;
      signer: string;
      effectiveFrom: string;
      termYears?: number;
    } & StepBodyBase);

export type CaseCommand =
  | {
      type: 'OpenCase';
      data: {
        caseId: string;
        procedure: string;
        personId: string;
        positionId: string;
        orgUnitId: string;
        summary: string;
        facts?: Record<string, unknown>;
        recordedFromPaper?: { paperRecordRef: string; recordedOn: string };
      };
    }
  | { type: 'PerformStep'; data: { stepId: string; body: StepBody } }
  /** Correct the last performed step (a mistyped tally): the corrected body and why. */
  | { type: 'CorrectStep'; data: { stepId: string; body: StepBody; reason: string } }
  | { type: 'ResolveVettingItem'; data: { item: VettingItem; note: string } }
  | { type: 'WithdrawCase'; data: { reason: string } }
  | { type: 'RejectCase'; data: { reason: string } }
  /** A saga flags (or reopens) a vetting item from the person's record, e.g. a discipline decided mid-case. */
  | {
      type: 'FlagVettingItemFromRecord';
      data: { item: VettingItem; note: string; causeRef: string };
    };
