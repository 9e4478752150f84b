import { PersonStatusPeriod } from '../../cadres/person/person.state';
import { StepContext } from '../../workflow/step-engine';

/** Everything the discipline decider needs besides state and command; gathered by the service. */
export interface DisciplineContext extends StepContext {
  /** The person's circumstances from their record (deferral reads them). */
  personStatuses: PersonStatusPeriod[];
}
