import { WiderBarScope } from '../../cadres/discipline-bar-scope';
import { DeadlineMissedEvent, StepDeadlineRecomputedEvent } from '../case/decider/case.events';
import type { CurrentStepDue } from './discipline-time-limit';
import { AppliedVoteRule, StepCorrectedData, StepRecord } from '../../workflow/step-engine';
import { ExpulsionProposal, FormBallotTally } from './form-ballot';
import { SameViolationLink } from './same-violation';

/** The record's period that puts the person out of the service on the detection day. */
export interface LeftService {
  status: 'retired' | 'left_service';
  from: string;
}

export type DisciplineTrack = 'party' | 'civil_service';
export const VIOLATION_SOURCES = ['report', 'inspection', 'denunciation'] as const;
export type ViolationSource = (typeof VIOLATION_SOURCES)[number];

/** What the person is said to have done, recorded when the case opens. */
export interface Violation {
  category: string;
  committedOn: string;
  description: string;
  source: ViolationSource;
  /**
   * The form staff expected when opening, the form the violation warrants on its own (kept for
   * the record). The limitation period no longer follows from it: it is judged on the form voted
   * or decided (see `discipline-limitation.ts`); a violation while a discipline is served reads
   * it for art. 2(3)(b) of Nghị định 172/2025 (`repeat-violation.ts`).
   */
  severity?: string;
  /** The day the violation was detected (ngày phát hiện): the time to decide runs from it. */
  detectedOn?: string;
  /** Days of the person's later violations; one within the running period restarts it. */
  laterViolationsOn?: string[]; /** Why this is another act than one of its category that day (violation-handled-once.ts). */
  distinctViolation?: string;
}

/** A cadre (cán bộ: elected or approved) or a civil servant (công chức). */
export type ServiceStatus = 'cadre' | 'civil_servant';

/** The limitation period (thời hiệu) judged on a form, for the auditor. */
export interface LimitationJudgement {
  form: string;
  /** null: the violation has no limitation (its form or its kind). */
  years: number | null;
  /** The violation's day, or the later violation that restarted the period. */
  runsFrom: string;
  restartedBy: string | null;
  /** The violation kind that has no limitation, when that is why `years` is null. */
  exemptCategory: string | null;
  endsOn: string | null;
  judgedOn: string;
  expired: boolean;
  citation: string;
}

/** Steps passed over with their ground (no discipline council for a cadre, a skip path). */
export interface SkippedSteps {
  stepIds: string[];
  ground: string;
  reference: string | null;
  rule: string;
}

/** Fields every step event shares with the other procedures: the step engine's record. */
export type DisciplineStepRecord = StepRecord;

/** Events of a discipline case (stream `discipline-<id>`). Stored names are stable; never rename. */
/** Who complains against a discipline decision: the disciplined person, or someone named. */
export type Complainant = { personId: string; name: null } | { personId: null; name: string };

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
        /**
         * The limitation period checked at opening by cases opened before Dec 2026 (on the
         * severity typed in); null: judged later, on the form voted or decided.
         */
        limitation: { years: number | null; endsOn: string | null; citation: string } | null;
        /** Absent on cases opened before Dec 2026: an elected cadre was a cadre, else a civil servant. */
        serviceStatus?: ServiceStatus;
        /**
         * The violation was found after the person left the service or retired (the record's
         * period covering the detection day): only the forms for those who left apply. Absent: serving.
         */
        leftService?: LeftService;
        /** The day the time to decide runs from (detection); absent before Dec 2026: openedOn. */
        decideFrom?: string;
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
      data: DisciplineStepRecord & {
        conclusion: string;
        violationConfirmed?: boolean;
        /** Later violations the verification found (restart the limitation period). */
        laterViolationsOn?: string[];
        /** The council steps passed over after this one, and why. */
        skippedSteps?: SkippedSteps;
      };
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
         * The posts the bar covers besides a higher one (`discipline.barScope`), with its rule;
         * absent when it covers a higher post only, and on decisions recorded before Dec 2026.
         */
        barScope?: WiderBarScope;
        barScopeRule?: string;
        /**
         * Whether the form ends the post the person holds, by the case's rule set
         * (`discipline.formsEndingPost`); absent on decisions recorded before Dec 2026 (see
         * `decisionEndsPost`).
         */
        endsPost?: boolean;
        endsPostRule?: string;
        /** The day the person received the decision (absent on decisions recorded before it was asked). */
        servedOn?: string;
        /** Civil service: the council's recommendation when the authority decided another form. */
        differsFromRecommendation?: { recommended: string | null; reason: string };
        /** A recall (bãi nhiệm): the electing council's resolution this decision carries out. */
        councilResolution?: { number: string; adoptedOn: string };
        /** The limitation judged on this form (absent where the ballot judged it, or before Dec 2026). */
        limitation?: LimitationJudgement;
        /** The person's written request to be disciplined, which ended a deferral. */
        personRequest?: { receivedOn: string; reference: string; waived: string[] };
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
        /**
         * Civil service under Nghị định 71/2023: the Party decision's day, from which this
         * decision's validity and bar count instead of `effectiveFrom` (absent: its own day).
         */
        effectCountedFrom?: { on: string; rule: string };
        /** The other track's decision on the same violation, and the longer bar the person carries. */
        sameViolationAs?: SameViolationLink['sameViolationAs'];
        carriedBarEndsOn?: string | null;
        carriedBarRule?: string;
        withinTimeLimit: boolean | null;
      };
    }
  /**
   * The violation is confirmed but its limitation period for the form voted or decided has run
   * (vi phạm nhưng hết thời hiệu): a decided outcome, not a rejection; no form applies.
   */
  | {
      type: 'DisciplineTimeBarred';
      data: DisciplineStepRecord & {
        limitation: LimitationJudgement;
        /** The decision recording it, when the authority's decision step found it. */
        number?: string;
        signer?: string;
        reason: string;
      };
    }
  | {
      type: 'DisciplineTimeLimitExtended';
      data: {
        from: string;
        to: string;
        /** The current step's due day counted again under the new limit (absent: unchanged). */
        currentStepDue?: CurrentStepDue;
        reason: string;
        extendedBy: string;
        extendedOn: string;
        citation: string;
      };
    }
  | {
      type: 'DisciplineComplaintFiled';
      data: {
        filedOn: string;
        grounds: string;
        /** The user who recorded the complaint (staff), not who complains. */
        recordedBy: string;
        /**
         * That user's name as their sign-in token gave it (the `name` claim), so the case page
         * names them; absent when the token had none, and on complaints recorded before Dec 2026.
         */
        recordedByName?: string;
        /**
         * Who complains: the disciplined person (`personId`), or someone the deciding body named
         * (`name`). Absent on complaints recorded before it was kept: the disciplined person.
         */
        complainant?: Complainant;
        /**
         * A second complaint (khiếu nại lần hai: filed after a review of the first), and one the
         * deciding body judged complex (vụ việc phức tạp): each has its own time to resolve it.
         * Absent on complaints recorded before Dec 2026: counted as a first, ordinary one.
         */
        second?: boolean;
        complex?: boolean;
        /**
         * The last day to resolve the complaint (`discipline.complaintResolution`): null when the
         * rule set sets no period; absent on complaints recorded before it was counted.
         */
        reviewDueOn?: string | null;
      };
    }
  | {
      type: 'DisciplineComplaintReviewed';
      data: {
        heldOn: string;
        /**
         * The day the decision on the complaint was announced to the person (its decision date
         * unless told); absent on reviews recorded before Dec 2026.
         */
        servedOn?: string;
        number: string;
        outcome: 'keep' | 'change' | 'annul';
        form: string | null;
        barEndsOn: string | null;
        barRule: string | null;
        /** A changed form's wider bar (`discipline.barScope`), as a decision of it records it. */
        barScope?: WiderBarScope;
        barScopeRule?: string;
        /**
         * A changed form's validity, post and planning-pool effects, as a decision of that form
         * records them; absent on a kept or annulled form, and on reviews recorded before Jan 2027.
         */
        inEffectUntil?: string | null;
        inEffectRule?: string;
        endsPost?: boolean;
        endsPostRule?: string;
        leavesPlanningPool?: boolean;
        planningPoolRule?: string;
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
  | DeadlineMissedEvent
  | StepDeadlineRecomputedEvent;

export type DisciplineEventType = DisciplineEvent['type'];
