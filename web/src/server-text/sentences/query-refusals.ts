import { DAY, N, sentence, Sentence } from './sentence';

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
  // A body past the route's limit (http-exception.filter.ts, bodyTooLarge).
  sentence(
    `body: the request body is ${N} bytes; this route reads up to ${N} bytes`,
    ([size, limit], s) =>
      `Nội dung gửi lên dài ${s.n(size)} byte, quá mức ${s.n(limit)} byte mà yêu cầu này nhận`,
  ),
];
