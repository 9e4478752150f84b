import { useQuery } from '@tanstack/react-query';
import { api, unwrapWithEtag } from '../api/client';

/** The limitation judged on a form (thời hiệu). */
export interface LimitationJudgement {
  form: string;
  years: number | null;
  runsFrom: string;
  restartedBy: string | null;
  exemptCategory: string | null;
  endsOn: string | null;
  judgedOn: string;
  expired: boolean;
  citation: string;
}

/** A step event of a discipline case as the API shows it to the reader. */
export interface DisciplineStepRecord {
  type: string;
  stepId?: string;
  heldOn?: string;
  minutesRef?: string;
  note?: string;
  conclusion?: string;
  violationConfirmed?: boolean;
  recordedBy?: string;
  tally?: Record<string, unknown> | string;
  form?: string | null;
  outcome?: string;
  reason?: string;
  skippedSteps?: { stepIds: string[]; ground: string; reference: string | null; rule: string };
  corrections?: {
    correctedOn: string;
    correctedBy: string;
    /** The corrector's name when their token gave one; absent, the screen shows the id. */
    correctedByName?: string;
    reason: string;
    replaced: Record<string, unknown>;
  }[];
  [key: string]: unknown;
}

export interface DisciplineDecision {
  number: string;
  signer: string;
  heldOn: string;
  form: string;
  effectiveFrom: string;
  /** The day it was announced and handed to the person (absent on older decisions). */
  servedOn?: string;
  barEndsOn: string | null;
  complaintWindowEndsOn: string;
  differsFromRecommendation?: { recommended: string | null; reason: string };
  /** A recall: the electing council's resolution the decision carries out. */
  councilResolution?: { number: string; adoptedOn: string };
  personRequest?: { receivedOn: string; reference: string; waived: string[] };
  limitation?: LimitationJudgement;
  /** A warning given together with relief from post (QĐ 377: no end to the bar). */
  relievedFromPost?: boolean;
  /** The other track's decision on the same violation, and the longer bar the person carries. */
  sameViolationAs?: {
    caseId: string;
    track: string;
    form: string | null;
    decisionRef: string | null;
  };
  carriedBarEndsOn?: string | null;
  /** Civil service: the Party decision's day its validity and bar count from (Nghị định 71/2023). */
  effectCountedFrom?: { on: string; rule: string };
}

export interface DisciplineComplaint {
  filedOn: string;
  grounds: string;
  /** The user who recorded the complaint, not who complains. */
  recordedBy: string;
  /** The recorder's name from their sign-in token (absent when it had none, and on older complaints). */
  recordedByName?: string;
  /** Who complains: the disciplined person (`personId`), or someone the deciding body named. */
  complainant?: { personId: string | null; name: string | null };
  /** Filed after a review of the first (khiếu nại lần hai); absent on complaints before Dec 2026. */
  second?: boolean;
  /** Judged complex (vụ việc phức tạp): the longer time to resolve it. */
  complex?: boolean;
}

/** A complaint's review: keeps, changes (to `form`) or annuls the decision. */
export interface DisciplineReview {
  heldOn: string;
  /** The day it was announced (absent on reviews recorded before Dec 2026). */
  servedOn?: string;
  number: string;
  outcome: 'keep' | 'change' | 'annul';
  form: string | null;
  reason?: string;
}

/**
 * The violation was committed while an earlier discipline of the case's track was in effect
 * (Nghị định 172/2025/NĐ-CP art. 2(3)): the forms the decision may apply.
 */
export interface HeavierFormRequired {
  rule: string;
  inEffect: {
    form: string;
    decisionRef: string;
    effectiveFrom: string;
    inEffectUntil: string | null;
  };
  /** The form the new violation warrants on its own (its severity); null: not on record. */
  newViolationForm?: string | null;
  /** What leastForm is one level above: the form served (art. 2(3)(a)), the new violation's (b). */
  basis?: 'served' | 'new_violation' | 'heaviest';
  leastForm: string;
  formsAllowed: string[];
  citation: string;
}

/** `GET /discipline-cases/:id`, as the screen reads it. */
export interface DisciplineCaseView {
  id: string;
  /** Names of the person and the unit, for the screen (ids stay the links). */
  names?: { people: Record<string, string>; orgUnits: Record<string, string> };
  track: 'party' | 'civil_service';
  status: 'open' | 'decided' | 'under_review' | 'annulled' | 'closed' | 'time_barred';
  definition: string;
  ruleSet: string;
  personId: string;
  positionId: string | null;
  orgUnitId: string;
  electedCadre: boolean;
  serviceStatus: 'cadre' | 'civil_servant';
  /** The violation was found after the person retired or left: only the forms for them apply. */
  leftService?: { status: 'retired' | 'left_service'; from: string };
  violation: {
    category: string;
    committedOn: string;
    detectedOn?: string;
    laterViolationsOn?: string[];
    description: string;
  };
  openedOn: string;
  summary: string;
  timeLimit: { runsFrom?: string; decideBy: string; extended: boolean; overdue: boolean } | null;
  revision: number | null;
  currentStep: {
    id: string;
    dueOn: string | null;
    provisional?: boolean;
    dueLimitedBy?: string | null;
    overdue?: boolean;
  } | null;
  /** What the reader may do next, with the roles that may (`until`: a complaint's last day). */
  allowedNext: {
    action: string;
    stepId?: string;
    roles?: string[];
    href?: string;
    until?: string;
  }[];
  /** The reader is the person the case is about: no action is offered (allowedNext is empty). */
  readerMayNotAct?: { rule: 'separation.subject'; message: string };
  steps: DisciplineStepRecord[];
  decision?: DisciplineDecision;
  /** The form in force: the decision's, or the one a complaint review changed it to; null: annulled. */
  form?: string | null;
  barEndsOn?: string | null;
  /** The discipline's own validity (hết hiệu lực kỷ luật); absent on older decisions. */
  inEffectUntil?: string | null;
  complaints?: DisciplineComplaint[];
  reviews?: DisciplineReview[];
  /** Until when a complaint may still be filed; null: no (further) complaint. */
  complaintWindow?: { endsOn: string; citation: string; second: boolean } | null;
  /** While a complaint is under review: the last day to resolve it; null: no period set. */
  complaintReviewDue?: { dueOn: string; citation: string; provisional?: boolean } | null;
  timeBarred?: { limitation: LimitationJudgement; reason: string; stepId: string };
  /** `withheld` ['reason']: a closure by the ballot, whose counts this reader may not see. */
  closure?: { reason: string; rule: string; withheld?: string[] };
  /** An open case whose form must be heavier than a discipline in effect on the violation's day. */
  heavierFormRequired?: HeavierFormRequired;
}

/**
 * A discipline case (optionally as of a time, for the auditors' replay). `purpose`: why it is
 * read, for the access log (the audit screen's reads say "audit", as its history's does).
 */
export function useDisciplineCase(caseId: string, asOf?: string, enabled = true, purpose?: string) {
  return useQuery({
    queryKey: ['discipline-case', caseId, asOf ?? null, ...(purpose ? [purpose] : [])],
    enabled,
    queryFn: async () => {
      const { data, etag } = await unwrapWithEtag<DisciplineCaseView>(
        api.GET('/discipline-cases/{id}', {
          params: { path: { id: caseId }, query: asOf ? { asOf } : {} },
          ...(purpose ? { headers: { 'X-Purpose': purpose } } : {}),
        }),
      );
      return { ...data, revision: etag ?? data.revision };
    },
  });
}
