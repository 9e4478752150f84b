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
  data: { personId: string; positionId: string; from: string; termEnd: string | null; decisionRef: string; caseId?: string };
}

export interface PostEnded {
  type: 'PostEnded';
  data: { personId: string; positionId: string; on: string; reason: string; decisionRef: string };
}

export interface PlanningPoolEntryAdded {
  type: 'PlanningPoolEntryAdded';
  data: { personId: string; positionId: string; term: string; decisionRef: string };
}

export interface PlanningPoolEntryRemoved {
  type: 'PlanningPoolEntryRemoved';
  data: { personId: string; positionId: string; decisionRef: string; reason: string };
}

/** Circumstances that block some procedures (abroad, in hospital, maternity leave, investigation). */
export interface PersonStatusRecorded {
  type: 'PersonStatusRecorded';
  data: { personId: string; status: PersonStatusKind; from: string; until: string | null; note: string };
}

export const PERSON_STATUS_KINDS = [
  'under_investigation',
  'abroad',
  'in_hospital',
  'maternity_leave',
  'seriously_ill',
  'pregnant',
  'child_under_12_months',
  'prosecuted',
  'detained',
] as const;
export type PersonStatusKind = (typeof PERSON_STATUS_KINDS)[number];

export type PersonEvent =
  | PersonRegistered
  | PostAssigned
  | PostEnded
  | PlanningPoolEntryAdded
  | PlanningPoolEntryRemoved
  | PersonStatusRecorded;
