import {
  isViolationCategory,
  VIOLATION_CATEGORIES,
  VIOLATION_CATEGORY_NAMES,
} from '../procedures/discipline/violation-category-names';
import { cellText, CellParser, choice } from './cell-parsers';

const byName = choice(
  Object.fromEntries(Object.entries(VIOLATION_CATEGORY_NAMES).map(([code, name]) => [name, code])),
);

/**
 * "Loại vi phạm": a category by its Vietnamese name, as the screen names it and as the other
 * columns take labels ("Tài chính, ngân sách"), or by the API's code (`budget`); either from the
 * closed list the API takes (violation-category-names.ts).
 */
export const violationCategory: CellParser<string> = (cell) => {
  const named = byName(cell);
  if (named.ok) return named;
  const value = cellText(cell) ?? '';
  if (isViolationCategory(value)) return { ok: true, value };
  return {
    ok: false,
    rule: 'import.choice',
    message: `một trong (one of): ${Object.values(VIOLATION_CATEGORY_NAMES).join('; ')}; hoặc mã (or its code): ${VIOLATION_CATEGORIES.join(', ')}; có "${value}"`,
  };
};
