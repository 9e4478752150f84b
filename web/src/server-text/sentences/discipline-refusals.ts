import { fieldName } from './field-names';
import { caseStatus } from './step-refusals';
import { DAY, ID, Sentence, sentence, Untranslated } from './sentence';
import {
  isViolationCategory,
  VIOLATION_CATEGORY_NAMES,
} from '../../../../src/procedures/discipline/violation-category-names';

/** What the least form is one level above (repeat-violation.ts), in the decree's words. */
const HEAVIER_FORM_BASIS: Record<string, string> = {
  'one level above the form served':
    'phải áp dụng hình thức kỷ luật nặng hơn một mức so với hình thức kỷ luật đang thi hành',
  "one level above the new violation's own form":
    'hình thức này nặng hơn hình thức kỷ luật đang thi hành, nên phải áp dụng hình thức kỷ luật nặng hơn một mức so với hình thức áp dụng đối với hành vi vi phạm mới',
  'the heaviest form: there is no level above it':
    'đã là hình thức kỷ luật nặng nhất, không còn mức nào nặng hơn, nên áp dụng chính hình thức nặng nhất',
};

/** `under investigation (from 2026-01-05 until 2026-03-01)`, unnumbered groups. */
const STATUS_PERIOD = '[a-z ]+ \\(from \\d{4}-\\d{2}-\\d{2}(?: until \\d{4}-\\d{2}-\\d{2})?\\)';

/**
 * The discipline forms: opening, steps, decision, complaint and its review (discipline.*.ts,
 * discipline-command-runner.ts, electing-council.ts).
 */
export const DISCIPLINE_REFUSALS: Sentence[] = [
  sentence(
    `a complaint filed on ${DAY} is still under review`,
    ([filed], s) => `Đơn khiếu nại nộp ngày ${s.day(filed)} đang được xem xét`,
  ),
  sentence(
    `the case is ([a-z_]+); a complaint needs a decision`,
    ([status]) => `Hồ sơ ${caseStatus(status)}; chỉ khiếu nại khi đã có quyết định kỷ luật`,
  ),
  sentence(
    `the case is ([a-z_]+); there is no complaint to review`,
    ([status]) => `Hồ sơ ${caseStatus(status)}; không có khiếu nại nào để xem xét`,
  ),
  sentence(
    `filedOn: ${DAY} is before the decision of ${DAY}`,
    ([filed, decided], s) =>
      `Ngày nộp đơn khiếu nại ${s.day(filed)} trước ngày quyết định kỷ luật ${s.day(decided)}`,
  ),
  sentence(
    `the complaint was reviewed \\((.+)\\); the rule set ${ID} allows no further complaint in this case`,
    ([number, ruleSet], s) =>
      `Khiếu nại đã được giải quyết (${number}); theo ${s.words.ruleSet(ruleSet)}, hồ sơ này không được khiếu nại tiếp`,
  ),
  sentence(
    `filedOn: the (second )?complaint window closed on ${DAY} \\((.+)\\); filed on ${DAY}`,
    ([second, closed, citation, filed], s) =>
      `Thời hạn khiếu nại${second ? ' lần hai' : ''} đã hết ngày ${s.day(closed)} (${s.citation(citation)}); đơn nộp ngày ${s.day(filed)}`,
  ),
  sentence(
    `heldOn: ${DAY} is before the complaint, filed on ${DAY}`,
    ([held, filed], s) =>
      `Ngày giải quyết ${s.day(held)} trước ngày nộp đơn khiếu nại ${s.day(filed)}`,
  ),
  sentence(
    `form: a form goes only with outcome "change"; outcome "(keep|annul)" (?:annuls the decision and leaves no form|keeps the decided form) \\(send no form, or outcome "change"\\)`,
    ([outcome]) =>
      `Chỉ ghi hình thức kỷ luật mới khi kết quả là thay đổi hình thức; kết quả «${outcome === 'annul' ? 'hủy quyết định kỷ luật' : 'giữ nguyên quyết định'}» ${outcome === 'annul' ? 'không còn hình thức kỷ luật nào' : 'giữ hình thức đã quyết định'} (bỏ hình thức, hoặc chọn kết quả thay đổi hình thức)`,
  ),
  sentence(
    `form: a change needs one of (.+)`,
    ([forms], s) =>
      `Thay đổi hình thức kỷ luật cần chọn một trong: ${s.list(forms, (f) => s.words.form(f))}`,
  ),
  sentence(
    `form: the decision already applies ${ID}; use outcome "keep"`,
    ([form], s) =>
      `Quyết định đã áp dụng hình thức ${s.words.form(form)}; hãy chọn «Giữ nguyên quyết định»`,
  ),
  sentence(
    `(?:violation\\.severity|form): "(\\S+)" is not a ([a-z_]+) form under ${ID} \\((.+)\\)`,
    ([form, , ruleSet, forms], s) =>
      `«${s.words.form(form)}» không phải là hình thức kỷ luật của đối tượng này theo ${s.words.ruleSet(ruleSet)} (${s.list(forms, (f) => s.words.form(f))})`,
  ),
  sentence(
    `(\\S+): ${DAY} is before the violation \\(${DAY}\\)`,
    ([field, day, committed], s) =>
      `${fieldName(field)} ${s.day(day)} trước ngày vi phạm (${s.day(committed)})`,
  ),
  sentence(
    `(\\S+): ${DAY} must be after the violation \\(${DAY}\\) and not after today \\(${DAY}\\)`,
    ([field, day, committed, today], s) =>
      `${fieldName(field)} ${s.day(day)} phải sau ngày vi phạm (${s.day(committed)}) và không sau ngày hôm nay (${s.day(today)})`,
  ),
  sentence(
    `the ([a-z_]+) track of ${ID} has no time limit to extend`,
    () => 'Hồ sơ kỷ luật loại này không có thời hạn xử lý để gia hạn',
  ),
  sentence(
    `the time limit was already extended once, to ${DAY}`,
    ([to], s) => `Thời hạn xử lý đã được gia hạn một lần, đến ngày ${s.day(to)}`,
  ),
  sentence(
    `the ballot has chosen a form; the case ends with the deciding authority's decision, and a mistyped ballot is corrected \\(POST \\S+\\)`,
    () =>
      'Biểu quyết đã chọn hình thức kỷ luật; hồ sơ kết thúc bằng quyết định của cấp có thẩm quyền, và kết quả biểu quyết nhập sai thì được đính chính',
  ),
  sentence(
    `form: the ballot chose ${ID} \\((.+)\\); the decision applies that form, not ${ID}`,
    ([chosen, reason, given], s) =>
      `Biểu quyết đã chọn hình thức ${s.words.form(chosen)} (${s.reason(reason)}); quyết định áp dụng hình thức đó, không phải ${s.words.form(given)}`,
  ),
  sentence(
    `reasonForDifferentForm: the council recommended ${ID}; deciding ${ID} instead needs the reason \\(the council recommends, the authority decides\\)`,
    ([recommended, decided], s) =>
      `Hội đồng kỷ luật đề nghị hình thức ${s.words.form(recommended)}; quyết định hình thức ${s.words.form(decided)} cần nêu lý do (Hội đồng đề nghị, cấp có thẩm quyền quyết định)`,
  ),
  sentence(
    `servedOn: ${DAY} is before the decision date ${DAY}`,
    ([served, signed], s) =>
      `Ngày giao quyết định ${s.day(served)} trước ngày ký quyết định ${s.day(signed)}`,
  ),
  sentence(
    `servedOn: ${DAY} is after today \\(${DAY}\\); record the day the person received the decision once they have`,
    ([served, today], s) =>
      `Ngày giao quyết định ${s.day(served)} sau ngày hôm nay (${s.day(today)}); chỉ ghi nhận ngày người bị kỷ luật nhận quyết định sau khi đã nhận`,
  ),
  sentence(
    `effectiveFrom: ${DAY} is before the decision was announced on ${DAY} \\(servedOn\\); a Party decision takes effect when it is announced \\([^:\\s]+: (.+)\\)`,
    ([effective, announced, citation], s) =>
      `Ngày có hiệu lực ${s.day(effective)} trước ngày công bố quyết định ${s.day(announced)}; quyết định kỷ luật đảng viên có hiệu lực từ ngày công bố (${s.citation(citation)})`,
  ),
  sentence(
    `personRequest\\.receivedOn: ${DAY} is after the decision date ${DAY}`,
    ([received, signed], s) =>
      `Ngày nhận đơn đề nghị ${s.day(received)} sau ngày ký quyết định ${s.day(signed)}`,
  ),
  sentence(
    `the decision is deferred while the person is (${STATUS_PERIOD}(?:, ${STATUS_PERIOD})*) \\((.+)\\)`,
    ([statuses, citation], s) =>
      `Chưa xem xét xử lý kỷ luật trong thời gian người này ${s.statusPeriods(statuses)} (${s.citation(citation)})`,
  ),
  sentence(
    `(\\S+): removal_from_post \\(cách chức\\) removes a person from a post, and ${ID} holds none`,
    ([, person], s) =>
      `Cách chức là đưa người ra khỏi chức vụ, nhưng ${s.words.person(person)} không giữ chức vụ nào`,
  ),
  sentence(
    `(\\S+): the violation of ${DAY} was committed while ${ID} \\((.+)\\) was in effect(?: until ${DAY})?; served ${ID}(?:, the new violation warrants ${ID} on its own| \\(the form the new violation warrants on its own is not on record\\)), needs at least ${ID} \\((one level above the form served|one level above the new violation's own form|the heaviest form: there is no level above it)\\), not ${ID} \\((.+)\\)`,
    ([, committed, served, ref, until, , own, least, basis, form, citation], s) =>
      `Vi phạm ngày ${s.day(committed)} xảy ra khi đang trong thời gian thi hành kỷ luật ${s.words.form(served)} (QĐ số ${ref}${until ? `, có hiệu lực đến ${s.day(until)}` : ''})${own ? `; hành vi vi phạm mới tự nó bị xử lý ở hình thức ${s.words.form(own)}` : ''}: ${HEAVIER_FORM_BASIS[basis]}, ít nhất là ${s.words.form(least)}, không áp dụng ${s.words.form(form)} (${s.citation(citation)})`,
  ),
  sentence(
    `(\\S+): ${ID} \\(xóa tư cách chức vụ đã đảm nhiệm\\) is for one who left the service or retired, and the record shows no retired or left_service period of ${ID} on the detection day \\((.+)\\)`,
    ([, form, person, citation], s) =>
      `Hình thức ${s.words.form(form)} chỉ áp dụng với người đã nghỉ việc, nghỉ hưu; hồ sơ của ${s.words.person(person)} không ghi nhận nghỉ hưu hay thôi việc vào ngày phát hiện vi phạm (${s.citation(citation)})`,
  ),
  sentence(
    `(\\S+): ${ID} left the service \\((retired|left_service) from ${DAY}\\); the forms for a violation found after leaving are ([a-z_, ]+), not ${ID} \\((.+)\\)`,
    ([, person, status, from, forms, form, citation], s) =>
      `${s.words.person(person)} đã ${status === 'retired' ? 'nghỉ hưu' : 'thôi việc'} từ ngày ${s.day(from)}; người đã nghỉ việc, nghỉ hưu chỉ bị xử lý kỷ luật bằng ${forms
        .split(', ')
        .map((f) => s.words.form(f))
        .join(', ')}, không phải ${s.words.form(form)} (${s.citation(citation)})`,
  ),
  sentence(
    `violationConfirmed: step ${ID} must say whether the violation is confirmed \\(true or false\\)`,
    ([step], s) => `Bước «${s.words.step(step)}» phải nêu kết luận có vi phạm hay không`,
  ),
  sentence(
    `positionId: ${ID} does not hold ${ID}`,
    ([person, position], s) =>
      `${s.words.person(person)} không giữ chức vụ ${s.words.position(position)}`,
  ),
  sentence(
    `councilResolution\\.adoptedOn: ${DAY} is after the decision of ${DAY}; the decision carries out a resolution already adopted`,
    ([adopted, decided], s) =>
      `Ngày thông qua nghị quyết ${s.day(adopted)} sau ngày quyết định ${s.day(decided)}; quyết định thi hành nghị quyết đã được thông qua`,
  ),
  sentence(
    `councilResolution: ${ID} is decided by the competent authority, not by the electing council's resolution; leave councilResolution out`,
    ([form], s) =>
      `Hình thức ${s.words.form(form)} do cấp có thẩm quyền quyết định, không theo nghị quyết của Hội đồng nhân dân đã bầu; để trống nghị quyết`,
  ),
  sentence(
    `councilResolution: ${ID}(?: \\(bãi nhiệm\\))? is decided by the council that elected the person, not by the signer of this decision; give the council's resolution \\(number, adoptedOn\\) the decision carries out \\((.+)\\)`,
    ([form, citation], s) =>
      `Hình thức ${s.words.form(form)} do Hội đồng nhân dân đã bầu người này quyết định, không do người ký quyết định này; nhập nghị quyết của Hội đồng (số, ngày thông qua) mà quyết định thi hành (${s.citation(citation)})`,
  ),
];

/** Which person a form may be applied to, the council passed over, the same violation's other case. */
export const DISCIPLINE_SUBJECT_REFUSALS: Sentence[] = [
  sentence(
    `\\S+: ${ID}(?: \\(bãi nhiệm\\))? applies only to elected cadres(?:, and this case runs ${ID} as a ([a-z ]+))? \\((.+)\\)`,
    ([form, person, status, citation], s) =>
      `Hình thức ${s.words.form(form)} chỉ áp dụng với cán bộ do bầu cử${person ? `, còn hồ sơ này xử lý ${s.words.person(person)} với tư cách ${SERVICE[status.replace(/ /g, '_')] ?? status}` : ''} (${s.citation(citation)})`,
  ),
  sentence(
    `\\S+: ${ID}(?: \\(buộc thôi việc\\))? applies only to civil servants, not to a ([a-z_]+) \\((.+)\\)`,
    ([form, status, citation], s) =>
      `Hình thức ${s.words.form(form)} chỉ áp dụng với công chức, không áp dụng với ${SERVICE[status] ?? status} (${s.citation(citation)})`,
  ),
  sentence(
    `step ${ID} is not taken in this case: ${ID} passed over (.+?) \\((.+)\\); the current step is ${ID}`,
    ([step, by, skipped, rule, current], s) =>
      `Bước «${s.words.step(step)}» không thực hiện trong vụ việc này: bước «${s.words.step(by)}» đã bỏ qua ${s.list(skipped.replace(/ and /g, ', '), (id) => `«${s.words.step(id)}»`)} (${councilPassedOver(rule, (text) => s.citation(text))}); bước hiện tại là «${s.words.step(current)}»`,
  ),
  sentence(
    `councilSkip: only the step before the discipline council \\((.+)\\) may pass over it; this is ${ID}`,
    ([council, step], s) =>
      `Chỉ bước liền trước Hội đồng kỷ luật (${s.words.step(council)}) mới được bỏ qua Hội đồng; bước này là «${s.words.step(step)}»`,
  ),
  sentence(
    `councilSkip\\.ground: "(.+)" is not a ground to hold no council under ${ID} \\((.+); (.+)\\)`,
    ([ground, ruleSet, grounds, citation], s) =>
      `«${ground}» không phải là trường hợp không thành lập Hội đồng kỷ luật theo ${s.words.ruleSet(ruleSet)} (${grounds}; ${s.citation(citation)})`,
  ),
  sentence(
    `electedCadre: the record shows (.+) \\((\\S+)\\) holding (.+) \\((\\S+)\\) since ${DAY}, a post filled by election; leave electedCadre out or end that post first`,
    ([name, , title, , since], s) =>
      `Hồ sơ cán bộ ghi ${name} đang giữ chức vụ ${title} từ ngày ${s.day(since)}, chức vụ do bầu cử; để trống ô «cán bộ do bầu cử» hoặc kết thúc chức vụ đó trước`,
  ),
  // An import row's «Khối» «Công chức» for an elected cadre (imported-discipline-rules.ts).
  sentence(
    `track: on ${DAY} the record shows ${ID} holding (.+) \\((\\S+)\\) since ${DAY}, a post filled by election: an elected cadre is a cadre \\(cán bộ\\), not a civil servant \\(công chức\\); write «Cán bộ» \\(Luật Cán bộ, công chức art\\. 4; text not checked\\)`,
    ([on, person, title, , since], s) =>
      `Ngày ${s.day(on)}, hồ sơ ghi ${s.words.person(person)} đang giữ chức vụ ${title} từ ngày ${s.day(since)}, chức vụ do bầu cử: người này là cán bộ, không phải công chức; ghi «Khối» là «Cán bộ» (Luật Cán bộ, công chức, Điều 4; chưa đối chiếu văn bản)`,
  ),
  sentence(
    `(?:violation: )?the ${ID} violation of ${DAY} is already handled on the (party|civil_service) track by (?:case ${ID} \\((open|decided)\\)|(a case opened by another unit)); one violation is disciplined once, with one form \\((.+)\\)\\. If it is another violation of that category that day, say why in violation\\.distinctViolation`,
    ([category, committed, track, caseId, standing, , citation], s) => {
      const onTrack = track === 'party' ? 'về Đảng' : 'về chính quyền';
      // Only a decided case has disciplined the violation; an open one (or another unit's, whose
      // state is not told) is a case already opened on it (before: «đã được xử lý» for all).
      const handled = !caseId
        ? `đã có hồ sơ kỷ luật ${onTrack} do đơn vị khác mở`
        : standing === 'open'
          ? `đã có hồ sơ kỷ luật ${onTrack}: hồ sơ ${caseId} (đang mở)`
          : `đã được xử lý kỷ luật ${onTrack} trong hồ sơ ${caseId} (đã có quyết định)`;
      // The instruments are named as the server names them, only the article read in Vietnamese.
      return `Vi phạm «${categoryName(category)}» ngày ${s.day(committed)} ${handled}; mỗi hành vi vi phạm chỉ bị xử lý kỷ luật một lần bằng một hình thức (${citation.replace(/ art\. /g, ', Điều ')}). Nếu đây là một vi phạm khác cùng loại trong ngày đó, hãy ghi rõ lý do ở mục «Vi phạm khác cùng ngày»`;
    },
  ),
  sentence(
    `sameViolationCaseId: names this case itself \\(${ID}\\)`,
    ([caseId]) => `Hồ sơ ${caseId} chính là hồ sơ này`,
  ),
  sentence(`sameViolationCaseId: discipline case (.+) does not exist`, ([caseId]) =>
    sameViolationNotFound(caseId),
  ),
  sentence(
    `sameViolationCaseId: case ${ID} is not a discipline case: name the other track's decided discipline case on the same violation`,
    ([caseId]) =>
      `Hồ sơ ${caseId} không phải là hồ sơ kỷ luật; hãy chọn hồ sơ kỷ luật đã có quyết định của khối kia về cùng vi phạm`,
  ),
  sentence(
    `sameViolationCaseId: case ${ID} is about ${ID}, this case about ${ID}`,
    // A person the page has no name for reads as "another person", not as an id (before:
    // «… về p-do-van-khanh, còn hồ sơ này về p-ly-thi-nga»).
    ([caseId, other, own], s) =>
      `Hồ sơ ${caseId} là về ${nameOr(s.words.person(other), other, 'một người khác')}, không phải về ${nameOr(s.words.person(own), own, 'người của hồ sơ này')}; chỉ chọn hồ sơ kỷ luật của cùng người này ở khối kia`,
  ),
  sentence(
    `sameViolationCaseId: case ${ID} is on the ([a-z_]+) track too; one violation is disciplined once per track`,
    ([caseId]) =>
      `Hồ sơ ${caseId} cũng thuộc khối này; mỗi vi phạm chỉ bị xử lý kỷ luật một lần trong mỗi khối (Đảng, chính quyền)`,
  ),
  sentence(
    `sameViolationCaseId: case ${ID} is ([a-z_]+), not decided`,
    ([caseId, status]) => `Hồ sơ ${caseId} ${caseStatus(status)}, chưa có quyết định kỷ luật`,
  ),
];

/** A violation category by its Vietnamese name (violation-category-names.ts), else as written. */
export function categoryName(code: string): string {
  return isViolationCategory(code) ? VIOLATION_CATEGORY_NAMES[code] : code;
}

/** A person's standing in the service (`serviceStatus`). */
const SERVICE: Record<string, string> = {
  cadre: 'cán bộ',
  civil_servant: 'công chức',
};

/** Why the council steps were passed over (discipline-council.ts `rule`), in the decree's words. */
const NO_COUNCIL_GROUND: Record<string, string> = {
  'competent conclusion': 'đã có kết luận của cơ quan có thẩm quyền đề xuất hình thức kỷ luật',
  'criminal conviction': 'đã có bản án hình sự có hiệu lực',
  'party decision': 'đã có quyết định kỷ luật đảng về cùng hành vi vi phạm',
};

function councilPassedOver(rule: string, citation: (text: string) => string): string {
  const byStatus = /^a discipline council is held for (.+), not for a ([a-z_]+) \((.+)\)$/.exec(
    rule,
  );
  if (byStatus) {
    const [, statuses, status, cited] = byStatus;
    const held = statuses.split(', ').map((one) => SERVICE[one] ?? one);
    return `Hội đồng kỷ luật chỉ thành lập đối với ${held.join(', ')}, không đối với ${SERVICE[status] ?? status}; ${citation(cited)}`;
  }
  const byGround = /^no discipline council: ([a-z ]+) \((.+)\)$/.exec(rule);
  const ground = byGround ? NO_COUNCIL_GROUND[byGround[1]] : undefined;
  if (!byGround || !ground) throw new Untranslated(rule);
  return `không thành lập Hội đồng kỷ luật: ${ground}; ${citation(byGround[2])}`;
}

/** A name the page knows, or the words given when it knows only the id. */
function nameOr(name: string, id: string, otherwise: string): string {
  return name === id ? otherwise : name;
}

/**
 * The other track's case a decision names, neither existing nor within the caller's units: one
 * answer for both, so nobody learns of a case outside the grant (org-scope.ts answers the same).
 */
export function sameViolationNotFound(caseId: string): string {
  return `Không tìm thấy hồ sơ kỷ luật «${caseId}» trong các đơn vị thuộc phạm vi của bạn; chọn một hồ sơ kỷ luật của người này ở khối kia trong danh sách`;
}
