import { BodyOf, CommandOf, EventData, InStatus } from '../../../workflow/step-engine';
import { CaseCommand, StepBody } from './case.commands';
import { CaseEvent } from './case.events';
import { CaseState } from './case.state';

/** Short names for the case engine's unions, used by its decide files. */
export type Data<T extends CaseEvent['type']> = EventData<CaseEvent, T>;
export type Command<T extends CaseCommand['type']> = CommandOf<CaseCommand, T>;
export type Body<K extends StepBody['kind']> = BodyOf<StepBody, K>;
export type Open = InStatus<CaseState, 'open'>;
/** Events about vetting items (entered, resolved, flagged from the record). */
export type VettingEvent = Extract<
  CaseEvent,
  {
    type:
      | 'VettingItemsRecorded'
      | 'VettingItemResolved'
      | 'VettingItemFlaggedFromRecord'
      | 'VettingItemClearedFromRecord';
  }
>;
/** Events that end a case (decided, rejected, withdrawn). */
export type ClosingEvent = Extract<
  CaseEvent,
  { type: 'DecisionIssued' | 'CaseRejected' | 'CaseWithdrawn' }
>;
