import { withDaysFormatted } from '../../dates';
import { N, DAY, ID, Sentence, sentence } from './sentence';

/** A removal's ground (`low_confidence`, …) as the form names it. */
const GROUNDS: Record<string, string> = {
  low_confidence: 'tín nhiệm thấp',
  not_completed_duties: 'không hoàn thành nhiệm vụ',
  discipline: 'bị kỷ luật',
  repeated_discipline: 'bị kỷ luật nhiều lần trong một nhiệm kỳ',
  conclusion: 'theo kết luận của cơ quan có thẩm quyền',
};

/** A fact a ground takes (`grounds.<field>`), as the form names it. */
const GROUND_FIELDS: Record<string, string> = {
  kind: 'loại căn cứ',
  reference: 'số, ký hiệu văn bản làm căn cứ',
  lowConfidenceVotes: 'số phiếu tín nhiệm thấp',
  totalVotes: 'tổng số phiếu',
  letterReceivedOn: 'ngày nhận đơn từ chức',
  reason: 'lý do',
};
const fact = (field: string) => GROUND_FIELDS[field] ?? field;

/** A year's quality rating (xếp loại chất lượng), `2025 completed`. */
const RATINGS: Record<string, string> = {
  excellent: 'hoàn thành xuất sắc nhiệm vụ',
  good: 'hoàn thành tốt nhiệm vụ',
  completed: 'hoàn thành nhiệm vụ',
  not_completed: 'không hoàn thành nhiệm vụ',
};
const ratings = (list: string) =>
  list
    .split(', ')
    .map((entry) =>
      entry.replace(/^(\d{4}) (\w+)$/, (all, year, r) => `${year}: ${RATINGS[r] ?? r}`),
    )
    .join(', ');

/**
 * The grounds of a removal (miễn nhiệm, cho thôi giữ chức vụ) refused at opening
 * (removal-grounds.ts): a fact missing or malformed, or the record not showing the ground.
 */
export const REMOVAL_REFUSALS: Sentence[] = [
  sentence('grounds: is required: the ground the case rests on', () => 'Cần nêu căn cứ của hồ sơ'),
  sentence(
    'grounds\\.(\\w+): is required \\(a non-empty text\\)',
    ([field]) => `Căn cứ: cần nhập ${fact(field)} (không để trống)`,
  ),
  sentence(
    'grounds\\.(\\w+): is not a field of this ground \\(it takes (.+)\\)',
    ([field, allowed]) =>
      `Căn cứ này không có ${fact(field)} (chỉ có: ${allowed.split(', ').map(fact).join(', ')})`,
  ),
  sentence(
    'grounds\\.(\\w+): must be a whole number ≥ 0',
    ([field]) => `Căn cứ: ${fact(field)} phải là số nguyên ≥ 0`,
  ),
  sentence(
    `grounds\\.lowConfidenceVotes: must lie between 0 and totalVotes \\(${N}\\), total > 0`,
    ([total]) =>
      `Số phiếu tín nhiệm thấp phải từ 0 đến tổng số phiếu (${total}), và tổng số phiếu lớn hơn 0`,
  ),
  sentence(
    `grounds\\.kind: must be one of (.+)`,
    ([kinds]) =>
      `Căn cứ phải là một trong: ${kinds
        .split(', ')
        .map((k) => GROUNDS[k] ?? k)
        .join(', ')}`,
  ),
  sentence(
    `grounds\\.letterReceivedOn: must be a day YYYY-MM-DD not after today \\(${DAY}\\)`,
    ([today], s) =>
      `Ngày nhận đơn từ chức phải là một ngày không sau ngày hôm nay (${s.day(today)})`,
  ),
  sentence(
    `${N} of ${N} low-confidence votes is not more than ${N}/${N} of the votes \\((.+)\\)`,
    ([low, total, num, den, citation], s) =>
      `${low}/${total} phiếu tín nhiệm thấp, không quá ${num}/${den} tổng số phiếu (${s.citation(citation)})`,
  ),
  sentence(
    `the record does not show ${N} consecutive years rated not_completed \\(latest ratings: (.+)\\) \\((.+)\\)`,
    ([years, latest, citation], s) =>
      `Hồ sơ cán bộ không thể hiện ${years} năm liên tiếp được xếp loại không hoàn thành nhiệm vụ (xếp loại gần nhất: ${latest === 'none' ? 'không có' : ratings(latest)}) (${s.citation(citation)})`,
  ),
  sentence(
    `no discipline decision of a form among (.+) is in effect on the record \\((.+)\\)`,
    ([forms, citation], s) =>
      `Hồ sơ cán bộ không có quyết định kỷ luật nào đang có hiệu lực với hình thức ${s.list(forms, (f) => s.words.form(f))} (${s.citation(citation)})`,
  ),
  sentence(
    `the record shows ${N} decision\\(s\\) of (.+) since the person took up post ${ID} on ${DAY} \\((.*)\\); the ground needs ${N} in one term \\((.+)\\)`,
    ([count, forms, position, from, refs, needs, citation], s) =>
      `Hồ sơ cán bộ có ${count} quyết định ${s.list(forms, (f) => s.words.form(f))} kể từ khi nhận chức vụ ${s.words.position(position)} ngày ${s.day(from)} (${refs === 'none' ? 'không có' : withDaysFormatted(refs)}); căn cứ này cần ${needs} quyết định trong một nhiệm kỳ (${s.citation(citation)})`,
  ),
];
