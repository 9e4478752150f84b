/** Shapes of the API's answers the screens read (the OpenAPI document types their requests). */
export interface InboxItem {
  kind: 'step' | 'task';
  caseId: string | null;
  procedure: string | null;
  definition: string | null;
  personId: string;
  personName: string | null;
  /** A case for a post: its nominees still standing. */
  nominees?: { personId: string; name: string | null }[];
  positionId: string | null;
  positionTitle: string | null;
  orgUnitId: string;
  orgUnitName: string | null;
  step: string | null;
  stepTitle: string | null;
  stepTitleVi: string | null;
  stepKind: string | null;
  detail: string;
  /** A re-appointment notice's task: the rule that refused opening its case (null: none). */
  refusalRule?: string | null;
  dueOn: string | null;
  /** The due day may move: counted through a year whose official holidays are not published. */
  provisional?: boolean;
  /** Vetting items flagged and not resolved: they hold the case's decision back. */
  flaggedItems?: string[];
  overdue: boolean;
  deadlineMissed: boolean;
  href: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface VoteRule {
  base: 'members' | 'summoned';
  headBreaksTie: boolean;
  announced: boolean;
  visibleTo: string[];
  /** The tally is one basis for a later decision (kết quả là một căn cứ): never pass or fail. */
  reference?: boolean;
  quorumParam: string;
  passParam: string;
}

export interface StepDefinition {
  id: string;
  kind:
    | 'proposal'
    | 'nomination'
    | 'ballot'
    | 'vetting'
    | 'meeting'
    | 'decision'
    | 'registration'
    | 'scores'
    | 'election';
  title: string;
  titleVi: string;
  actors: { roles: string[] };
  voteRule?: VoteRule;
  requiredFields: string[];
  vettingItems?: string[];
  deadline?: { workingDays?: number; days?: number };
  /** A competitive examination's scores step: who sees the scores before the result. */
  scoreRule?: { announced: boolean; visibleTo: string[] };
}

export interface Definition {
  key: string;
  id: string;
  version: number;
  procedure: string;
  title: string;
  titleVi: string;
  citation: string;
  steps: StepDefinition[];
  separateTallyAndDecision: boolean;
  /** First day a new case may use this version. */
  inForceFrom?: string;
  /** The case fills a post: it may open without a person; the ballots tally each nominee. */
  fillsPost?: boolean;
  /**
   * The decision gives a term of the rule set's years (`appointment.termYears`), ending with a
   * re-appointment notice: appointment and re-appointment. Absent: it gives no such term.
   */
  decisionGivesReappointmentNotice?: boolean;
}

export interface RuleSet {
  id: string;
  title: string;
  effectiveFrom: string;
  params: Record<string, { value: unknown; citation: string }>;
}

export interface Catalog {
  definitions: Definition[];
  ruleSets: RuleSet[];
}

export interface CaseStepRecord {
  type: string;
  stepId?: string;
  heldOn?: string;
  minutesRef?: string;
  outcome?: string;
  reason?: string;
  tally?: unknown;
  /** Corrections of this step: why, by whom, and the version each replaced. */
  corrections?: StepCorrectionNote[];
  [key: string]: unknown;
}

export interface StepCorrectionNote {
  stepId: string;
  reason: string;
  correctedBy: string;
  /** The corrector's name when their token gave one; absent, the screen shows the id. */
  correctedByName?: string;
  correctedOn: string;
  replaced: CaseStepRecord;
}

export interface CaseView {
  id: string;
  procedure: string;
  status: string;
  definition: string;
  ruleSet: string;
  personId: string;
  positionId: string | null;
  orgUnitId: string;
  openedOn: string;
  /** A case kept on paper, opened here as of the day it began. */
  recordedFromPaper?: { paperRecordRef: string; recordedOn: string };
  summary: string;
  revision: number | null;
  currentStep: {
    id: string;
    kind: StepDefinition['kind'];
    title: string;
    titleVi: string;
    roles: string[];
    dueOn: string | null;
    /** Counted through a year with no official holiday schedule yet: may move when it lands. */
    provisional: boolean;
    /** The legal time limit that is the due day (the step's own limit would run past it). */
    dueLimitedBy: string | null;
    overdue: boolean;
  } | null;
  allowedNext: {
    action: string;
    stepId?: string;
    item?: string;
    kind?: string;
    roles?: string[];
    href?: string;
  }[];
  /** The reader is the person the case is about: no action is offered (allowedNext is empty). */
  readerMayNotAct?: { rule: 'separation.subject'; message: string };
  steps: CaseStepRecord[];
  vetting: Record<
    string,
    {
      item: string;
      result: string;
      source?: string;
      note?: string;
      resolved?: boolean;
      detail?: string;
    }
  >;
  nominees: string[] | null;
  /** A case that fills a post: the nominee its final ballot chose, and each nominee's tallies. */
  fillsPost?: boolean;
  appointee?: string | null;
  nomineeTallies?: NomineeTallies[];
  decision?: Record<string, unknown>;
  rejection?: { rule?: string; reason?: string; [key: string]: unknown };
  withdrawal?: Record<string, unknown>;
}

/** A nominee of a post case and their tally at each nomination and ballot, as the viewer may see it. */
export interface NomineeTallies {
  personId: string;
  standing: boolean;
  tallies: {
    stepId: string;
    kind: 'nomination' | 'ballot';
    votes?: number;
    tally?: Record<string, number>;
    outcome?: string;
    withheld?: string;
  }[];
}

export interface PersonSummary {
  id: string;
  fullName: string;
  dateOfBirth: string | null;
  orgUnitId: string;
}

export interface Position {
  id: string;
  title: string;
  orgUnitId: string;
  appointingAuthority: string;
  rank: number;
  isLeadership: boolean;
  /** How the post is filled: an elected post takes no appointment, rotation or transfer. */
  filledBy?: 'appointment' | 'election';
  /** How many may hold it at once; null: one for an elected post, no limit for an appointed one. */
  seats?: number | null;
}

export interface OrgUnit {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  path: string[];
}

export interface AuditEntry {
  eventId: string;
  sequence: number;
  streamId: string;
  revision: number;
  type: string;
  actorId: string | null;
  /** The actor's name from their sign-in token; absent or null on events written without one. */
  actorName?: string | null;
  roles: string[];
  orgUnit: string | null;
  /** The grant's unit by its name (the history adds it beside the id). */
  orgUnitName?: string | null;
  definitionVersion: string | null;
  ruleSet: string | null;
  occurredAt: string | null;
  recordedAt: string;
  correlationId: string | null;
  causationId: string | null;
  hash: string;
  data: Record<string, unknown>;
  /** The fields of `data` a ballot's rule withholds from this reader, and why. */
  withheld?: string[];
  withheldBecause?: string;
}

export interface RegisterRecord {
  caseId: string;
  personId: string;
  personName: string | null;
  /** The unit that manages the person's record; orgUnitId is the unit that decided. */
  personOrgUnitId: string | null;
  personOrgUnitName: string | null;
  orgUnitId: string;
  orgUnitName: string | null;
  track: string;
  /** Civil-service track: whom the case ran (cán bộ, công chức); null on the Party track or unsaid. */
  serviceStatus: 'cadre' | 'civil_servant' | null;
  form: string;
  violationCategory: string;
  decidedOn: string;
  effectiveFrom: string;
  /** End of the discipline's own validity (hiệu lực); null: no end. */
  inEffectUntil: string | null;
  /** End of the bar on appointment to a higher post; null: no end. */
  barEndsOn: string | null;
  annulledOn: string | null;
  status: 'in_effect' | 'expired' | 'annulled';
  inEffect: boolean;
  barred: boolean;
  /** The decision's own number and day, kept when a complaint review changes the form. */
  decisionRef: string;
  /** The complaint decision that changed or annulled the form; null: none. */
  revisedByRef: string | null;
  revisedOn: string | null;
  ruleSet: string;
  sameViolationCaseId: string | null;
}
