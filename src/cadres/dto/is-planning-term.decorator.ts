import { ValidateBy } from 'class-validator';

const TERM = /^(\d{4})-(\d{4})$/;

/**
 * A planning term `YYYY-YYYY` (nhiệm kỳ quy hoạch) that runs forwards. The pool's limits are
 * counted per term, so `2030-2025` would be a term of its own with empty pools.
 */
export function IsPlanningTerm(): PropertyDecorator {
  return ValidateBy({
    name: 'planningTerm',
    validator: {
      validate: (value: unknown) => {
        const years = typeof value === 'string' ? TERM.exec(value) : null;
        return years !== null && Number(years[2]) > Number(years[1]);
      },
      defaultMessage: () => 'term: YYYY-YYYY, its second year after its first',
    },
  });
}
