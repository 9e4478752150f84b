import { auditHistoryProjection } from '../audit/audit-history.projection';
import { timersProjection } from '../jobs/timers/timers.projection';
import { Projection } from './projection';

/** Every read model of cadreflow: the live runners, `status` and `rebuild` all use this list. */
export const REGISTERED_PROJECTIONS: Projection[] = [auditHistoryProjection, timersProjection];
