import { PersonEvent, PersonRegistered } from './person.events';
import { PersonState } from './person.state';

/** A registered person's state, and one evolver per record event (person.evolve.ts folds with them). */
export type RegisteredPerson = Extract<PersonState, { status: 'registered' }>;
/** Every event after registration: one evolver each, so a new event type without one fails to compile. */
export type RecordEvent = Exclude<PersonEvent, PersonRegistered>;
export type EventOf<T extends RecordEvent['type']> = Extract<RecordEvent, { type: T }>;
export type Evolvers = {
  [T in RecordEvent['type']]: (state: RegisteredPerson, event: EventOf<T>) => RegisteredPerson;
};
