import { RuleTrack } from '../rule-sets/rule-set';

export const STEP_KINDS = [
  'proposal',
  'nomination',
  'ballot',
  'vetting',
  'meeting',
  'decision',
  /** A council's election of the person it was introduced to (bầu cử tại Hội đồng nhân dân). */
  'election',
  // Competitive examination for a leadership post (thi tuyển): candidates, then the board's scores.
  'registration',
  'scores',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const VETTING_ITEMS = [
  'background',
  'asset_declaration',
  'political_standards',
  'residence_party_cell_opinion',
  'planning_pool',
  'years_in_post',
  'years_to_retirement',
  'health',
  'discipline_bar',
  'term_rating',
] as const;
export type VettingItem = (typeof VETTING_ITEMS)[number];

/** Each vetting item as the vetting form names it, so a refusal names the item the user sees. */
export const VETTING_ITEM_TITLES_VI: Record<VettingItem, string> = {
  background: 'Lý lịch',
  asset_declaration: 'Kê khai tài sản',
  political_standards: 'Tiêu chuẩn chính trị',
  residence_party_cell_opinion: 'Ý kiến chi bộ nơi cư trú',
  planning_pool: 'Quy hoạch',
  years_in_post: 'Thời gian giữ chức vụ',
  years_to_retirement: 'Thời gian công tác còn lại',
  health: 'Sức khỏe',
  discipline_bar: 'Kỷ luật',
  term_rating: 'Đánh giá, xếp loại trong nhiệm kỳ',
};

/**
 * What a case of the definition checks on the person's record when it opens, beyond the
 * procedure's own checks: a rotation (luân chuyển) needs a planning-pool entry for the target post
 * or a higher one and `rotation.minYearsToRetirement` years left; a transfer (điều động) neither.
 */
export const OPENING_CHECKS = [
  'planning_pool',
  'years_to_retirement',
  'retirement_reached',
] as const;
export type OpeningCheck = (typeof OPENING_CHECKS)[number];

/** A ballot or nomination step's rule: which base, tie rule, who may see an unannounced tally. */
export interface VoteRuleDefinition {
  base: 'members' | 'summoned';
  /** Exactly at the threshold the head of the collective decides, with the dissent recorded. */
  headBreaksTie: boolean;
  /** Results announced to the conference; if not, only `visibleTo` roles see the tally. */
  announced: boolean;
  visibleTo: string[];
  /**
   * The tally is kept for reference (kết quả là một căn cứ): recorded and shown with its share,
   * judged only for quorum, never passing or failing the person (see `reference-tally.ts`).
   */
  reference?: boolean;
  /** Rule-set parameters holding the numbers. */
  quorumParam: string;
  passParam: string;
}

/**
 * A scores step's disclosure (thi tuyển): the board's scores are shown before the result is
 * announced only to the roles named, and never to a candidate (as an unannounced ballot).
 */
export interface ScoreRuleDefinition {
  announced: boolean;
  visibleTo: string[];
}

export interface StepDeadline {
  /** Working days from when the step became current. */
  workingDays?: number;
  /** Calendar days from when the step became current. */
  days?: number;
}

/** Who may act: one of the roles, and (`case-unit`) a grant reaching the case's org unit. */
export interface StepActors {
  roles: string[];
  scope: 'case-unit' | 'any';
}

export interface StepDefinition {
  id: string;
  kind: StepKind;
  title: string;
  titleVi: string;
  /** Who may perform the step: one of the roles, within the case's org unit (or its ancestors). */
  actors: StepActors;
  voteRule?: VoteRuleDefinition;
  deadline?: StepDeadline;
  /** Body fields the step must have beyond its kind's own (e.g. minutesRef). */
  requiredFields: string[];
  /**
   * For vetting steps: the items to check. For a registration step: the record items each
   * candidate must clear to be admitted (the post's standards the record can decide).
   */
  vettingItems?: VettingItem[];
  /** For scores steps: who sees the board's scores before the result is announced. */
  scoreRule?: ScoreRuleDefinition;
}

/** A procedure as data: a case pins `id@version` when it opens and keeps it. */
export interface ProcedureDefinition {
  id: string;
  version: number;
  procedure:
    | 'appointment'
    | 'reappointment'
    | 'rotation'
    | 'transfer'
    | 'discipline'
    | 'removal'
    | 'extension'
    | 'approval_in_principle'
    | 'consultation'
    | 'election';
  title: string;
  titleVi: string;
  citation: string;
  /**
   * First day a new case may use this version (the day its instrument took effect); none: from
   * the start. A case opened as of a past day gets the newest version in force on that day.
   */
  inForceFrom?: string;
  steps: StepDefinition[];
  /** The person who recorded a ballot tally may not also issue the decision. */
  separateTallyAndDecision: boolean;
  /**
   * Who may correct a recorded step (a mistyped tally) while no later step is done: roles and
   * scope, as a step's actors. Without it no step of the procedure can be corrected.
   */
  corrections?: StepActors;
  /**
   * Checks when a case opens (see `OPENING_CHECKS`). Absent: none. Added to rotation and transfer
   * definitions in Dec 2026 with what each version already checked, so no running case changed;
   * `retirement_reached` (`definitionOpeningRefusals`, for any procedure) added then to every
   * procedure whose decision gives the person a post, checked at opening only; the appointment
   * and competitive examination versions name it for what their opening already refused.
   */
  openingChecks?: OpeningCheck[];
  /**
   * The kinds of ground a case of the procedure may rest on (`grounds.kind`), where the definition
   * lists them (relief: the cases of its instrument). Absent: the procedure's code knows them.
   */
  groundKinds?: string[];
  /** Where `groundKinds` come from: the instrument, its article, how it was read. */
  groundKindsCitation?: string;
  /**
   * The case fills a post (internal appointment, Nghị định 170/2025 art. 33 / Quy định 377-QĐ/TW):
   * it may open without a person; the nominations bring up one or two nominees, the ballots tally
   * each nominee and the final ballot chooses the one the decision names. Absent: the case is
   * about the person it opened for.
   */
  fillsPost?: boolean;
  /**
   * The decision's term ends with a re-appointment notice (term end minus `reappointment.leadTime`)
   * scheduled when it is issued: appointment and re-appointment terms. Absent: no notice.
   */
  decisionGivesReappointmentNotice?: boolean;
  /**
   * An open case of this definition is withdrawn when a discipline decision ends the holder's post
   * (a re-appointment has no term left to renew). Absent: the case stays open, its discipline
   * item flagged.
   */
  withdrawnWhenPostEnds?: boolean;
  /**
   * Rotation-engine definitions: the rule-set parameter holding the least planned duration of the
   * move (`rotation.minYears` for a rotation). A transfer names none: no instrument read sets a
   * least period for điều động, so its decision states a period only if it gives one.
   */
  minDurationParam?: string;
  /**
   * Posts this procedure does not fill, by how the post is filled (a position's `filledBy`), each
   * with the route that fills it instead: an elected post is refused, naming its election.
   */
  postsFilledOtherwise?: Record<string, { route: string; instead: string }>;
  /** A post the person already holds is refused, naming the route that renews it (re-appointment). */
  postAlreadyHeld?: { route: string };
  /** Discipline procedures only: the track and how its ballot and time limit work. */
  discipline?: DisciplineTrackDefinition;
}

/**
 * Which track's rules a case of this definition pins: Party discipline the Party's; civil-service
 * discipline and the appointment procedures (Nghị định 170/2025, with Quy định 377-QĐ/TW for the
 * cadres it covers) the State's.
 */
export function ruleTrackOf(definition: ProcedureDefinition): RuleTrack {
  return definition.discipline?.track === 'party' ? 'party' : 'state';
}

export interface DisciplineTrackDefinition {
  track: 'party' | 'civil_service';
  /** When no form passes alone, votes add up from the heaviest form down (Party rule). */
  accumulateFromHeaviest: boolean;
  /** The time to decide (`discipline.decideDays`, extendable once) runs from detection. */
  timeLimit: boolean;
  /**
   * The discipline council's steps (civil service): passed over for the statuses the rule set
   * sends elsewhere (`discipline.councilStatuses`) and on a skip path.
   */
  councilSteps?: string[];
  /**
   * The ballot recommends (kiến nghị) and the authority decides: the decision may apply another
   * form with a reason. Absent or false: the decision applies the form the ballot chose (Party).
   */
  councilRecommends?: boolean;
}

export const definitionKey = (definition: Pick<ProcedureDefinition, 'id' | 'version'>): string =>
  `${definition.id}@${definition.version}`;
