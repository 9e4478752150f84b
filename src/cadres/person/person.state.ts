import {
  DisciplineRecorded,
  FatherCareGround,
  PartyMembershipEnded,
  PartyMembershipRestored,
  PersonRegistered,
  RegistrationMoved,
  PersonStatusKind,
  ReappointmentDue,
} from './person.events';
import { PersonProfileFacts } from './person-profile';

/** An extension of a post's term to retirement: its decision and the day it takes effect. */
export interface PostExtension {
  decisionRef: string;
  on: string;
}

export interface PostHeld {
  positionId: string;
  from: string;
  /** End of the term (nhiệm kỳ), or null for posts without a term. */
  termEnd: string | null;
  decisionRef: string;
  /** The day the council elected the person, for an elected post recorded by hand. */
  electedOn?: string;
  /** The decision extending the term to retirement, beside the one that appointed. */
  extendedBy?: PostExtension;
  /** The day the decision set for the term's re-appointment notice (absent: none, or not recorded). */
  reappointmentNoticeOn?: string;
}

export interface PlanningPoolEntry {
  positionId: string;
  term: string;
  decisionRef: string;
}

/** An entry taken off the pool, with what took it off (a discipline case's decision, or by hand). */
export interface PlanningPoolEntryLeft extends PlanningPoolEntry {
  removedBy: string;
  reason: string;
  caseId: string | null;
}

/** A post that ended, with what ended it (`endedBy`: the decision; `caseId`: its discipline or removal case). */
export interface PastPost extends PostHeld {
  endedOn: string;
  reason: string;
  /** The decision that ended it (`decisionRef` is the one that gave it). */
  endedBy: string;
  caseId: string | null;
  /** A recall: the electing council's resolution the ending decision carried out. */
  councilResolution?: { number: string; adoptedOn: string };
}

/** What became of a post a reviewed discipline decision ended: given back, or why not. */
export interface PostRestoration {
  caseId: string;
  positionId: string;
  /** The day the decision had ended it. */
  endedOn: string;
  restored: boolean;
  /** The review that annulled the decision or lightened its form. */
  decisionRef: string;
  reason: string | null;
}

/** What an annulled (or lightened) discipline decision's entries became: put back, or why not. */
export interface PlanningPoolRestoration {
  caseId: string;
  positionId: string;
  term: string;
  restored: boolean;
  /** The review that annulled the decision or lightened its form. */
  decisionRef: string;
  reason: string | null;
}

export interface PersonStatusPeriod {
  status: PersonStatusKind;
  from: string;
  until: string | null;
  note: string;
  /** A father's ground for raising a child under 12 months (child_under_12_months only). */
  fatherCareGround?: FatherCareGround;
}

export interface DisciplineOnRecord extends Omit<DisciplineRecorded['data'], 'personId'> {
  annulled: { on: string; decisionRef: string } | null;
  /** Earlier forms replaced by a complaint review, oldest first, each with the decision that set it. */
  revisions: { form: string; barEndsOn: string | null; decisionRef: string; revisedOn: string }[];
  /**
   * The latest complaint review that changed or annulled it, and its day: named apart, as the
   * discipline register does, while `decisionRef` stays the decision's own number.
   */
  revisedByRef?: string | null;
  revisedOn?: string | null;
}

export interface OpenCaseOnRecord {
  caseId: string;
  procedure: string;
  stage: string | null;
  since: string;
  /** A discipline case's: the person as a cadre or a civil servant (notes since Dec 2026). */
  serviceStatus?: 'cadre' | 'civil_servant';
}

export type PersonState =
  | { status: 'unknown' }
  | ({
      status: 'registered';
      /** `orgUnitId`: the unit managing the record now (the last registration moved there). */
      profile: PersonRegistered['data'];
      /** Where the registration moved, oldest first. */
      registrationMoves: Omit<RegistrationMoved['data'], 'personId'>[];
      /**
       * Posts no decision has ended, as decided: one may start on a later day. Who holds what on
       * a day is `postsHeldOn` (posts-held-on.ts), not this list.
       */
      posts: PostHeld[];
      /** Posts a decision ended, as decided: one may end only on a later day (held until then). */
      pastPosts: PastPost[];
      postRestorations: PostRestoration[];
      planningPool: PlanningPoolEntry[];
      pastPlanningPool: PlanningPoolEntryLeft[];
      planningRestorations: PlanningPoolRestoration[];
      statuses: PersonStatusPeriod[];
      discipline: DisciplineOnRecord[];
      /** The expulsion that ended Party membership (`profile.partyMember` is then false). */
      partyMembershipEnded: Omit<PartyMembershipEnded['data'], 'personId'> | null;
      /** The last complaint review that gave the membership back (null once expelled again). */
      partyMembershipRestored?: Omit<PartyMembershipRestored['data'], 'personId'> | null;
      openCases: OpenCaseOnRecord[];
      reappointmentsDue: Omit<ReappointmentDue['data'], 'personId'>[];
    } & PersonProfileFacts);
