import { DeadlineMissedEvent } from '../case/decider/case.events';
import { AppliedVoteRule, StepCorrectedData, StepRecord } from '../../workflow/step-engine';
import { ExpulsionProposal, FormBallotTally } from './form-ballot';
import { SameViolationLink } from './same-violation';

export type DisciplineTrack = 'party' | 'civil_service';
export const VIOLATION_SOURCES = ['report', 'inspection', 'denunciation'] as const;
export type ViolationSource = (typeof VIOLATION_SOURCES)[number];

/** What the person is said to have done, recorded when the case opens. */
export interface Violation {
  category: string;
  committedOn: string;
  description: string;
  source: ViolationSource;
  /** The form the violation is at the level of; its limitation period follows from it. */
  severity: string;
}

/** Fields every step event shares with the other procedures: the step engine's record. */
export type DisciplineStepRecord = StepRecord;

/** Events of a discipline case (stream `discipline-<id>`). Stored names are stable; never rename. */
export type DisciplineEvent =
  | {
      type: 'DisciplineCaseOpened';
      data: {
        caseId: string;
        procedure: 'discipline';
        definitionId: string;
        definitionVersion: number;
        ruleSetId: string;
        track: DisciplineTrack;
        personId: string;
        /** The post the person holds that a removal would end, if any. */
        positionId: string | null;
        orgUnitId: string;
        electedCadre: boolean;
        violation: Violation;
        /** The limitation period that was checked, for the auditor. */
        limitation: { years: number | null; endsOn: string | null; citation: string };
        openedOn: string;
        openedBy: string;
        summary: string;
        /** Civil-service track: the day by which the decision is due (null: no time limit). */
        decideBy: string | null;
        firstStepId: string;
        firstStepDueOn: string | null;
      };
    }
  | {
      type: 'DisciplineStepRecorded';
      data: DisciplineStepRecord & { conclusion: string; violationConfirmed?: boolean };
    }
  | {
      type: 'DisciplineBallotTallied';
      data: DisciplineStepRecord & {
        tally: FormBallotTally;
        expulsionProposal?: ExpulsionProposal;
        outcome: 'form_chosen' | 'no_discipline';
        form: string | null;
        accumulated: boolean;
        reason: string;
        announced: boolean;
        visibleTo: string[];
        rule: AppliedVoteRule;
      };
    }
  | {
      type: 'DisciplineDecided';
      data: DisciplineStepRecord & {
        number: string;
        signer: string;
        form: string;
        effectiveFrom: string;
        /** End of the bar on higher posts; null when the form has no end (expulsion, dismissal). */
        barEndsOn: string | null;
        barRule: string;
        /**
         * Whether the form ends the post the person holds, by the case's rule set
         * (`discipline.formsEndingPost`); absent on decisions recorded before Dec 2026 (see
         * `decisionEndsPost`).
         */
        endsPost?: boolean;
        endsPostRule?: string;
        /** The day the person received the decision (absent on decisions recorded before it was asked). */
        servedOn?: string;
        complaintWindowEndsOn: string;
        /**
         * The discipline's own validity (hiệu lực), apart from the bar: the last day it has effect
         * (null: no end); absent on decisions recorded before Dec 2026.
         */
        inEffectUntil?: string | null;
        inEffectRule?: string;
        /** Whether the form takes the person off the planning pool (absent before Dec 2026: every form did). */
        leavesPlanningPool?: boolean;
        planningPoolRule?: string;
        /** The form came with relief from post (miễn nhiệm, cho thôi giữ chức vụ). */
        relievedFromPost?: boolean;
        /** The other track's decision on the same violation, and the longer bar the person carries. */
        sameViolationAs?: SameViolationLink['sameViolationAs'];
        carriedBarEndsOn?: string | null;
        carriedBarRule?: string;
        withinTimeLimit: boolean | null;
      };
    }
  | {
      type: 'DisciplineTimeLimitExtended';
      data: {
        from: string;
        to: string;
        reason: string;
        extendedBy: string;
        extendedOn: string;
        citation: string;
      };
    }
  | {
      type: 'DisciplineComplaintFiled';
      data: { filedOn: string; grounds: string; recordedBy: string };
    }
  | {
      type: 'DisciplineComplaintReviewed';
      data: {
        heldOn: string;
        number: string;
        outcome: 'keep' | 'change' | 'annul';
        form: string | null;
        barEndsOn: string | null;
        barRule: string | null;
        reason: string;
        reviewedBy: string;
      };
    }
  | {
      type: 'DisciplineCaseClosed';
      data: {
        rule: string;
        reason: string;
        stepId: string | null;
        closedBy: string;
        closedOn: string;
      };
    }
  /** A recorded step corrected: `corrected` replaces its effect; the original stays before it. */
  | { type: 'StepCorrected'; data: StepCorrectedData }
  | DeadlineMissedEvent;

export type DisciplineEventType = DisciplineEvent['type'];
