import { PersonEvent } from './person.events';
import { PersonProfileCommand } from './person-profile';
import { CitedLimit, PersonPlanningLimits } from '../planning/planning-pool-limits';
import { PlanningDisciplineRule } from '../planning/planning-discipline';
import { PersonAgeRules } from './age-rules';
import { PostHolder } from '../post-holders';
import { Position } from '../registry-records';

export type PersonCommand =
  | { type: 'RegisterPerson'; data: Extract<PersonEvent, { type: 'PersonRegistered' }>['data'] }
  | { type: 'AssignPost'; data: Extract<PersonEvent, { type: 'PostAssigned' }>['data'] }
  | { type: 'EndPost'; data: Extract<PersonEvent, { type: 'PostEnded' }>['data'] }
  | {
      type: 'RestorePost';
      data: {
        personId: string;
        positionId: string;
        /** The discipline case whose decision ended the post. */
        caseId: string;
        /** Which end is undone: its day and the decision that ended it (the case's, or a review's). */
        endedOn: string;
        endedBy: string;
        /** The review that annulled the decision or changed it to a form not ending the post. */
        revisedBy: string;
        /** The review's day: a term ended by then is not given back. */
        on: string;
      };
    }
  | {
      type: 'MoveRegistration';
      data: Omit<Extract<PersonEvent, { type: 'RegistrationMoved' }>['data'], 'previousOrgUnitId'>;
    }
  | {
      type: 'AddPlanningPoolEntry';
      data: Extract<PersonEvent, { type: 'PlanningPoolEntryAdded' }>['data'];
    }
  | {
      type: 'RemovePlanningPoolEntry';
      data: Extract<PersonEvent, { type: 'PlanningPoolEntryRemoved' }>['data'];
    }
  | {
      type: 'RestorePlanningPoolEntry';
      data: {
        personId: string;
        positionId: string;
        term: string;
        /** The entry's own decision (the one that planned the person). */
        decisionRef: string;
        /**
         * The discipline case whose decision removed it, and the review that annulled that
         * decision or changed it to a form that keeps the pool.
         */
        caseId: string;
        revisedBy: string;
      };
    }
  | {
      type: 'RecordPersonStatus';
      data: Extract<PersonEvent, { type: 'PersonStatusRecorded' }>['data'];
      /** Written from a case's decision (a suspension), not entered by hand. */
      fromDecision?: boolean;
    }
  | {
      type: 'EndPersonStatus';
      data: Extract<PersonEvent, { type: 'PersonStatusPeriodEnded' }>['data'];
    }
  | { type: 'RecordDiscipline'; data: Extract<PersonEvent, { type: 'DisciplineRecorded' }>['data'] }
  | { type: 'ReviseDiscipline'; data: Extract<PersonEvent, { type: 'DisciplineRevised' }>['data'] }
  | { type: 'NoteCase'; data: Extract<PersonEvent, { type: 'CaseNoted' }>['data'] }
  | {
      type: 'NoteReappointmentDue';
      data: Extract<PersonEvent, { type: 'ReappointmentDue' }>['data'];
    }
  | PersonProfileCommand;

/**
 * What the registry looks up before deciding: the planning limits for a new pool entry, for
 * an entry put back, who else holds a seat in the post's pool for its term, and for a
 * registration, the ages in force on its day.
 */
export interface PersonDecideContext {
  planning?: PersonPlanningLimits;
  ages?: PersonAgeRules;
  seats?: { plannedOthers: readonly string[]; limit: CitedLimit };
  /** For a new pool entry: the forms whose discipline keeps a cadre off the pool while in effect. */
  planningDiscipline?: PlanningDisciplineRule;
  /** The day of the change (its business time, in Vietnam). */
  today?: string;
  /**
   * For a post given back (RestorePost) whose post has a seat limit: the post, its seats and every
   * hold of it on the records that had not ended by the day it was taken away.
   */
  postSeats?: { position: Position; seats: number; holds: readonly PostHolder[] };
}

export type CommandOf<T extends PersonCommand['type']> = Extract<PersonCommand, { type: T }>;
