import { BodyOf, CommandOf, EventData, InStatus } from '../../workflow/step-engine';
import { DisciplineCommand, DisciplineStepBody } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { DisciplineEvent } from './discipline.events';
import { DisciplineState } from './discipline.state';

/** Short names for the discipline engine's unions, used by its decide files. */
export type Data<T extends DisciplineEvent['type']> = EventData<DisciplineEvent, T>;
export type Command<T extends DisciplineCommand['type']> = CommandOf<DisciplineCommand, T>;
export type Body<K extends DisciplineStepBody['kind']> = BodyOf<DisciplineStepBody, K>;
export type Open = InStatus<DisciplineState, 'open'>;
export type Existing = Exclude<DisciplineState, { status: 'none' }>;
/** A case with a decision (decided, under review or annulled). */
export type Decided = Extract<Existing, { decision: unknown }>;
/** The discipline part of the definition: track, time limit, how votes accumulate. */
export type Track = NonNullable<DisciplineContext['definition']['discipline']>;
