import { PersonStatusPeriod } from '../cadres/person/person.state';
import { Actor } from '../identity/actor';
import { WorkingDayCalendar } from '../workflow/calendar/working-day-calendar';
import { ProcedureDefinition } from '../workflow/definitions/procedure-definition';
import { RuleSet } from '../workflow/rule-sets/rule-set';

/** Everything the discipline decider needs besides state and command; gathered by the service. */
export interface DisciplineContext {
  definition: ProcedureDefinition;
  ruleSet: RuleSet;
  calendar: WorkingDayCalendar;
  actor: Actor;
  /** Today in Vietnam (YYYY-MM-DD). */
  today: string;
  actorReachesCaseUnit: boolean;
  /** The person's circumstances from their record (deferral reads them). */
  personStatuses: PersonStatusPeriod[];
}
