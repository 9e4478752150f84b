import type { VettingEntry } from '../case/decider/case.events';
import type { StepRecord } from '../../workflow/step-engine';

/** The body of a registration step: the people who applied to sit the examination. */
export interface RegistrationBody {
  candidates: { personId: string }[];
}

/** The examination board (hội đồng thi tuyển) as it sat for one part of the examination. */
export interface ExamBoard {
  /** Members appointed to the board. */
  members: number;
  /** Members present who scored; each candidate has one score from each of them. */
  present: number;
}

/** The body of a scores step: each board member's score of each candidate still standing. */
export interface ScoresBody {
  board: ExamBoard;
  scores: { personId: string; memberScores: number[] }[];
  /** Two candidates level on every rule of the rule set: the one the authority chose. */
  winnerChoice?: string;
}

/** One candidate at registration, with the post's standards as their record meets them. */
export interface RegisteredCandidate {
  personId: string;
  eligibility: VettingEntry[];
}

/** One candidate's scores at one part: every member's score, the average and the result. */
export interface CandidateScore {
  personId: string;
  memberScores: number[];
  /** Mean of the members' scores, to two decimals. */
  average: number;
  /** Sum of this candidate's averages over the parts so far (this one included). */
  total: number;
  outcome: 'passed' | 'failed';
  reason: string;
}

/** How the final part chose the winner among those who passed every part. */
export interface ExamWinner {
  personId: string;
  by: 'only_one_passed' | 'highest_total' | 'tie_rule' | 'authority_choice';
  /** The rule-set rule applied when totals were level (its citation); null otherwise. */
  rule: string | null;
}

/** The numbers a part was judged by, with their citations (an auditor replays them). */
export interface AppliedScoreRule {
  scale: number;
  passMark: number;
  boardMinPresent: number;
  ruleSetId: string;
  citation: string;
}

export type ExamEvent =
  | { type: 'CandidatesRegistered'; data: StepRecord & { candidates: RegisteredCandidate[] } }
  | {
      type: 'ExamScoresRecorded';
      data: StepRecord & {
        board: ExamBoard;
        scores: CandidateScore[];
        /** Candidates who passed this part and go on. */
        passed: string[];
        /** The final part: the candidate the decision appoints. */
        winner?: ExamWinner;
        outcome: 'passed' | 'failed';
        reason: string;
        announced: boolean;
        visibleTo: string[];
        rule: AppliedScoreRule;
      };
    };
