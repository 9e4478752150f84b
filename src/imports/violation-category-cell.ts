import { VIOLATION_CATEGORY_NAMES } from '../procedures/discipline/violation-category-names';
import { cellText, CellParser, choice } from './cell-parsers';

const CODE = /^[a-z][a-z0-9_]{1,59}$/;
const byName = choice(
  Object.fromEntries(Object.entries(VIOLATION_CATEGORY_NAMES).map(([code, name]) => [name, code])),
);

/**
 * "Loại vi phạm": a category by its Vietnamese name, as the screen names it and as the other
 * columns take labels ("Tài chính, ngân sách"), or by the API's code (`budget`, or a category the
 * screen does not offer, in the code's form).
 */
export const violationCategory: CellParser<string> = (cell) => {
  const named = byName(cell);
  if (named.ok) return named;
  const value = cellText(cell) ?? '';
  if (CODE.test(value)) return { ok: true, value };
  return {
    ok: false,
    rule: 'import.choice',
    message: `một trong (one of): ${Object.values(VIOLATION_CATEGORY_NAMES).join('; ')}; hoặc mã loại vi phạm (or a category code), ví dụ land_management; có "${value}"`,
  };
};
