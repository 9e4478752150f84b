import { ValidateBy } from 'class-validator';
import { isForwardPlanningTerm } from '../planning/planning-term';

/** A planning term `YYYY-YYYY` (nhiệm kỳ quy hoạch) that runs forwards (`isForwardPlanningTerm`). */
export function IsPlanningTerm(): PropertyDecorator {
  return ValidateBy({
    name: 'planningTerm',
    validator: {
      validate: isForwardPlanningTerm,
      defaultMessage: () => 'term: YYYY-YYYY, its second year after its first',
    },
  });
}
