import { DAY, sentence, Sentence } from './sentence';

/**
 * A period a list or a report is asked for with its end before its start (parseDayRange:
 * `query.period_reversed` on `to`), as the register says it of its own fields.
 */
export const QUERY_REFUSALS: Sentence[] = [
  sentence(
    `to: ${DAY} is before from \\(${DAY}\\)`,
    ([to, from], s) =>
      `Ngày “đến” (${s.day(to)}) trước ngày “từ” (${s.day(from)}): nhập ngày từ ${s.day(from)} trở đi`,
  ),
];
