import { VettingItem } from '../../../workflow/definitions/procedure-definition';
import type { GoverningDeadline } from '../../../workflow/step-engine';
import { BallotTally } from '../../../workflow/vote-rules/tally';
import { CouncilVote } from '../../../workflow/vote-rules/council-election';
import type { RegistrationBody, ScoresBody } from '../../competitive-exam/exam.types';

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
  | ({
      kind: 'ballot';
      /** The one tally of a case about one person (or of a post case's sole nominee). */
      tally?: BallotTally;
      headDecision?: 'for' | 'against';
      /** A post case: one tally per nominee (each judged by the step's rule). */
      tallies?: NomineeTally[];
      /** A post case's final ballot with two nominees level: whom the head of the collective chose. */
      headChoice?: string;
    } & StepBodyBase)
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
      /**
       * The appointee keeps the posts they hold (kiêm nhiệm); without it the new post ends the
       * previous ones on the record.
       */
      keepsPreviousPost?: boolean;
    } & StepBodyBase)
  | ({ kind: 'registration' } & RegistrationBody & StepBodyBase)
  | ({ kind: 'scores' } & ScoresBody & StepBodyBase)
  | ({ kind: 'election' } & CouncilElectionBody & StepBodyBase);

/**
 * The council's vote on the person introduced (kết quả bầu), and the day its term (khóa) began:
 * an elected post's term follows the council's.
 */
export interface CouncilElectionBody {
  vote: CouncilVote;
  /** The first session of the council's term (kỳ họp thứ nhất), from which its term runs. */
  councilTermFrom: string;
}

/** One nominee's tally at a ballot of a post case. */
export interface NomineeTally {
  personId: string;
  tally: BallotTally;
  headDecision?: 'for' | 'against';
}

export type CaseCommand =
  | {
      type: 'OpenCase';
      data: {
        caseId: string;
        procedure: string;
        /** The person the case is about; '' for a post case opened without a proposed person. */
        personId: string;
        positionId: string;
        orgUnitId: string;
        summary: string;
        /** The definition fills a post (see ProcedureDefinition.fillsPost). */
        fillsPost?: boolean;
        facts?: Record<string, unknown>;
        /** The legal time limit the procedure found in the facts (see GoverningDeadline). */
        governingDeadline?: GoverningDeadline;
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
    }
  /**
   * A workflow asks the case to read a flag from the record again (a discipline decision annulled
   * or changed on complaint, `causeRef` that discipline case; the day a bar ends, by the case's
   * `vetting-flag-end` timer, none): cleared where the record no longer bears it out, else nothing.
   */
  | {
      type: 'RecheckVettingItemFromRecord';
      data: { item: VettingItem; causeRef?: string };
    }
  /** A workflow notes on an open re-appointment that the term it renews was corrected on the record. */
  | { type: 'CorrectRenewedTerm'; data: { termEnd: string; decisionRef: string } };
