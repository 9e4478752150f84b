import { Actor } from '../../identity/actor';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { ProcedureDefinition } from '../definitions/procedure-definition';
import { RuleSet } from '../rule-sets/rule-set';
import type { GoverningDeadline } from './deadlines';

/**
 * What every procedure's `decide` is handed besides state and command, so it stays pure: the
 * pinned definition and rule set, the calendar, who acts, today and whether their grant reaches
 * the case's org unit. A procedure's context extends it with what its own steps read.
 */
export interface StepContext {
  definition: ProcedureDefinition;
  ruleSet: RuleSet;
  calendar: WorkingDayCalendar;
  actor: Actor;
  /** Today in Vietnam (YYYY-MM-DD). */
  today: string;
  /** The actor's grant covers the case's org unit (it or one of its ancestors). */
  actorReachesCaseUnit: boolean;
  /** The case's legal time limit its steps' deadlines may not pass (see GoverningDeadline). */
  governingDeadline?: GoverningDeadline | null;
}
