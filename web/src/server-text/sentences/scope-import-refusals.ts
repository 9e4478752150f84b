import { N, DAY, ID, Sentence, sentence } from './sentence';
import { categoryName, sameViolationNotFound } from './discipline-refusals';

/** A rule track (`party`, `state`) as the reader says it. */
const TRACKS: Record<string, string> = { party: 'của Đảng', state: 'của Nhà nước' };

/**
 * What lies outside the caller's grant (scope-refusals.ts, org-scope.ts, a transfer batch's and
 * an import's rows) and what an import refuses of its own (import-plan.ts, case-import*.ts).
 */
export const SCOPE_REFUSALS: Sentence[] = [
  // A discipline row on a violation a case of its track, or an earlier row of the file, already
  // handles (imported-violation-handled.ts): the case or the row named, as the opening names it.
  sentence(
    `(?:violationCommittedOn: )?the ${ID} violation of ${DAY} is already handled on the (party|civil_service) track by (?:case ${ID} \\((open|decided)\\)|row (\\d+) of this file \\(decision (.+?)\\)|(a case opened by another unit)); one violation is disciplined once, with one form \\((.+)\\): record it once`,
    ([category, committed, track, caseId, standing, line, ref, , citation], s) => {
      const onTrack = track === 'party' ? 'về Đảng' : 'về chính quyền';
      const handled = line
        ? `đã được ghi kỷ luật ${onTrack} ở dòng ${line} của tệp này (quyết định ${ref})`
        : !caseId
          ? `đã có hồ sơ kỷ luật ${onTrack} do đơn vị khác mở`
          : standing === 'open'
            ? `đã có hồ sơ kỷ luật ${onTrack}: hồ sơ ${caseId} (đang mở)`
            : `đã được xử lý kỷ luật ${onTrack} trong hồ sơ ${caseId} (đã có quyết định)`;
      return `Vi phạm «${categoryName(category)}» ngày ${s.day(committed)} ${handled}; mỗi hành vi vi phạm chỉ bị xử lý kỷ luật một lần bằng một hình thức (${citation.replace(/ art\. /g, ', Điều ')}). Chỉ ghi kỷ luật này một lần`;
    },
  ),
  // The other track's case a discipline decision names (a paper number, a cut id, a case outside
  // the grant): not found within the caller's units (before: the English detail, with the grant).
  sentence(
    `sameViolationCaseId: case (.+) is not in any unit your grant for ${ID} covers`,
    ([caseId]) => sameViolationNotFound(caseId),
  ),
  sentence(
    `(?:\\S+: )?org unit ${ID} is outside your grant for ${ID}`,
    ([unit, grant], s) =>
      `${s.words.orgUnit(unit)} nằm ngoài phạm vi được giao (${s.words.orgUnit(grant)})`,
  ),
  sentence(
    `(?:\\S+: )?(position|org unit|case|discipline case) ${ID} belongs to org unit ${ID}, which your grant for ${ID} does not cover`,
    ([kind, id, unit, grant], s) =>
      `${kind === 'position' ? `Chức vụ ${s.words.position(id)}` : kind === 'org unit' ? `Đơn vị ${s.words.orgUnit(id)}` : `Hồ sơ ${id}`} thuộc ${s.words.orgUnit(unit)}, ngoài phạm vi được giao (${s.words.orgUnit(grant)})`,
  ),
  sentence(
    `(?:\\S+: )?person ${ID} is not registered in any unit your grant for ${ID} covers`,
    ([person, grant], s) =>
      `${s.words.person(person)} không thuộc đơn vị nào trong phạm vi được giao (${s.words.orgUnit(grant)})`,
  ),
  sentence(
    `(?:\\S+: )?(?:case|discipline case|transfer batch) ${ID} is not in any unit your grant for ${ID} covers`,
    ([id, grant], s) =>
      `${id} không thuộc đơn vị nào trong phạm vi được giao (${s.words.orgUnit(grant)})`,
  ),
  sentence(
    `(.+); ${N} entry\\(ies\\) name a unit, post or person outside your grant \\(each in errors\\), nothing was opened`,
    ([first, count], s) =>
      `${s.reason(first)}; ${count} dòng có đơn vị, chức vụ hoặc người ngoài phạm vi được giao (từng dòng được liệt kê), chưa mở hồ sơ nào`,
  ),
  sentence(
    `file: ${N} row\\(s\\) name a unit, post or person outside your grant; nothing was imported \\(${N} problem\\(s\\) in all: (?:(every one is listed in errors)|the first ${N} are listed in errors, and ${N} more)\\)`,
    ([rows, all, everyOne, listed, more]) =>
      `Tệp có ${rows} dòng có đơn vị, chức vụ hoặc người ngoài phạm vi được giao; chưa nhập dữ liệu nào (tổng cộng ${all} lỗi: ${everyOne ? 'từng lỗi được liệt kê' : `liệt kê ${listed} lỗi đầu tiên, còn ${more} lỗi khác`})`,
  ),
  sentence(
    `file: ${N} row\\(s\\) are about you \\((.+)\\), and you may not write your own record; nothing was imported \\(each in errors\\)`,
    ([rows, own], s) =>
      `Tệp có ${rows} dòng về chính bạn (${s.list(own, (id) => s.words.person(id))}), và bạn không được tự ghi hồ sơ của mình; chưa nhập dữ liệu nào (từng dòng được liệt kê)`,
  ),
  sentence(
    'file: importing cases under way \\(sheets Hồ sơ đang giải quyết, Bước đã thực hiện\\) needs the role (.+); nothing was imported',
    ([roles], s) =>
      `Nhập hồ sơ đang giải quyết (trang «Hồ sơ đang giải quyết», «Bước đã thực hiện») cần vai trò ${s.roles(roles)}; chưa nhập dữ liệu nào`,
  ),
  sentence(
    `case ${ID} is not on the sheet of cases \\(Hồ sơ đang giải quyết\\); a step is imported with its case`,
    ([caseId]) =>
      `Hồ sơ ${caseId} không có trong trang «Hồ sơ đang giải quyết»; bước chỉ được nhập cùng hồ sơ của bước đó`,
  ),
  sentence(
    `${ID} already has an open ${ID} case for post ${ID} in this file: ${ID}`,
    ([person, procedure, position, holder], s) =>
      `${s.words.person(person)} đã có hồ sơ ${s.words.procedure(procedure)} đang mở cho chức vụ ${s.words.position(position)} trong tệp này: ${holder}`,
  ),
  sentence(
    `decidedOn: ${DAY} is after today \\(${DAY}\\); a discipline on record was decided by then`,
    ([day, today], s) =>
      `Ngày quyết định kỷ luật ${s.day(day)} sau ngày hôm nay (${s.day(today)}); kỷ luật đã ghi nhận phải được quyết định trước đó`,
  ),
  sentence(
    `no rule set of the ([a-z_]+) track is in force on ${DAY}`,
    ([track, day], s) =>
      `Không có bộ quy định nào ${TRACKS[track] ?? 'của khối này'} có hiệu lực vào ngày ${s.day(day)}`,
  ),
  sentence(
    `(\\S+) is not a ([a-z_]+) form under ${ID} \\((.+)\\)`,
    ([form, , ruleSet, forms], s) =>
      `«${s.words.form(form)}» không phải là hình thức kỷ luật của khối này theo ${s.words.ruleSet(ruleSet)} (${s.list(forms, (f) => s.words.form(f))})`,
  ),
  sentence(
    `violationCommittedOn: the violation of ${DAY} is after the decision of ${DAY} disciplining it`,
    ([day, decided], s) =>
      `Ngày vi phạm ${s.day(day)} sau ngày quyết định kỷ luật ${s.day(decided)}; vi phạm phải xảy ra trước khi bị kỷ luật`,
  ),
  sentence(
    `effective ${DAY} before the decision of ${DAY}`,
    ([from, decided], s) =>
      `Ngày có hiệu lực ${s.day(from)} trước ngày quyết định ${s.day(decided)}`,
  ),
  sentence(
    `(\\S+): step ${ID} of case ${ID} is already recorded with another \\S+; the import does not change a recorded step \\(correct it on the service, with its reason\\)`,
    ([, step, caseId], s) =>
      `Bước «${s.words.step(step)}» của hồ sơ ${caseId} đã được ghi nhận với nội dung khác; việc nhập dữ liệu không thay đổi bước đã ghi (hãy đính chính trên hệ thống, kèm lý do)`,
  ),
  sentence(
    `case ${ID} is already recorded with another person, post, unit, opening day or paper reference; the import does not change a recorded case`,
    ([caseId]) =>
      `Hồ sơ ${caseId} đã được ghi nhận với người, chức vụ, đơn vị, ngày mở hoặc số hồ sơ giấy khác; việc nhập dữ liệu không thay đổi hồ sơ đã ghi`,
  ),
];
