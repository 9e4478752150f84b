import { auditHistoryProjection } from '../audit/audit-history.projection';
import { timersProjection } from '../jobs/timers/timers.projection';
import { Projection } from './projection';
import { caseSummariesProjection } from '../read-models/case-summaries.projection';
import { disciplineRegisterProjection } from '../read-models/discipline-register.projection';
import { peopleProjection } from '../read-models/people.projection';
import { registryFactsProjection } from '../read-models/registry-facts.projection';

/** Every read model of cadreflow: the live runners, `status` and `rebuild` all use this list. */
export const REGISTERED_PROJECTIONS: Projection[] = [
  auditHistoryProjection,
  timersProjection,
  caseSummariesProjection,
  disciplineRegisterProjection,
  peopleProjection,
  registryFactsProjection,
];
