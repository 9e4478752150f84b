import { fieldName } from './field-names';
import type { Say } from '../reason-in-vietnamese';
import { N, DAY, ID, Sentence, sentence, Untranslated } from './sentence';

/** A case's status as a refusal names it (`the case is rejected`). */
const CASE_STATUS: Record<string, string> = {
  open: 'đang xử lý',
  decided: 'đã có quyết định',
  rejected: 'đã bị từ chối',
  withdrawn: 'đã rút',
  closed: 'đã đóng',
  under_review: 'đang xem xét khiếu nại',
  annulled: 'đã bị hủy',
  time_barred: 'đã hết thời hiệu xử lý',
  in_effect: 'có quyết định đang có hiệu lực',
  expired: 'có quyết định đã hết hiệu lực',
};

/** What the subject may not act on (actors.ts, case-people.ts). */
const SUBJECT_OF: Record<string, string> = {
  'this case': 'hồ sơ này',
  'this record': 'hồ sơ cán bộ này',
  "this case's nominations": 'việc giới thiệu của hồ sơ này',
  "this case's examination": 'kỳ thi của hồ sơ này',
};

export const caseStatus = (status: string): string => CASE_STATUS[status] ?? status;

/** A post another decision gives: the page's name for it, else the title the server wrote. */
export const pendingPostTitle = (s: Say, id: string, title: string): string => {
  const named = s.words.position(id);
  return named === id ? title : named;
};

/**
 * Why a step, its correction or the case's end was refused (prologue.ts, actors.ts,
 * correction.ts, case.decision.ts, case.vetting.ts, rule-set-term.ts, case.election.ts).
 */
export const STEP_REFUSALS: Sentence[] = [
  // A day after today, on any form (step.in_the_future, case.opened_in_the_future, …).
  sentence(
    `(\\S+): ${DAY} is after today \\(${DAY}\\)`,
    ([field, day, today], s) =>
      `${fieldName(field)} ${s.day(day)} sau ngày hôm nay (${s.day(today)})`,
  ),
  sentence(
    `heldOn: ${DAY} is before ${DAY}, the day the step before ${ID} was held`,
    ([day, since], s) =>
      `Ngày thực hiện ${s.day(day)} trước ngày ${s.day(since)}, ngày thực hiện bước liền trước bước này`,
  ),
  sentence(
    `heldOn: ${DAY} is before ${DAY} \\((\\S+)\\), the earliest day of the case's first step ${ID}`,
    ([day, earliest, field], s) =>
      `Ngày thực hiện ${s.day(day)} trước ngày ${s.day(earliest)} (${fieldName(field)}), ngày sớm nhất của bước đầu tiên của hồ sơ`,
  ),
  sentence(
    `heldOn: ${DAY} is before ${DAY}, the day the case began \\(openedOn, from paper\\)`,
    ([day, opened], s) =>
      `Ngày thực hiện ${s.day(day)} trước ngày ${s.day(opened)}, ngày hồ sơ bắt đầu (theo hồ sơ giấy)`,
  ),
  sentence(
    `heldOn: ${DAY} is before ${DAY}, the day the case was opened \\(openedOn\\); a case that began earlier on paper is opened by a records clerk as of the day it began`,
    ([day, opened], s) =>
      `Ngày thực hiện ${s.day(day)} trước ngày ${s.day(opened)}, ngày mở hồ sơ; hồ sơ đã bắt đầu trước đó trên giấy thì do văn thư lưu trữ mở theo ngày hồ sơ bắt đầu`,
  ),
  sentence(
    `step ${ID} is already done; the current step is ${ID}`,
    ([step, current], s) =>
      `Bước «${s.words.step(step)}» đã thực hiện xong; bước hiện tại là «${s.words.step(current)}»`,
  ),
  sentence(
    `step ${ID} cannot be taken yet; the current step is ${ID}`,
    ([step, current], s) =>
      `Chưa đến lượt bước «${s.words.step(step)}»; bước hiện tại là «${s.words.step(current)}»`,
  ),
  sentence(
    `(\\S+): step ${ID} requires it`,
    ([field, step], s) => `Bước «${s.words.step(step)}» bắt buộc phải có ${fieldName(field)}`,
  ),
  sentence(
    `the decision was already issued \\((.+) of ${DAY}\\)`,
    ([number, day], s) => `Quyết định đã được ban hành (số ${number} ngày ${s.day(day)})`,
  ),
  sentence(
    `the case is ([a-z_]+); no further step can be taken`,
    ([status]) => `Hồ sơ ${caseStatus(status)}; không thể thực hiện thêm bước nào`,
  ),
  sentence(
    `effectiveFrom: ${DAY} is before the decision date ${DAY}`,
    ([from, signed], s) =>
      `Ngày có hiệu lực ${s.day(from)} trước ngày ký quyết định ${s.day(signed)}`,
  ),
  // A field of the step's kind the step does not take (fields-not-taken.ts).
  sentence(
    `\\S*headDecision: the ballot of step ${ID} does not let the head of the collective break a tie \\((its tally is kept for reference and passes or fails no one|headBreaksTie: false, a tie fails the ballot)\\)`,
    ([step, because], s) =>
      `Bước «${s.words.step(step)}» không để người đứng đầu tập thể quyết định khi số phiếu ngang nhau (${because.startsWith('its tally') ? 'kết quả chỉ để tham khảo, không quyết định đạt hay không đạt' : 'ngang nhau là không đạt'}); không gửi quyết định của người đứng đầu`,
  ),
  sentence(
    `tallies: step ${ID} tallies the case's person \\(tally\\); a tally per nominee is for a case that fills a post`,
    ([step], s) =>
      `Bước «${s.words.step(step)}» kiểm phiếu cho người của hồ sơ; kết quả theo từng người được giới thiệu chỉ dùng cho hồ sơ bổ nhiệm vào một chức vụ`,
  ),
  sentence(
    `headChoice: step ${ID} tallies the case's person; the head chooses between nominees only in a case that fills a post`,
    ([step], s) =>
      `Bước «${s.words.step(step)}» kiểm phiếu cho người của hồ sơ; người đứng đầu chỉ chọn giữa những người được giới thiệu trong hồ sơ bổ nhiệm vào một chức vụ`,
  ),
  sentence(
    `headDecision: with a tally per nominee, the head's decision on a tie goes with the nominee's tally \\(tallies\\[i\\]\\.headDecision\\)`,
    () =>
      'Khi kiểm phiếu theo từng người, quyết định của người đứng đầu khi số phiếu ngang nhau ghi kèm kết quả của người đó',
  ),
  sentence(
    `keepsPreviousPost: an? ([a-z_]+) decision moves the person into no other post, so there are no posts held to keep beside it \\(appointment, rotation and transfer decisions take it\\)`,
    ([procedure], s) =>
      `Quyết định ${s.words.procedure(procedure)} không chuyển người vào chức vụ khác nên không có chức vụ đang giữ để kiêm nhiệm; chỉ quyết định bổ nhiệm, luân chuyển, điều động mới ghi kiêm nhiệm`,
  ),
  sentence(
    `step ${ID} is performed by (.+); you act as (.+)`,
    ([step, allowed, acting], s) =>
      `Bước «${s.words.step(step)}» do ${s.roles(allowed)} thực hiện; vai trò của bạn: ${s.roles(acting, ', ')}`,
  ),
  sentence(
    `your grant for org unit ${ID} does not cover this case's org unit`,
    ([unit], s) =>
      `Phạm vi được giao (${s.words.orgUnit(unit)}) không bao gồm đơn vị của hồ sơ này`,
  ),
  sentence(
    `(?:\\S+: )?you are the subject of (this case|this record|this case's nominations|this case's examination) \\(${ID}\\) and may not act on it`,
    ([about]) =>
      `Bạn là người được xem xét trong ${SUBJECT_OF[about]} nên không được thao tác trên đó`,
  ),
  sentence(`case ${ID} already exists`, ([caseId]) => `Hồ sơ ${caseId} đã tồn tại`),
  sentence(`(?:the (?:discipline )?case|(?:discipline )?case ${ID}) does not exist`, ([caseId]) =>
    caseId ? `Hồ sơ ${caseId} không tồn tại` : 'Hồ sơ không tồn tại',
  ),
  sentence(
    `(?:${ID}@${N}|case ${ID}|discipline case ${ID}) has no step "(.+)"(?: \\((.+)\\))?`,
    ([, , , , step], s) => `Quy trình không có bước «${s.words.step(step)}»`,
  ),
  sentence(
    `this route is for (.+); you act as (.+)`,
    ([allowed, acting], s) =>
      `Chức năng này dành cho ${s.roles(allowed, ', ')}; vai trò của bạn: ${s.roles(acting, ', ')}`,
  ),
  sentence(
    `definition: (\\S+) is not an? ([a-z_]+) procedure \\(use .+\\)`,
    // The definitions it lists are ids: the form offers that procedure's own by their titles.
    ([definition, procedure], s) =>
      `${definition} không phải là quy trình của thủ tục ${s.words.procedure(procedure)}; hãy chọn một quy trình của thủ tục này`,
  ),
  sentence(
    `definition: "(.+)" is not a discipline procedure \\(use (.+)\\)`,
    ([definition, use]) =>
      `«${definition}» không phải là quy trình kỷ luật (dùng ${use.replace(/ or /g, ' hoặc ')})`,
  ),
  sentence(
    `definition: no procedure definition "(.+)" \\(known: (.+)\\)`,
    ([definition, known]) => `Không có quy trình «${definition}» (các quy trình: ${known})`,
  ),
  sentence(
    `items\\[(\\d+)\\]\\.item: ${ID} is listed twice`,
    ([index, item], s) =>
      `Nội dung thứ ${Number(index) + 1}: «${s.words.vettingItem(item)}» có tên hai lần`,
  ),
  sentence(
    `items\\[(\\d+)\\]\\.(?:result|note): ${ID} is already recorded as (cleared|flagged)( and resolved)?; to change it, correct the vetting step \\(a correction may change any item the vetting recorded\\)`,
    ([index, item, result, resolved], s) =>
      `Nội dung thứ ${Number(index) + 1}: «${s.words.vettingItem(item)}» đã được ghi nhận là «${
        result === 'flagged' ? 'Có vấn đề' : 'Đạt'
      }»${resolved ? ' và đã được giải quyết' : ''}; muốn thay đổi, hãy đính chính bước thẩm định (bản đính chính thay đổi được mọi nội dung bước thẩm định đã ghi nhận)`,
  ),
  ...CORRECTIONS(),
  ...DECISIONS(),
];

/** A correction of a step already recorded (correction.ts). */
function CORRECTIONS(): Sentence[] {
  return [
    sentence(
      `${ID}@${N} names no role that may correct a step`,
      ([definition, version]) =>
        `Quy trình ${definition} (phiên bản ${version}) không quy định vai trò nào được đính chính bước`,
    ),
    sentence(
      `a step of ${ID} is corrected by (.+); you act as (.+)`,
      ([, allowed, acting], s) =>
        `Việc đính chính bước của quy trình này do ${s.roles(allowed)} thực hiện; vai trò của bạn: ${s.roles(acting, ', ')}`,
    ),
    sentence(
      `step ${ID} has not been performed yet`,
      ([step], s) => `Bước «${s.words.step(step)}» chưa được thực hiện`,
    ),
    sentence(
      `step ${ID} cannot be corrected: a later step \\(${ID}\\) has been performed since`,
      ([step, later], s) =>
        `Không thể đính chính bước «${s.words.step(step)}»: bước sau («${s.words.step(later)}») đã được thực hiện`,
    ),
    sentence(
      `step ${ID} cannot be corrected: the case changed since \\((.+)\\)`,
      ([step, event], s) =>
        `Không thể đính chính bước «${s.words.step(step)}»: hồ sơ đã thay đổi kể từ đó (${event})`,
    ),
    sentence(
      `the decision of step ${ID} has been issued and (takes|took) effect on ${DAY}(?: \\((.+)\\))?; it cannot be corrected here`,
      ([step, tense, day, effect], s) =>
        `Quyết định của bước «${s.words.step(step)}» đã được ban hành, ${tense === 'takes' ? 'có hiệu lực từ' : 'đã có hiệu lực từ'} ngày ${s.day(day)}${effect ? ` (${DECISION_EFFECT[effect] ?? effect})` : ''}; không thể đính chính tại đây`,
    ),
    sentence(
      `the decision of step ${ID} has been issued; it cannot be corrected here`,
      ([step], s) =>
        `Quyết định của bước «${s.words.step(step)}» đã được ban hành; không thể đính chính tại đây`,
    ),
  ];
}

/** What an issued decision does to the post (`decisionNotCorrectedWords` on the server). */
const DECISION_EFFECT: Record<string, string> = {
  'the post ends that day': 'chức vụ chấm dứt từ ngày đó',
  'the post ended that day': 'chức vụ đã chấm dứt từ ngày đó',
  'the holder is suspended from that day, keeping the post':
    'người giữ chức vụ bị tạm đình chỉ từ ngày đó, vẫn giữ chức vụ',
  'the holder was suspended from that day, keeping the post':
    'người giữ chức vụ đã bị tạm đình chỉ từ ngày đó, vẫn giữ chức vụ',
  'the post and its term are assigned from that day': 'chức vụ và thời hạn được giao từ ngày đó',
  'the post and its term were assigned from that day':
    'chức vụ và thời hạn đã được giao từ ngày đó',
};

/** An appointment's step a refusal names (`the decision cannot go ahead …`). */
const APPOINTMENT_STEP: Record<string, string> = {
  appointment: 'việc bổ nhiệm',
  nomination: 'việc giới thiệu',
  decision: 'việc ra quyết định',
};

/** `discipline case d-1; a discipline case opened by a unit above`: named, or told of without an id. */
function disciplineCasesInVietnamese(list: string): string {
  return list
    .split('; ')
    .map((entry) => {
      if (entry === 'a discipline case opened by a unit above')
        return 'hồ sơ kỷ luật do cấp trên mở';
      if (entry === 'a discipline case opened by another unit')
        return 'hồ sơ kỷ luật do đơn vị khác mở';
      const m = /^discipline case (\S+)$/.exec(entry);
      if (!m) throw new Untranslated();
      return `hồ sơ kỷ luật ${m[1]}`;
    })
    .join('; ');
}

/** The decision step and vetting (case.decision.ts, case.vetting.ts, rule-set-term.ts, case.election.ts). */
function DECISIONS(): Sentence[] {
  return [
    // An appointment held back by a status on the record (blocking-status.ts).
    sentence(
      `(?:(\\S+): )?${ID} is ([a-z ]+) since ${DAY}(?: until ${DAY})? \\((.+)\\) on ${DAY}: the (appointment|nomination|decision) cannot go ahead while it lasts; the competent authority decides the cases the rule leaves to it`,
      ([, person, status, from, until, citation, day, step], s) =>
        `${s.words.person(person)} ${s.statusInSentence(status)} từ ngày ${s.day(from)}${until ? ` đến ngày ${s.day(until)}` : ''} (${s.citation(citation)}) vào ngày ${s.day(day)}: ${APPOINTMENT_STEP[step]} không thể tiến hành khi tình trạng này còn kéo dài; các trường hợp quy định dành cho cấp có thẩm quyền do cấp đó quyết định`,
    ),
    // An appointment held back by an open discipline case (open-discipline-case.ts): at the
    // opening and a nomination the field naming the person comes first, left out as above.
    sentence(
      `(?:(\\S+): )?${ID} is within the period of a discipline case \\((.+?)\\), open( past verification)? \\((.+)\\): the (appointment|nomination|decision) cannot go ahead until it is decided`,
      ([, person, cases, past, citation, step], s) =>
        `${s.words.person(person)} đang có hồ sơ kỷ luật chưa có quyết định (${disciplineCasesInVietnamese(cases)})${past ? ', đã qua bước xác minh' : ''} (${s.citation(citation)}): ${APPOINTMENT_STEP[step]} không thể tiến hành đến khi hồ sơ đó có quyết định`,
    ),
    // A nominee who holds the post the case fills (candidate-holding-post.ts): the field naming
    // them comes first, left out as above.
    sentence(
      `(?:\\S+: )?${ID} already holds ${ID}(?: since ${DAY})?(?: \\(term until ${DAY}\\))?: a nomination puts forward someone for a post they do not hold; to renew the term held, use (\\S+)`,
      ([person, position, since, termEnd, route], s) =>
        `${s.words.person(person)} đang giữ chức vụ ${s.words.position(position)}${since ? ` từ ngày ${s.day(since)}` : ''}${termEnd ? ` (nhiệm kỳ đến ngày ${s.day(termEnd)})` : ''}: việc giới thiệu chỉ đề nghị người chưa giữ chức vụ này; để giữ chức vụ khi hết nhiệm kỳ, dùng thủ tục ${s.words.procedure(route)}`,
    ),
    sentence(
      `flagged vetting items block the decision: (.+); resolve them or reject the case`,
      // What can be done, by whom the case's definition lets: the vetting step's actors resolve an
      // item or redo the step (its correction, "Sửa bước") once the record is right; the role that
      // opens the case rejects it ("Không chấp thuận").
      ([items], s) =>
        `Còn nội dung thẩm định bị đánh dấu chưa được giải quyết, chưa thể ra quyết định: ${s.flagged(items)}. Người thực hiện bước thẩm định cần giải quyết các nội dung này («Giải quyết» ở từng nội dung trong kết quả thẩm định), hoặc làm lại bước thẩm định («Sửa bước») khi hồ sơ cán bộ đã được cập nhật; nếu không, hồ sơ kết thúc bằng «Không chấp thuận»`,
    ),
    sentence(
      `${ID} already (?:holds ${ID} since ${DAY}|takes up ${ID} on ${DAY}) \\(another decision\\); this case cannot put them there again: withdraw it`,
      ([person, heldPost, since, comingPost, on], s) =>
        `${s.words.person(person)} ${heldPost ? `đã giữ chức vụ ${s.words.position(heldPost)} từ ngày ${s.day(since)}` : `sẽ nhận chức vụ ${s.words.position(comingPost)} từ ngày ${s.day(on)}`} (theo quyết định khác); hồ sơ này không thể bổ nhiệm lại vào chức vụ đó: hãy rút hồ sơ`,
    ),
    sentence(
      `${ID} takes up (.+) \\((\\S+)\\) on ${DAY} by decision (.+), which has not taken effect; this decision, effective ${DAY}, would end that post before it begins\\. A decided decision is neither withdrawn nor corrected: give this decision an effective day after ${DAY}, or keep the posts held \\(keepsPreviousPost\\)`,
      ([person, title, position, from, ref, effective, after], s) =>
        `${s.words.person(person)} sẽ nhận chức vụ ${pendingPostTitle(s, position, title)} từ ngày ${s.day(from)} theo quyết định ${ref}, chưa có hiệu lực; quyết định này có hiệu lực từ ngày ${s.day(effective)} sẽ chấm dứt chức vụ đó trước khi bắt đầu. Quyết định đã ban hành không rút hay sửa được: hãy đặt ngày có hiệu lực của quyết định này sau ngày ${s.day(after)}, hoặc chọn «Kiêm nhiệm: vẫn giữ chức vụ đang đảm nhiệm»`,
    ),
    sentence(
      `(\\S+): ${ID} is not checked by step ${ID}`,
      ([, item, step], s) =>
        `Nội dung «${s.words.vettingItem(item)}» không thuộc nội dung thẩm định của bước «${s.words.step(step)}»`,
    ),
    sentence(
      `(\\S+): ${ID} is decided from the person's record, not entered`,
      ([, item], s) =>
        `Nội dung «${s.words.vettingItem(item)}» được xác định từ hồ sơ cán bộ, không nhập tay`,
    ),
    sentence(
      `items\\[(\\d+)\\]\\.note: ${ID} \\(«[^»]*»\\) is flagged and needs a note saying why`,
      ([, item], s) => `Nội dung «${s.words.vettingItem(item)}» bị đánh dấu cần ghi chú lý do`,
    ),
    sentence(
      `vetting item ${ID} is not flagged`,
      ([item], s) => `Nội dung thẩm định «${s.words.vettingItem(item)}» không bị đánh dấu`,
    ),
    // The retirement age reached: no rule-set list makes it unwaivable, its own rule does.
    sentence(
      `years to retirement cannot be set aside: (.+)`,
      ([note], s) =>
        `Không thể bỏ qua nội dung «${s.words.vettingItem('years_to_retirement')}»: ${s.asRecorded(note)}`,
    ),
    // Read again from the record: the bar as it stands, each with its own track's rule.
    sentence(
      `a running ([a-z ]+) cannot be waived: (.+); vetting staff may not set it aside \\(${ID}: vetting\\.unwaivableItems\\)`,
      ([item, note], s) =>
        `Không thể bỏ qua nội dung «${s.words.vettingItem(item.replace(/ /g, '_'))}» khi hạn chế còn hiệu lực: ${s.asRecorded(note)}; cán bộ thẩm định không được bỏ qua nội dung này`,
    ),
    sentence(
      `a running ([a-z ]+) cannot be waived: (.+) \\((.+)\\)`,
      ([item, note, citation], s) =>
        `Không thể bỏ qua nội dung «${s.words.vettingItem(item.replace(/ /g, '_'))}» đang diễn ra: ${note} (${s.citation(citation)})`,
    ),
    sentence(
      `termYears: the term is ${N} years under ${ID} \\((.+)\\); leave termYears out or give ${N}, not ${N}`,
      ([years, , citation, , given], s) =>
        `Thời hạn là ${years} năm (${s.citation(citation)}); để trống thời hạn hoặc nhập ${years}, không phải ${given}`,
    ),
    sentence(
      `councilTermFrom: ${DAY} is after the session that elected \\(${DAY}\\)`,
      ([from, session], s) =>
        `Ngày bắt đầu nhiệm kỳ của Hội đồng nhân dân ${s.day(from)} sau kỳ họp bầu (${s.day(session)})`,
    ),
    sentence(
      `councilTermFrom: the council's term from ${DAY} ended on ${DAY} \\((.+)\\); the session of ${DAY} is not within it, and an elected post's term ends with the council's`,
      ([from, ended, rule, session], s) =>
        `Nhiệm kỳ của Hội đồng nhân dân từ ngày ${s.day(from)} đã kết thúc ngày ${s.day(ended)} (${s.citation(rule)}); kỳ họp ngày ${s.day(session)} không thuộc nhiệm kỳ đó, và nhiệm kỳ của chức vụ do bầu kết thúc cùng nhiệm kỳ của Hội đồng`,
    ),
    sentence(
      `tallies: a tally for each nominee is required \\((.+)\\)`,
      ([ids], s) =>
        `Cần kết quả kiểm phiếu cho từng người được giới thiệu (${ids === 'none' ? 'không có ai' : s.list(ids, (id) => s.words.person(id))})`,
    ),
  ];
}
