import { VettingItem } from '../../../workflow/definitions/procedure-definition';
import { BallotTally } from '../../../workflow/vote-rules/tally';
import { CouncilVote } from '../../../workflow/vote-rules/council-election';
import { NominationTally } from '../../../workflow/vote-rules/nomination-ballot';
import { ReferenceShare } from '../../../workflow/vote-rules/reference-tally';
import type { ExamEvent } from '../../competitive-exam/exam.types';
import type { PostTerm } from './case.context';

export type { AppliedVoteRule, StepRecord } from '../../../workflow/step-engine';
import type {
  AppliedVoteRule,
  GoverningDeadline,
  StepCorrectedData,
  StepRecord,
} from '../../../workflow/step-engine';

export interface VettingEntry {
  item: VettingItem;
  result: 'cleared' | 'flagged';
  note: string;
  /** `record`: computed from the person's record; `staff`: entered by the vetting officer. */
  source: 'record' | 'staff';
  /** A record flag's own rule that staff may not set aside (`age.retirement_reached`), if any. */
  rule?: string;
}

/** One nominee's tally at a ballot of a post case, judged alone by the step's rule. */
export interface NomineeBallot {
  personId: string;
  tally: BallotTally;
  outcome: 'passed' | 'failed';
  reason: string;
  decidedByHead?: { decision: 'for' | 'against'; dissent: number };
}

/** Whom a post case's final ballot chose: the only one who passed, the most votes, or the head's choice. */
export interface ChosenAppointee {
  personId: string;
  by: 'only_one_passed' | 'most_votes' | 'head_choice';
  /** The rule applied when two passed level (its rule-set citation); null otherwise. */
  rule: string | null;
}

export type CaseEvent =
  | {
      type: 'CaseOpened';
      data: {
        caseId: string;
        procedure: string;
        definitionId: string;
        definitionVersion: number;
        ruleSetId: string;
        /** The person the case is about; '' for a post case opened without a proposed person. */
        personId: string;
        positionId: string;
        orgUnitId: string;
        openedOn: string;
        summary: string;
        openedBy: string;
        firstStepId: string;
        firstStepDueOn: string | null;
        /** A legal time limit its steps may not be due after (the resignation talk's, from the letter). */
        governingDeadline?: GoverningDeadline;
        /** Procedure-specific facts fixed when the case opened (e.g. lateness of a re-appointment). */
        facts?: Record<string, unknown>;
        /**
         * A case that ran on paper before it was recorded here: `openedOn` is the day it began
         * (its definition and rule set are that day's), recorded on `recordedOn` from the paper
         * file `paperRecordRef`.
         */
        recordedFromPaper?: { paperRecordRef: string; recordedOn: string };
        /** The case fills a post: nominees, a tally per nominee, the decision names who passed. */
        fillsPost?: boolean;
      };
    }
  | { type: 'ProposalRecorded'; data: StepRecord & { summary: string } }
  | { type: 'MeetingRecorded'; data: StepRecord & { conclusion: string; personOpinion?: string } }
  | {
      type: 'NominationTallied';
      data: StepRecord & {
        tally: NominationTally;
        /** `reference`: a tally kept as one basis for the decision; it selected no one. */
        outcome: 'selected' | 'fallback' | 'reference';
        selected: string[];
        reason: string;
        /** Reference tallies: the person's votes against the base, as counted and in per cent. */
        share?: ReferenceShare;
        /** A post case with several nominees standing: each one's share, by person. */
        shares?: Record<string, ReferenceShare>;
        announced: boolean;
        visibleTo: string[];
        rule: AppliedVoteRule;
      };
    }
  | {
      type: 'BallotTallied';
      data: StepRecord & {
        /** The tally of a case about one person; a post case's ballot has `nominees` instead. */
        tally?: BallotTally;
        /** A post case: each nominee's tally and result. */
        nominees?: NomineeBallot[];
        /** A post case: the nominees who passed, who go on. */
        passed?: string[];
        /** A post case's final ballot: the nominee the decision will name, and by which rule. */
        appointee?: ChosenAppointee;
        /** `reference`: a tally kept as one basis for the decision; the case goes on. */
        outcome: 'passed' | 'failed' | 'reference';
        reason: string;
        share?: ReferenceShare;
        decidedByHead?: { decision: 'for' | 'against'; dissent: number };
        announced: boolean;
        visibleTo: string[];
        rule: AppliedVoteRule;
      };
    }
  | {
      /** The council's election of the person introduced: elected goes on, not elected ends the case. */
      type: 'ElectionResultRecorded';
      data: StepRecord & {
        vote: CouncilVote;
        councilTermFrom: string;
        outcome: 'elected' | 'not_elected';
        reason: string;
        announced: boolean;
        visibleTo: string[];
        rule: AppliedVoteRule;
      };
    }
  | {
      type: 'VettingItemsRecorded';
      data: StepRecord & {
        items: VettingEntry[];
        complete: boolean;
        /** The day a record flag ends by time (a bar's end): its `vetting-flag-end` timer's. */
        flagsEndOn?: Partial<Record<VettingItem, string>>;
      };
    }
  | {
      type: 'VettingItemResolved';
      data: {
        item: VettingItem;
        note: string;
        resolvedBy: string;
        /**
         * The resolver's name when their token gave one, for a screen to name them by (a user id
         * alone, "staff-1", tells a reader nothing); absent before Dec 2026 or without a name.
         */
        resolvedByName?: string;
        resolvedOn: string;
      };
    }
  | {
      type: 'DecisionIssued';
      data: StepRecord & {
        number: string;
        signer: string;
        effectiveFrom: string;
        /**
         * The term of the post; for a rotation or transfer, its planned period (absent when a
         * transfer's decision states none), with the post's own term in `postTerm`.
         */
        termYears?: number;
        termEnd?: string;
        termRule: string;
        details?: Record<string, unknown>;
        /** A rotation or transfer into a leadership post: the term the post is held on. */
        postTerm?: PostTerm;
        /** A post case: the nominee the final ballot chose, whom the decision appoints. */
        appointee?: string;
        /** The appointee keeps the posts they held (kiêm nhiệm); otherwise the new post ends them. */
        keepsPreviousPost?: boolean;
        /**
         * Elected posts the decision does not end: held until the council that elected the
         * person relieves them (miễn nhiệm), which this decision's body cannot (`electedPostsKept`).
         */
        electedPostsKept?: { positionId: string; title: string }[];
        /** When the re-appointment notice falls due (the post's term end minus the lead time). */
        reappointmentNoticeOn?: string;
      };
    }
  | {
      type: 'VettingItemFlaggedFromRecord';
      /** `endsOn`: the day the record stops bearing it out, where only time ends it (`flagsEndOn`). */
      data: {
        item: VettingItem;
        note: string;
        flaggedOn: string;
        causeRef: string;
        endsOn?: string;
      };
    }
  /**
   * A flag read from the person's record that the record, read again, no longer bears out (the
   * discipline annulled on complaint, its bar ended or lightened): the item is cleared with the
   * record's note of today, the flag it replaces kept in `flaggedNote`. Asked by vetting staff
   * (the resolution of an item they may not waive) or by the discipline-record workflow.
   */
  | {
      type: 'VettingItemClearedFromRecord';
      data: {
        item: VettingItem;
        note: string;
        flaggedNote: string;
        clearedBy: string;
        clearedByName?: string;
        clearedOn: string;
        /** The staff's note asking for it, where staff asked. */
        requestNote?: string;
        /** The discipline case whose review led the workflow to read the record again. */
        causeRef?: string;
      };
    }
  | {
      type: 'CaseRejected';
      data: {
        rule: string;
        reason: string;
        stepId: string | null;
        rejectedBy: string;
        rejectedOn: string;
      };
    }
  | { type: 'CaseWithdrawn'; data: { reason: string; withdrawnBy: string; withdrawnOn: string } }
  /** A recorded step corrected: `corrected` replaces its effect; the original stays before it. */
  | { type: 'StepCorrected'; data: StepCorrectedData }
  | RenewedTermCorrectedEvent
  /** Competitive examination for a leadership post: candidates admitted, a part's scores. */
  | ExamEvent
  | DeadlineMissedEvent
  | StepDeadlineRecomputedEvent;

/**
 * The term an open re-appointment renews was corrected on the person's record (its end recorded
 * again by hand or by an import) after the case opened: the case's facts give the corrected end
 * from then on, the one it opened with stays in this event and in `termEndAtOpening`.
 */
export interface RenewedTermCorrectedEvent {
  type: 'RenewedTermCorrected';
  data: {
    previousTermEnd: string;
    termEnd: string;
    /** The decision number of the hold as it was recorded again. */
    decisionRef: string;
    correctedOn: string;
    /**
     * The notice deadline and lateness counted again from the corrected end for the day the case
     * opened (reappointment/notice-deadline.ts, the case's rule set). Absent on events written
     * before they were carried: those cases keep the deadline they opened with.
     */
    openBy?: string;
    late?: boolean;
    daysLate?: number;
    lateUnit?: 'days' | 'working_days';
    /** The notice's summary written again with the corrected end; absent for a summary by hand. */
    summary?: string;
  };
}

/** A step's time limit passed while the step was current: recorded on the case, never a log line. */
export interface DeadlineMissedEvent {
  type: 'DeadlineMissed';
  data: {
    caseId: string;
    stepId: string;
    dueOn: string;
    missedAt: string;
    /** The visit of the step that missed it (`stepVisits`; absent: the first). */
    stepVisit?: number;
  };
}

/**
 * The current step's deadline moved when counted again at a start, from the day the step became
 * current: the working-day calendar changed (an official year schedule landed or was corrected),
 * the definition's time limit for the step changed, or the legal limit governing the step (a
 * discipline case's time to decide) caps a day stored before that cap was applied (see
 * deadline-basis.ts). Also on discipline streams.
 */
export interface StepDeadlineRecomputedEvent {
  type: 'StepDeadlineRecomputed';
  data: {
    caseId: string;
    stepId: string;
    /** The day the step became current, from which its time limit is counted. */
    countedFrom: string;
    previousDueOn: string;
    dueOn: string;
    /** The calendar version the new due day was counted with (WorkingDayCalendar.version). */
    calendarVersion: string;
    /** Whether the new due day still crosses a year with no official schedule. */
    provisional: boolean;
    /**
     * The visit of the step whose due day moved (`stepVisits`; absent: the first, as on events
     * written before it was carried): its timer is the one the new day's replaces.
     */
    stepVisit?: number;
  };
}

export type CaseEventType = CaseEvent['type'];
