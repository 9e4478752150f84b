import { decisionRefInBrackets } from '../../dates';
import { citedDecisionInBrackets } from './record';
import { N, DAY, ID, Sentence, sentence, Untranslated } from './sentence';
import type { Say } from '../reason-in-vietnamese';

/** Which posts a discipline's bar covers (discipline-bar-scope.ts `barCoverage`). */
const COVERAGE =
  '(a higher post|an equivalent or higher post|any appointment)(?: \\(until (\\d{4}-\\d{2}-\\d{2})\\))?';

const COVERAGE_WORDS: Record<string, string> = {
  'a higher post': 'chức vụ cao hơn',
  'an equivalent or higher post': 'chức vụ tương đương hoặc cao hơn',
  'any appointment': 'mọi chức vụ',
};

function coverageInVietnamese(words: string, until: string | undefined, s: Say): string {
  const covers = COVERAGE_WORDS[words];
  if (!covers) throw new Untranslated();
  return `${covers}${until ? ` (đến ngày ${s.day(until)})` : ''}`;
}

/** `reprimand: a higher post; warning: any appointment (until 2027-01-01)`: what each bar covers. */
function barsCoverageInVietnamese(list: string, s: Say): string {
  return list
    .split('; ')
    .map((entry) => {
      const m = new RegExp(`^(\\S+): ${COVERAGE}$`).exec(entry);
      if (!m) throw new Untranslated();
      return `${s.words.form(m[1])}: ${coverageInVietnamese(m[2], m[3], s)}`;
    })
    .join('; ');
}

/**
 * The notes vetting reads off a person's record (vetting-from-record.ts, vetting-posts.ts) and a
 * decided discipline carries into open cases (discipline-record.process.ts) that no other list
 * reads: a first appointment's exemption, a post not higher than the one held, a bar wider than a
 * higher post. Before, these stayed in English on the case page, the audit and the leader's view.
 */
export const VETTING_NOTES: Sentence[] = [
  sentence(
    `first appointment \\(bổ nhiệm lần đầu\\): exempt from ${N} years in post \\((.+)\\)`,
    ([years, citation], s) =>
      `Bổ nhiệm lần đầu: không áp dụng điều kiện giữ chức vụ ${s.n(years)} năm (${s.citation(citation)})`,
  ),
  sentence(
    `not a higher post \\(${ID} rank ${N}, holds rank ${N}\\): the years to retirement are checked for a higher post only`,
    ([position, rank, held], s) =>
      `Không phải chức vụ cao hơn (${s.words.position(position)} bậc ${s.n(rank)}, đang giữ chức vụ bậc ${s.n(held)}): thời gian công tác còn lại chỉ xét khi bổ nhiệm chức vụ cao hơn`,
  ),
  // The bar with the rule of its decision's own track (RunningBar.rule).
  sentence(
    `discipline \\(${ID}, (.+)\\) bars ${COVERAGE} (?:(with no end date)|until ${DAY}) \\((Party|civil service) track, ${ID}: (.+)\\)`,
    ([form, ref, covers, coverUntil, noEnd, until, track, , citation], s) =>
      `Kỷ luật (${s.words.form(form)}, ${citedDecisionInBrackets(ref)}) hạn chế bổ nhiệm ${coverageInVietnamese(covers, coverUntil, s)} ${noEnd ? 'không có thời hạn kết thúc' : `đến ngày ${s.day(until)}`} (${track === 'Party' ? 'kỷ luật Đảng' : 'kỷ luật công chức'}: ${s.citation(citation)})`,
  ),
  sentence(
    `discipline \\(${ID}, (.+)\\) bars ${COVERAGE} (?:(with no end date)|until ${DAY})`,
    ([form, ref, covers, coverUntil, noEnd, until], s) =>
      `Kỷ luật (${s.words.form(form)}, ${citedDecisionInBrackets(ref)}) hạn chế bổ nhiệm ${coverageInVietnamese(covers, coverUntil, s)} ${noEnd ? 'không có thời hạn kết thúc' : `đến ngày ${s.day(until)}`}`,
  ),
  sentence(
    `${ID} \\(rank ${N}\\) is outside what it bars \\((.+)\\), beside the post held \\(rank ${N}\\)`,
    ([position, rank, bars, held], s) =>
      `${s.words.position(position)} (bậc ${s.n(rank)}) nằm ngoài phạm vi hạn chế của kỷ luật (${barsCoverageInVietnamese(bars, s)}), so với chức vụ đang giữ (bậc ${s.n(held)})`,
  ),
  // With the decision's bar rule (its own track's months).
  sentence(
    `discipline decided: ${ID} \\((.+), case ${ID}\\), bars ${COVERAGE} until ${DAY} \\(\\S+: no higher post for ${N} months \\(${ID}: (.+)\\)\\)`,
    ([form, ref, caseId, covers, coverUntil, until, months, , citation], s) =>
      `Đã quyết định kỷ luật: ${s.words.form(form)} (${citedDecisionInBrackets(ref)}, hồ sơ ${caseId}), hạn chế bổ nhiệm ${coverageInVietnamese(covers, coverUntil, s)} đến ngày ${s.day(until)} (${s.n(months)} tháng: ${s.citation(citation)})`,
  ),
  // A flag read again from the record and no longer borne out (VettingItemClearedFromRecord).
  sentence(
    `read again from the record on ${DAY}: (.+)`,
    ([day, note], s) => `Đọc lại hồ sơ cán bộ ngày ${s.day(day)}: ${s.asRecorded(note)}`,
  ),
  // The pool item a decision that took the person off the planning pool flags
  // (discipline-record.process.ts): each entry it removed, with the decision that had made it.
  sentence(
    `discipline decided: ${ID} \\((.+), case ${ID}\\), taken off the planning pool: (.+)`,
    ([form, ref, caseId, entries], s) =>
      `Đã quyết định kỷ luật: ${s.words.form(form)} (${citedDecisionInBrackets(ref)}, hồ sơ ${caseId}), đưa ra khỏi quy hoạch: ${entries
        .split('; ')
        .map((entry) => {
          const m = /^(\S+) (\d{4}-\d{4}) \((.+)\)$/.exec(entry);
          if (!m) throw new Untranslated();
          return `${s.words.position(m[1])} nhiệm kỳ ${m[2]} (${decisionRefInBrackets(m[3])})`;
        })
        .join('; ')}`,
  ),
  sentence(
    `discipline decided: ${ID} \\((.+), case ${ID}\\)(?:, bars ${COVERAGE} until ${DAY})?`,
    ([form, ref, caseId, covers, coverUntil, until], s) =>
      `Đã quyết định kỷ luật: ${s.words.form(form)} (${citedDecisionInBrackets(ref)}, hồ sơ ${caseId})${covers ? `, hạn chế bổ nhiệm ${coverageInVietnamese(covers, coverUntil, s)} đến ngày ${s.day(until)}` : ''}`,
  ),
];
