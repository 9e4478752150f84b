import { ageRulesOn } from '../cadres/person/age-rules';
import { PersonDecideContext } from '../cadres/person/person.commands';
import { planningDisciplineOn } from '../cadres/planning/planning-discipline';
import { WorkflowCatalog } from '../workflow/workflow-catalog';

/**
 * The rules the routes judge a row's change by on the day of the import, for the dry run to refuse
 * what they would: a person row registers today (the ages, as POST /cadres), a planning row is
 * refused while a discipline keeps the person off the pool (as POST /cadres/:id/planning-pool).
 */
export function rowRulesOn(catalog: WorkflowCatalog, today: string): PersonDecideContext {
  return {
    ages: ageRulesOn(catalog, today),
    planningDiscipline: planningDisciplineOn(catalog, today),
  };
}
