import type { FatherCareGround, PersonStatusKind } from './person-status-kinds';
import { WiderBarScope } from '../discipline-bar-scope';
import { PersonProfileEvent } from './person-profile.events';
import type { DisciplineRecorded } from './discipline-recorded.event';

/** Events of a person's record (stream `cadre-<id>`). Stored names are stable; never rename. */
export interface PersonRegistered {
  type: 'PersonRegistered';
  data: {
    personId: string;
    fullName: string;
    dateOfBirth: string;
    gender: 'male' | 'female';
    ethnicity: string;
    partyMember: boolean;
    partyJoinedOn?: string;
    educationLevel: string;
    politicalTheoryLevel: string;
    orgUnitId: string;
  };
}

export interface PostAssigned {
  type: 'PostAssigned';
  data: {
    personId: string;
    positionId: string;
    from: string;
    termEnd: string | null;
    decisionRef: string;
    caseId?: string;
    /**
     * The procedure of the case whose decision assigned the post (absent before it was recorded,
     * and for a post recorded by hand): a new term by an election is a re-election.
     */
    procedure?: string;
    /** The day the council elected the person, for an elected post recorded by hand. */
    electedOn?: string;
    /**
     * A post a discipline decision ended, given back with its own term when a complaint review
     * annulled that decision or changed it to a form that does not end the post.
     */
    restoredAfter?: { caseId: string; decisionRef: string };
    /** The term extended to retirement by this decision (the post keeps the one appointing). */
    extendedBy?: { decisionRef: string; on: string };
    /** The day the case's decision set for the term's re-appointment notice, if it set one. */
    reappointmentNoticeOn?: string;
  };
}

export interface PostEnded {
  type: 'PostEnded';
  data: {
    personId: string;
    positionId: string;
    on: string;
    reason: string;
    decisionRef: string;
    /** The discipline or removal case that ended it (absent otherwise, and before Dec 2026). */
    caseId?: string;
    /** A recall (bãi nhiệm): the electing council's resolution the decision carried out. */
    councilResolution?: { number: string; adoptedOn: string };
  };
}

/**
 * A complaint review could not give back a post the reviewed discipline decision ended: the
 * person holds the post again (appointed anew), or its term ended meanwhile.
 */
export interface PostNotRestored {
  type: 'PostNotRestored';
  data: {
    personId: string;
    positionId: string;
    caseId: string;
    /** The day the decision had ended it. */
    endedOn: string;
    /** The review that annulled the decision or lightened its form. */
    decisionRef: string;
    reason: string;
  };
}

/**
 * The unit that manages the person's record (its registration) moved: a decision put them into a
 * post of another unit (a rotation, a transfer, an appointment from outside). Scope follows it:
 * from then on the record is read and written within the receiving unit, not the one they left.
 */
export interface RegistrationMoved {
  type: 'RegistrationMoved';
  data: {
    personId: string;
    orgUnitId: string;
    previousOrgUnitId: string;
    /** The decision's effective day. */
    from: string;
    caseId: string;
    decisionRef: string;
  };
}

export interface PlanningPoolEntryAdded {
  type: 'PlanningPoolEntryAdded';
  data: {
    personId: string;
    positionId: string;
    term: string;
    decisionRef: string;
    /**
     * An entry a discipline decision removed, put back when a complaint review annulled that
     * decision or changed it to a form that keeps the pool.
     */
    restoredAfter?: { caseId: string; decisionRef: string };
  };
}

export interface PlanningPoolEntryRemoved {
  type: 'PlanningPoolEntryRemoved';
  data: {
    personId: string;
    positionId: string;
    decisionRef: string;
    reason: string;
    /** The discipline case whose decision removed it (absent on removals by hand, and before Dec 2026). */
    caseId?: string;
  };
}

/**
 * A discipline decision's annulment (or its change to a form that keeps the pool) could not put
 * back an entry that decision removed: the
 * post's pool for the term is full meanwhile, the person is planned for the post again, the
 * person's own limit is reached or the term has ended.
 */
export interface PlanningPoolEntryNotRestored {
  type: 'PlanningPoolEntryNotRestored';
  data: {
    personId: string;
    positionId: string;
    term: string;
    caseId: string;
    decisionRef: string;
    reason: string;
  };
}

/** Circumstances that block some procedures (abroad, in hospital, maternity leave, investigation). */
export interface PersonStatusRecorded {
  type: 'PersonStatusRecorded';
  data: {
    personId: string;
    status: PersonStatusKind;
    from: string;
    until: string | null;
    note: string;
    /** A man's child_under_12_months: why he raises the child himself (Nghị định 172/2025). */
    fatherCareGround?: FatherCareGround;
  };
}

/**
 * The day an open-ended status period ended (the investigation closed, back from abroad), learnt
 * after it was recorded: a fact of its own, so the record replayed as of an earlier day still shows
 * the period running then, and who closed it and why stays in the history.
 */
export interface PersonStatusPeriodEnded {
  type: 'PersonStatusPeriodEnded';
  data: {
    personId: string;
    status: PersonStatusKind;
    /** The start of the period it ends, as recorded: which period. */
    from: string;
    /** The last day the status held (inclusive, as a recorded period's `until`). */
    until: string;
    /** Why it ended: the conclusion, the return, the decision. */
    note: string;
  };
}

/** Party membership ended by an expulsion (khai trừ) on the day its decision took effect. */
export interface PartyMembershipEnded {
  type: 'PartyMembershipEnded';
  data: { personId: string; on: string; caseId: string; decisionRef: string };
}

/** A complaint review annulled (or lightened) the expulsion: the membership is given back. */
export interface PartyMembershipRestored {
  type: 'PartyMembershipRestored';
  data: {
    personId: string;
    /** The review's day. */
    on: string;
    caseId: string;
    /** The review's decision. */
    decisionRef: string;
    /** The expulsion decision it undoes. */
    endedBy: string;
  };
}

/** A complaint review changed or annulled a recorded discipline. */
export interface DisciplineRevised {
  type: 'DisciplineRevised';
  data: {
    personId: string;
    caseId: string;
    outcome: 'changed' | 'annulled';
    form: string | null;
    barEndsOn: string | null;
    barScope?: WiderBarScope;
    /** A changed form's own validity (null: no end); absent on annulments and older revisions. */
    inEffectUntil?: string | null;
    decisionRef: string;
    revisedOn: string;
  };
}

/** A case about the person opened, moved past a stage that matters to other procedures, or closed. */
export interface CaseNoted {
  type: 'CaseNoted';
  data: {
    personId: string;
    caseId: string;
    procedure: string;
    status: 'open' | 'closed';
    stage: string | null;
    on: string;
    /**
     * A discipline case's: whether it runs the person as a cadre or a civil servant (a
     * suspension's period depends on it); absent on notes written before Dec 2026.
     */
    serviceStatus?: 'cadre' | 'civil_servant';
  };
}

/** A term nears its end: the re-appointment notice is due (an inbox task, or a case opened for it). */
export interface ReappointmentDue {
  type: 'ReappointmentDue';
  data: {
    personId: string;
    positionId: string;
    termEnd: string;
    noticeOn: string;
    action: 'open_case' | 'inbox_task';
    caseId: string | null;
    refusal: string | null;
    orgUnitId: string;
  };
}

export { FATHER_CARE_GROUNDS, PERSON_STATUS_KINDS } from './person-status-kinds';
export type { FatherCareGround, PersonStatusKind };
export type { DisciplineRecorded };

export type PersonEvent =
  | PersonRegistered
  | PostAssigned
  | PostEnded
  | PostNotRestored
  | RegistrationMoved
  | PlanningPoolEntryAdded
  | PlanningPoolEntryRemoved
  | PlanningPoolEntryNotRestored
  | PersonStatusRecorded
  | PersonStatusPeriodEnded
  | DisciplineRecorded
  | DisciplineRevised
  | PartyMembershipEnded
  | PartyMembershipRestored
  | CaseNoted
  | ReappointmentDue
  | PersonProfileEvent;
