import { PersonEvent } from './person.events';
import { PersonProfileCommand } from './person-profile';
import { PersonPlanningLimits } from '../planning/planning-pool-limits';

export type PersonCommand =
  | { type: 'RegisterPerson'; data: Extract<PersonEvent, { type: 'PersonRegistered' }>['data'] }
  | { type: 'AssignPost'; data: Extract<PersonEvent, { type: 'PostAssigned' }>['data'] }
  | { type: 'EndPost'; data: Extract<PersonEvent, { type: 'PostEnded' }>['data'] }
  | {
      type: 'AddPlanningPoolEntry';
      data: Extract<PersonEvent, { type: 'PlanningPoolEntryAdded' }>['data'];
    }
  | {
      type: 'RemovePlanningPoolEntry';
      data: Extract<PersonEvent, { type: 'PlanningPoolEntryRemoved' }>['data'];
    }
  | {
      type: 'RecordPersonStatus';
      data: Extract<PersonEvent, { type: 'PersonStatusRecorded' }>['data'];
    }
  | { type: 'RecordDiscipline'; data: Extract<PersonEvent, { type: 'DisciplineRecorded' }>['data'] }
  | { type: 'ReviseDiscipline'; data: Extract<PersonEvent, { type: 'DisciplineRevised' }>['data'] }
  | { type: 'NoteCase'; data: Extract<PersonEvent, { type: 'CaseNoted' }>['data'] }
  | {
      type: 'NoteReappointmentDue';
      data: Extract<PersonEvent, { type: 'ReappointmentDue' }>['data'];
    }
  | PersonProfileCommand;

/** What the registry looks up before deciding: the planning limits for a new pool entry. */
export interface PersonDecideContext {
  planning?: PersonPlanningLimits;
}

export type CommandOf<T extends PersonCommand['type']> = Extract<PersonCommand, { type: T }>;
