import { decisionRefInBrackets, withDaysFormatted } from '../../dates';
import { N, DAY, ID, Sentence, sentence, Untranslated } from './sentence';
import type { Say } from '../reason-in-vietnamese';
import { holdersInVietnamese } from './opening-refusals';

/** The retirement age reached by the day (src/workflow/rules/retirement-reached.ts). */
const RETIREMENT_REACHED = `reached the retirement age: retires on ${DAY}, on or before ${DAY}; no appointment takes effect on or after the retirement day \\((.+)\\)`;

function retirementReached(retires: string, day: string, citation: string, s: Say): string {
  return `Đã đến tuổi nghỉ hưu: nghỉ hưu ngày ${s.day(retires)}, trước hoặc đúng ngày ${s.day(day)}; không quyết định bổ nhiệm nào có hiệu lực từ ngày nghỉ hưu trở đi (${s.citation(citation)})`;
}

/** A decision effective after today, the person retired by its effective day (the same file). */
const RETIRED_BY_EFFECTIVE_DAY = `will have reached the retirement age by the effective day: retires on ${DAY}, on or before the effective day ${DAY}; no post is given on or after the retirement day \\((.+)\\)`;

/** Whether a person may be appointed (eligibility.ts) and a rotation's placement (placement-group.ts). */
export const ELIGIBILITY: Sentence[] = [
  sentence(
    `discipline \\(${ID}, (.+)\\) (?:in effect|bars a higher post) (?:(with no end date)|until ${DAY})`,
    ([form, ref, noEnd, until], s) =>
      `Kỷ luật (${s.words.form(form)}, ${citedDecisionInVietnamese(ref)}) hạn chế bổ nhiệm chức vụ cao hơn ${noEnd ? 'không có thời hạn kết thúc' : `đến ngày ${s.day(until)}`}`,
  ),
  sentence(
    `discipline case ${ID} is open( past verification)? \\((.+)\\)`,
    ([caseId, past, citation], s) =>
      `Đang có hồ sơ kỷ luật ${caseId}${past ? ' đã qua bước xác minh' : ''} (${s.citation(citation)})`,
  ),
  // A case a unit above (or a sibling unit) opened, out of the reader's grant: told of, not named.
  sentence(
    `a discipline case opened by (a unit above|another unit) is open( past verification)? \\((.+)\\)`,
    ([by, past, citation], s) =>
      `Đang có hồ sơ kỷ luật do ${by === 'another unit' ? 'đơn vị khác' : 'cấp trên'} mở${past ? ' đã qua bước xác minh' : ''} (${s.citation(citation)})`,
  ),
  sentence(
    `takes up ${ID} on ${DAY} \\((.+)\\)`,
    ([position, day, ref], s) =>
      `Sẽ đảm nhiệm chức vụ ${s.words.position(position)} từ ngày ${s.day(day)} (${decisionRefInBrackets(ref)})`,
  ),
  sentence(
    `already holds ${ID}(?:; use (\\S+))?`,
    ([position, route], s) =>
      `Đang giữ chức vụ ${s.words.position(position)}${route ? `; dùng thủ tục ${s.words.procedure(route)}` : ''}`,
  ),
  sentence(
    `([a-z ]+) since ${DAY}(?: until ${DAY})? \\((.+)\\)`,
    ([status, from, until, citation], s) =>
      `${s.words.personStatus(status.replace(/ /g, '_'))} từ ngày ${s.day(from)}${until ? ` đến ngày ${s.day(until)}` : ''} (${s.citation(citation)})`,
  ),
  // The years in post, as the appointment's vetting reads it (vetting-posts.ts).
  sentence(
    `${N} months in posts of rank ${N} \\(current and equivalent, added up\\), needs ${N} months \\(${N} years; (.+)\\)`,
    ([months, , needed, years, citation], s) =>
      `Giữ chức vụ hiện tại và chức vụ tương đương (cộng dồn) ${months} tháng, cần ${needed} tháng (${years} năm; ${s.citation(citation)})`,
  ),
  sentence(
    `not in the planning pool for ${ID} or an equivalent or higher post`,
    ([position], s) =>
      `Chưa được quy hoạch vào chức vụ ${s.words.position(position)} hoặc chức vụ tương đương, cao hơn`,
  ),
  // Eligibility's and vetting's reason (retirement-reached.ts), and a refusal naming the person.
  sentence(RETIREMENT_REACHED, ([retires, day, citation], s) =>
    retirementReached(retires, day, citation, s),
  ),
  sentence(
    `effectiveFrom: ${ID} ${RETIRED_BY_EFFECTIVE_DAY}`,
    ([person, retires, day, citation], s) =>
      `${s.words.person(person)}: Sẽ đến tuổi nghỉ hưu trước ngày có hiệu lực: nghỉ hưu ngày ${s.day(retires)}, trước hoặc đúng ngày có hiệu lực ${s.day(day)}; không giao chức vụ nào từ ngày nghỉ hưu trở đi (${s.citation(citation)})`,
  ),
  sentence(
    `(?:personId|effectiveFrom|candidates\\[\\d+\\]\\.personId): ${ID} ${RETIREMENT_REACHED}`,
    ([person, retires, day, citation], s) =>
      `${s.words.person(person)}: ${retirementReached(retires, day, citation, s)}`,
  ),
  sentence(
    `over the age limit of ${ID}: retires on ${DAY}, ${N} whole years left, needs ${N} \\((.+)\\)`,
    ([ruleSet, retires, left, needs, citation], s) =>
      `Quá tuổi theo ${ruleSet}: nghỉ hưu ngày ${s.day(retires)}, còn ${left} năm tròn, cần ${needs} năm (${s.citation(citation)})`,
  ),
  sentence(
    `leadership post ${ID} in (.+); from (.+)`,
    ([position, province, origin], s) =>
      `Chức vụ lãnh đạo ${s.words.position(position)} tại ${province}; quê quán ${origin}`,
  ),
  sentence(
    `holds (.+) past a first term`,
    ([positions], s) =>
      `Giữ chức vụ ${positions
        .split(', ')
        .map((p) => s.words.position(p))
        .join(', ')} quá một nhiệm kỳ`,
  ),
];

/**
 * Why the record withdrew a case (a re-appointment, an extension) when a decision ended its post
 * (case-record.process.ts, removal-record.process.ts, discipline-record.process.ts): the decision
 * by its number and day, the case that decided it named so the screen links it.
 */
export const WITHDRAWALS: Sentence[] = [
  sentence(
    `withdrawn: the post ended by (.+) \\(case ${ID}\\)`,
    ([ref, caseId]) => `Chức vụ kết thúc theo quyết định ${ref} của hồ sơ ${caseId}`,
  ),
  sentence(
    `withdrawn: the holder was removed from the post by (.+) \\(discipline case ${ID}\\)`,
    ([ref, caseId]) =>
      `Chức vụ kết thúc do kỷ luật theo quyết định ${ref} của hồ sơ kỷ luật ${caseId}`,
  ),
];

/** How a step ended a case (case.steps.ts, case.nominees.ts, case.election.ts, exam-scores.ts). */
export const ENDINGS: Sentence[] = [
  sentence(
    `${ID} averaged ${N} of ${N}, (at or above|below) the pass mark ${N}`,
    ([id, average, scale, side, mark], s) =>
      `${s.words.person(id)}: điểm trung bình ${s.n(average)}/${s.n(scale)}, ${side === 'below' ? 'dưới' : 'đạt'} điểm đạt ${s.n(mark)}`,
  ),
  sentence(
    `no candidate reached the pass mark of ${N} of ${N} at ${ID}: (.+) \\((.+)\\)`,
    ([mark, scale, , scores, citation], s) =>
      `Không ứng viên nào đạt điểm ${s.n(mark)}/${s.n(scale)}: ${s.reason(scores)} (${s.citation(citation)})`,
  ),
  sentence(
    `${ID} was not nominated: (.+)`,
    ([id, inner], s) => `${s.words.person(id)} không được giới thiệu: ${s.reason(inner)}`,
  ),
  sentence(
    `nobody was nominated: (.+)`,
    ([inner], s) => `Không ai được giới thiệu: ${s.reason(inner)}`,
  ),
  sentence(
    `the council did not elect the person introduced: (.+) \\((.+)\\)`,
    ([inner, citation], s) =>
      `Hội đồng không bầu người được giới thiệu: ${s.reason(inner)} (${s.citation(citation)})`,
  ),
  sentence(
    `${ID} ((?:passed|failed|tie)\\b.+)`,
    ([id, inner], s) => `${s.words.person(id)} — ${s.reason(inner)}`,
  ),
  sentence(
    `no nominee passed: (.+)`,
    ([inner], s) => `Không người được giới thiệu nào đạt: ${s.reason(inner)}`,
  ),
  sentence(
    `tallies\\[(\\d+)\\]: ${ID} (.+)`,
    ([index, id, inner], s) =>
      `Phiếu thứ ${Number(index) + 1}, ${s.words.person(id)} — ${s.reason(inner)}`,
  ),
  sentence(
    `((?:tally|tallies\\[\\d+\\])\\.\\w+): (.+)`,
    ([field, inner], s) => `${field}: ${s.reason(inner)}`,
  ),
  sentence(
    `(.+): send headDecision "for" or "against"`,
    ([inner], s) =>
      `${s.reason(inner)}: chọn quyết định của người đứng đầu khi ngang phiếu («Đồng ý» hoặc «Không đồng ý»)`,
  ),
];

/**
 * What holds a re-appointment back, as vetting names it: a case pending, one opened above or by
 * another unit (a sibling's), a status.
 */
const HELD_POST_BLOCK =
  '(?:discipline case \\S+ is pending|a discipline case opened by (?:a unit above|another unit) is pending|[a-z ]+ since \\d{4}-\\d{2}-\\d{2})';

function heldPostBlockInVietnamese(block: string, s: Say): string {
  const named = /^discipline case (\S+) is pending$/.exec(block);
  if (named) return `Hồ sơ kỷ luật ${named[1]} đang mở`;
  if (block === 'a discipline case opened by a unit above is pending')
    return 'Hồ sơ kỷ luật do cấp trên mở đang mở';
  if (block === 'a discipline case opened by another unit is pending')
    return 'Hồ sơ kỷ luật do đơn vị khác mở đang mở';
  const status = /^([a-z ]+) since (\d{4}-\d{2}-\d{2})$/.exec(block);
  if (!status) throw new Untranslated();
  return `${s.words.personStatus(status[1].replace(/ /g, '_'))} từ ngày ${s.day(status[2])}`;
}

/**
 * A discipline's decision as a reason cites it (discipline-standing.ts, citedDecision): its own
 * number, and the complaint decision that changed its form when one did.
 */
export const citedDecisionInVietnamese = (ref: string) =>
  ref.replace(/ as changed by (.+)$/, ', được thay đổi theo quyết định giải quyết khiếu nại $1');

/**
 * The same inside a sentence's brackets, each number's day after a comma (decisionRefInBrackets):
 * "12/QĐ-UBND, 02/11/2026, được thay đổi theo quyết định giải quyết khiếu nại 20/QĐ-UBND, 10/11/2026".
 */
export const citedDecisionInBrackets = (ref: string) =>
  ref
    .split(' as changed by ')
    .map(decisionRefInBrackets)
    .join(', được thay đổi theo quyết định giải quyết khiếu nại ');

/** `; discipline (reprimand, 12-QĐ/UBKT) in effect until 2027-03-01`: the disciplines a held post's note names. */
function heldBarsInVietnamese(bars: string, s: Say): string {
  const bar =
    /; discipline \((\S+), (.+?)\) in effect (?:(with no end date)|until (\d{4}-\d{2}-\d{2}))/y;
  let read = '';
  while (bar.lastIndex < bars.length) {
    const m = bar.exec(bars);
    if (!m) throw new Untranslated();
    const [, form, ref, noEnd, until] = m;
    read += `; Kỷ luật (${s.words.form(form)}, ${citedDecisionInVietnamese(ref)}) có hiệu lực${noEnd ? ', không có thời hạn kết thúc' : ` đến ngày ${s.day(until)}`}`;
  }
  return read;
}

/** What vetting reads off the person's record, a closure, the end of a post left. */
export const RECORD_NOTES: Sentence[] = [
  sentence(
    'no discipline in effect and no open discipline case',
    () => 'Không đang chịu kỷ luật và không có hồ sơ kỷ luật đang mở',
  ),
  sentence('no discipline in effect', () => 'Không đang chịu kỷ luật'),
  sentence('no open discipline case', () => 'Không có hồ sơ kỷ luật đang mở'),
  sentence(
    `it bars a higher post only: ${ID} \\(rank ${N}\\) is not higher than the post held \\(rank ${N}\\)`,
    ([position, rank, held], s) =>
      `Kỷ luật chỉ hạn chế bổ nhiệm chức vụ cao hơn: ${s.words.position(position)} (bậc ${s.n(rank)}) không cao hơn chức vụ đang giữ (bậc ${s.n(held)})`,
  ),
  sentence(
    `open discipline case ${ID} is (not yet past verification|pending|past verification) \\((.+)\\)`,
    ([caseId, stage, citation], s) =>
      `Hồ sơ kỷ luật ${caseId} đang mở${stage === 'pending' ? '' : stage === 'past verification' ? ', đã qua bước xác minh' : ', chưa qua bước xác minh'} (${s.citation(citation)})`,
  ),
  sentence(
    `a discipline case opened by (a unit above|another unit) is (not yet past verification|pending|past verification)(?: \\((.+)\\))?`,
    ([by, stage, citation], s) =>
      `Hồ sơ kỷ luật do ${by === 'another unit' ? 'đơn vị khác' : 'cấp trên'} mở đang mở${stage === 'pending' ? '' : stage === 'past verification' ? ', đã qua bước xác minh' : ', chưa qua bước xác minh'}${citation ? ` (${s.citation(citation)})` : ''}`,
  ),
  // A re-appointment's post already held (vetting-from-record.ts heldPostDiscipline): a decided
  // discipline's bar on a higher post does not apply; a pending case or an investigation holds it
  // back (`reappointment.blockedWhile`), the rule cited once after all of them.
  sentence(
    `the post already held: a decided discipline's bar on a higher post does not apply((?:; discipline \\(\\S+, .+?\\) in effect (?:with no end date|until \\d{4}-\\d{2}-\\d{2}))*); no discipline case pending, no investigation(?: \\((.+)\\))?`,
    ([bars, citation], s) =>
      `Chức vụ đang giữ: hạn chế bổ nhiệm chức vụ cao hơn của kỷ luật đã quyết định không áp dụng${heldBarsInVietnamese(bars, s)}; không có hồ sơ kỷ luật đang mở, không bị điều tra${citation ? ` (${s.citation(citation)})` : ''}`,
  ),
  sentence(
    `(${HELD_POST_BLOCK}(?:; ${HELD_POST_BLOCK})*)(?: \\((.+)\\))?`,
    ([blocks, citation], s) =>
      `${blocks
        .split('; ')
        .map((block) => heldPostBlockInVietnamese(block, s))
        .join('; ')}${citation ? ` (${s.citation(citation)})` : ''}`,
  ),
  sentence(
    `planning pool (\\d{4}-\\d{4}) for ${ID} \\((.+)\\)`,
    ([term, position, ref], s) =>
      `Trong quy hoạch nhiệm kỳ ${term} vào chức vụ ${s.words.position(position)} (${decisionRefInBrackets(ref)})`,
  ),
  // The planning-pool item vetting flags (vetting-posts.ts planningPoolItem): no entry at all, or
  // only entries whose term is over.
  sentence(
    `no planning-pool entry for ${ID} or an equivalent or higher post`,
    ([position], s) =>
      `Chưa được quy hoạch vào chức vụ ${s.words.position(position)} hoặc chức vụ tương đương, cao hơn`,
  ),
  sentence(
    `planning term over: (.+), before ${DAY}; no current entry for ${ID} or an equivalent or higher post`,
    ([entries, day, position], s) =>
      `Quy hoạch đã hết nhiệm kỳ: ${entries
        .split('; ')
        .map((entry) => {
          const m = /^(\S+) (\d{4}-\d{4}) \((.+)\) ended (\d{4}-\d{2}-\d{2})$/.exec(entry);
          if (!m) throw new Untranslated();
          return `${s.words.position(m[1])} nhiệm kỳ ${m[2]} (${m[3]}) hết ngày ${s.day(m[4])}`;
        })
        .join(
          '; ',
        )}, trước ngày ${s.day(day)}; không còn quy hoạch vào chức vụ ${s.words.position(position)} hoặc chức vụ tương đương, cao hơn`,
  ),
  sentence(
    `retires on ${DAY}: ${N} whole years left, needs ${N} for a full term \\((.+)\\)`,
    ([day, left, needs, citation], s) =>
      `Nghỉ hưu ngày ${s.day(day)}: còn ${left} năm tròn, cần ${needs} năm cho một nhiệm kỳ (${s.citation(citation)})`,
  ),
  sentence(
    `verification did not confirm the violation: (.+)`,
    ([conclusion]) => `Kết quả xác minh không xác định có vi phạm: ${conclusion}`,
  ),
  sentence(
    `(appointed|rotated or transferred) to ${ID} \\(case ${ID}\\) without keeping this post concurrently \\(kiêm nhiệm\\)`,
    ([how, position, caseId], s) =>
      `${how === 'appointed' ? 'Được bổ nhiệm' : 'Được luân chuyển, điều động'} giữ chức vụ ${s.words.position(position)} (hồ sơ ${caseId}), không kiêm nhiệm chức vụ này`,
  ),
  // Before Dec 2026 (kept in stored records): the decision's reference with its own day inside.
  sentence(
    `new term from ${DAY} \\((.+)\\)`,
    ([day, ref], s) =>
      `Bổ nhiệm lại, nhiệm kỳ mới từ ngày ${s.day(day)} (${decisionRefInBrackets(ref)})`,
  ),
  sentence(
    `(re-elected|re-appointed): new term from ${DAY} by (.+)`,
    ([how, day, ref], s) =>
      `${how === 're-elected' ? 'Tái cử' : 'Bổ nhiệm lại'}, nhiệm kỳ mới từ ngày ${s.day(day)} theo ${withDaysFormatted(ref)}`,
  ),
  sentence(`term ended \\(case ${ID}\\)`, ([caseId]) => `Hết nhiệm kỳ (hồ sơ ${caseId})`),
  // A planning entry left once the person takes up its post (case-record.process.ts).
  sentence(
    `took up the post \\(case ${ID}\\); planned for it in (\\d{4}-\\d{4}) by (.+)`,
    ([caseId, term, ref]) =>
      `Đã nhận chức vụ (hồ sơ ${caseId}); được quy hoạch vào chức vụ này giai đoạn ${term} theo ${withDaysFormatted(ref)}`,
  ),
  sentence(
    `discipline: ${ID} \\(case ${ID}\\)`,
    ([form, caseId], s) => `Kỷ luật: ${s.words.form(form)} (hồ sơ ${caseId})`,
  ),
  sentence(`(dismissal|relief|resignation|suspension) \\(case ${ID}\\)`, ([kind, caseId]) => {
    const how = REMOVALS[kind as keyof typeof REMOVALS];
    return `${how} (hồ sơ ${caseId})`;
  }),
];

/**
 * Why an annulled discipline decision could not put a pool entry back (planning-pool-restoration.ts):
 * the person is planned for the post again, the term has ended, or a limit of the pool is reached.
 */
export const PLANNING_RESTORATIONS: Sentence[] = [
  sentence(
    `the person is planned for ${ID} again \\((\\d{4}-\\d{4}), (.+)\\)`,
    ([position, term, ref], s) =>
      `Đã được quy hoạch lại vào chức vụ ${s.words.position(position)} (giai đoạn ${term}, ${withDaysFormatted(ref)})`,
  ),
  sentence(
    'planning term (\\d{4}-\\d{4}) has ended',
    ([term]) => `Giai đoạn quy hoạch ${term} đã kết thúc`,
  ),
  sentence(
    `planning_pool\\.post_full: planning pool full: post ${ID} has ${N} of ${N} people in term (\\d{4}-\\d{4}) \\((.*?)\\) \\((.+)\\)`,
    ([position, planned, limit, term, people, citation], s) =>
      `Quy hoạch chức vụ ${s.words.position(position)} giai đoạn ${term} đã đủ ${planned}/${limit} người (${s.list(people, (id) => s.words.person(id))}) (${s.citation(citation)})`,
  ),
  sentence(
    `planning_pool\\.person_full: planning pool full: person ${ID} is planned for ${N} of ${N} posts of level ${N} in term (\\d{4}-\\d{4}) \\((.*?)\\) \\((.+)\\)`,
    ([person, planned, limit, level, term, posts, citation], s) =>
      `${s.words.person(person)} đã được quy hoạch vào ${planned}/${limit} chức vụ cấp ${level} trong giai đoạn ${term} (${s.list(posts, (id) => s.words.position(id))}) (${s.citation(citation)})`,
  ),
];

/**
 * Why a complaint review could not give back a post the reviewed discipline decision ended
 * (post-restoration.ts): the person holds the post again, its term ended before the review, or
 * its seats are held by others seated since it was taken away (a successor).
 */
export const POST_RESTORATIONS: Sentence[] = [
  sentence(
    `post\\.held_again: the person holds ${ID} again \\(from ${DAY}, (.+)\\)`,
    ([position, day, ref], s) =>
      `Đang giữ lại chức vụ ${s.words.position(position)} theo quyết định khác (từ ngày ${s.day(day)}, ${withDaysFormatted(ref)})`,
  ),
  sentence(
    `post\\.term_ended: the term of ${ID} \\((.+)\\) ended on ${DAY}, before ${DAY}`,
    ([position, ref, ended, reviewed], s) =>
      `Nhiệm kỳ chức vụ ${s.words.position(position)} (${decisionRefInBrackets(ref)}) đã kết thúc ngày ${s.day(ended)}, trước ngày ${s.day(reviewed)}`,
  ),
  sentence(
    `post\\.held_by_another: (.+) \\((\\S+)\\) is held on ${DAY} by ${N} of ${N} seats?: (.+), since the post was taken away on ${DAY}`,
    ([title, , on, , seats, holders, taken], s) =>
      `Chức vụ ${title} vào ngày ${s.day(on)} đã đủ ${seats} người đảm nhiệm (${holdersInVietnamese(holders, s)}), sau ngày bị thôi giữ chức vụ ${s.day(taken)}: không thể trả lại chức vụ`,
  ),
];

/** How a removal case ended the post (`removal-record.process.ts`: the definition's kind). */
const REMOVALS = {
  dismissal: 'Miễn nhiệm',
  relief: 'Cho thôi giữ chức vụ',
  resignation: 'Từ chức',
  suspension: 'Tạm đình chỉ công tác',
};
