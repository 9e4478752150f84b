import { decisionRefInBrackets } from '../../dates';
import { fieldName } from './field-names';
import { N, DAY, ID, Sentence, sentence } from './sentence';
import { citedDecisionInBrackets } from './record';

/** A status period as the refusal shows it: `2026-01-05 – open-ended`. */
const PERIOD = `${DAY} – (?:(open-ended)|${DAY})`;
const period = (from: string, open: string, until: string, day: (d: string) => string) =>
  `${day(from)} – ${open ? 'chưa xác định ngày kết thúc' : day(until)}`;

/** A planning term (`2025-2030`). */
const TERM = '(\\d{4}-\\d{4})';

/** The person page: registration, statuses, posts, ratings (the registry's deciders). */
export const PERSON_REFUSALS: Sentence[] = [
  sentence(
    `fatherCareGround: a father's ground belongs to a child_under_12_months period, not to ([a-z_]+)`,
    ([status], s) =>
      `Lý do người cha trực tiếp nuôi con chỉ ghi cho tình trạng đang nuôi con dưới 12 tháng tuổi, không cho «${s.words.personStatus(status)}»`,
  ),
  sentence(
    `fatherCareGround: the record shows a woman; a father's ground \\(wife died, wife unable to raise the child\\) is stated for a man only`,
    () =>
      'Hồ sơ ghi người này là nữ; lý do vợ chết hoặc vợ không thể nuôi con chỉ ghi cho cán bộ, công chức nam',
  ),
  sentence(
    `status: the record shows a man; ([a-z_]+) is a woman's period \\(Nghị định 172/2025 defers a woman's discipline while she is pregnant or on maternity leave, a man's while he raises a child under 12 months himself: child_under_12_months with fatherCareGround\\); a man's leave when his wife gives birth is on_leave`,
    ([status], s) =>
      `Hồ sơ ghi người này là nam; «${s.words.personStatus(status)}» chỉ ghi cho cán bộ, công chức nữ (Nghị định 172/2025 chưa xem xét kỷ luật người nữ đang mang thai, nghỉ thai sản, và người nam trực tiếp nuôi con dưới 12 tháng tuổi: ghi «${s.words.personStatus('child_under_12_months')}» kèm lý do người cha nuôi con); ngày nghỉ chế độ thai sản của người nam khi vợ sinh con ghi là «${s.words.personStatus('on_leave')}»`,
  ),
  sentence(
    `from: ([a-z_]+) ${PERIOD} overlaps the ([a-z_]+) period on record \\(${PERIOD}\\); a status is recorded once for any day(; to record the day it ended, POST /cadres/\\S+/statuses/end)?`,
    ([status, from, open, until, , recFrom, recOpen, recUntil, closing], s) =>
      `Tình trạng «${s.words.personStatus(status)}» ${period(from, open, until, s.day)} trùng với thời gian đã ghi nhận (${period(recFrom, recOpen, recUntil, s.day)}); mỗi ngày chỉ ghi nhận một lần mỗi tình trạng${closing ? '; để ghi nhận ngày kết thúc, dùng chức năng «Ghi nhận ngày kết thúc»' : ''}`,
  ),
  sentence(
    `from: ${ID} has no ([a-z_]+) period starting ${DAY} on record`,
    ([person, status, from], s) =>
      `${s.words.person(person)} không có tình trạng «${s.words.personStatus(status)}» bắt đầu từ ngày ${s.day(from)} trong hồ sơ`,
  ),
  sentence(
    `until: the ([a-z_]+) period on record \\(${PERIOD}\\) already has its end`,
    ([status, from, open, until], s) =>
      `Tình trạng «${s.words.personStatus(status)}» đã ghi nhận (${period(from, open, until, s.day)}) đã có ngày kết thúc`,
  ),
  sentence(
    `status period ends \\(${DAY}\\) before it starts \\(${DAY}\\)`,
    ([until, from], s) =>
      `Ngày kết thúc (${s.day(until)}) trước ngày bắt đầu (${s.day(from)}) của tình trạng`,
  ),
  sentence(
    `(\\S+): ${DAY} is before ${ID} was born \\(${DAY}\\)`,
    ([field, day, person, born], s) =>
      `${fieldName(field)} ${s.day(day)} trước ngày sinh của ${s.words.person(person)} (${s.day(born)})`,
  ),
  sentence(
    `(\\S+): ${DAY} is before the date of birth \\(${DAY}\\)`,
    ([field, day, born], s) => `${fieldName(field)} ${s.day(day)} trước ngày sinh (${s.day(born)})`,
  ),
  sentence(
    `termEnd: ${DAY} is before the post's start \\(from ${DAY}\\)`,
    ([end, from], s) =>
      `Ngày hết nhiệm kỳ ${s.day(end)} trước ngày bắt đầu giữ chức vụ (${s.day(from)})`,
  ),
  sentence(
    `electedOn: ${DAY} is after the post's start \\(from ${DAY}\\)`,
    ([elected, from], s) =>
      `Ngày được bầu ${s.day(elected)} sau ngày bắt đầu giữ chức vụ (${s.day(from)})`,
  ),
  // A term the record shows ended, recorded again with another term end, decision or election day.
  sentence(
    `(?:termEnd|decisionRef|electedOn): post ${ID} from ${DAY} \\((.+)\\) (ended|ends) on ${DAY} by (.+); an ended term is not recorded again with another term end, decision or election day: record a new term from its own start, or, for a post a discipline decision took away, a complaint review of that decision gives it back`,
    ([position, from, ref, ended, on, by], s) =>
      `Chức vụ ${s.words.position(position)} từ ngày ${s.day(from)} (${decisionRefInBrackets(ref)}) ${ended === 'ended' ? 'đã kết thúc' : 'kết thúc'} ngày ${s.day(on)} theo ${by}; nhiệm kỳ đã kết thúc không ghi nhận lại với ngày hết nhiệm kỳ, quyết định hay ngày được bầu khác: hãy ghi nhận nhiệm kỳ mới từ ngày bắt đầu của nhiệm kỳ đó; chức vụ bị thôi giữ do quyết định kỷ luật thì được trả lại khi giải quyết khiếu nại đối với quyết định ấy`,
  ),
  sentence(
    `year: (\\d{4}) is before ${ID} was born \\(${DAY}\\)`,
    ([year, person, born], s) =>
      `Năm ${year} trước năm sinh của ${s.words.person(person)} (${s.day(born)})`,
  ),
  sentence(
    `evaluatedOn: ${DAY} is before the year (\\d{4}) it rates`,
    ([day, year], s) => `Ngày đánh giá ${s.day(day)} trước năm được đánh giá (${year})`,
  ),
  // A write sent with If-Match after another writer changed the record (any stream's 409): a
  // person's own record (hồ sơ cán bộ) or a case.
  sentence(
    `stream ${ID}: expected revision ${N}, but it is at revision ${N}: reload (the person's record|the case) and retry with If-Match: ${N}`,
    ([, read, current, reload]) =>
      `${reload === 'the case' ? 'Hồ sơ' : 'Hồ sơ cán bộ'} đã được cập nhật sau khi bạn mở (bạn đọc phiên bản ${read}, nay là phiên bản ${current}): hãy xem lại hồ sơ đã tải lại rồi ghi nhận lại`,
  ),
  sentence(
    `person ${ID} is already registered`,
    ([person], s) => `${s.words.person(person)} đã được đăng ký`,
  ),
  sentence(
    `person ${ID} does not hold post ${ID}`,
    ([person, position], s) =>
      `${s.words.person(person)} không giữ chức vụ ${s.words.position(position)}`,
  ),
  sentence(
    `person ${ID} has no discipline from case ${ID}`,
    ([person, caseId], s) => `${s.words.person(person)} không có kỷ luật theo hồ sơ ${caseId}`,
  ),
  sentence(
    'partyJoinedOn: given for a person who is not a party member \\(partyMember: false\\)',
    () => 'Có ngày vào Đảng nhưng người này không phải là đảng viên',
  ),
  sentence(
    `dateOfBirth: born ${DAY}, ${N} years old on ${DAY}; a cadre or civil servant is at least ${N} \\((.+)\\)`,
    ([born, age, on, least, citation], s) =>
      `Sinh ngày ${s.day(born)}, đến ngày ${s.day(on)} mới ${age} tuổi; cán bộ, công chức phải từ đủ ${least} tuổi (${s.citation(citation)})`,
  ),
  sentence(
    `year: ${N} is before ${N}, the year ${ID} \\(born ${DAY}\\) turned ${N}: a cadre or civil servant is at least ${N} \\((.+)\\)`,
    ([year, ofAge, person, born, age, , citation], s) =>
      `Năm ${year} trước năm ${ofAge}, năm ${s.words.person(person)} (sinh ngày ${s.day(born)}) đủ ${age} tuổi: cán bộ, công chức phải từ đủ ${age} tuổi (${s.citation(citation)})`,
  ),
  sentence(
    `partyJoinedOn: ${DAY} is before the ${N}th birthday \\(born ${DAY}\\); the Party admits members from ${N} \\((.+)\\)`,
    ([joined, age, born, , citation], s) =>
      `Ngày vào Đảng ${s.day(joined)} trước khi đủ ${age} tuổi (sinh ngày ${s.day(born)}); Đảng kết nạp đảng viên từ đủ ${age} tuổi (${s.citation(citation)})`,
  ),
  sentence(
    `positionId: (.+) \\((\\S+)\\) is filled by election \\(bầu cử\\): run an election case \\(procedure election\\), or, to record an election held outside the system, give electedOn, the day the council elected the person`,
    ([title]) =>
      `Chức vụ ${title} được bầu (bầu cử): hãy mở hồ sơ bầu cử, hoặc, để ghi nhận kết quả bầu ngoài hệ thống, nhập ngày Hội đồng nhân dân bầu người này`,
  ),
  sentence(
    `electedOn: (.+) \\((\\S+)\\) is filled by ${ID}, not by election; leave electedOn out`,
    ([title, , how]) =>
      `Chức vụ ${title} được thực hiện theo hình thức ${how === 'appointment' ? 'bổ nhiệm' : how}, không phải bầu cử; để trống ngày được bầu`,
  ),
  sentence(
    `electedOn: ${DAY} is after today \\(${DAY}\\); record an election once it has been held`,
    ([day, today], s) =>
      `Ngày được bầu ${s.day(day)} sau ngày hôm nay (${s.day(today)}); chỉ ghi nhận kết quả bầu sau khi đã bầu`,
  ),
];

/** The planning pool and its reviews (planning-*.ts, person-record.decide.ts). */
export const PLANNING_REFUSALS: Sentence[] = [
  sentence(
    `(?:\\S+: )?person ${ID} has no planning-pool entry for ${ID}`,
    ([person, position], s) =>
      `${s.words.person(person)} không có trong quy hoạch chức vụ ${s.words.position(position)}`,
  ),
  sentence(
    `term: ${ID} is planned for ${ID} in ${TERM} \\((.+)\\), which has not ended; the record keeps one entry per post: remove that entry first to plan ${TERM}`,
    ([person, position, term, ref, next], s) =>
      `${s.words.person(person)} đang được quy hoạch vào chức vụ ${s.words.position(position)} giai đoạn ${term} (${decisionRefInBrackets(ref)}), giai đoạn chưa kết thúc; mỗi chức vụ chỉ ghi một quy hoạch: cần đưa ra khỏi quy hoạch đó trước khi quy hoạch giai đoạn ${next}`,
  ),
  sentence(
    `planning pool full: post ${ID} (has|would have) ${N} of ${N} people in term ${TERM} \\((.*?)\\) \\((.+)\\)`,
    ([position, would, planned, limit, term, people, citation], s) =>
      `Quy hoạch chức vụ ${s.words.position(position)} giai đoạn ${term} ${would === 'has' ? 'đã đủ số lượng' : 'sẽ vượt số lượng'}: ${planned}/${limit} người (${s.list(people, (id) => s.words.person(id))}) (${s.citation(citation)})`,
  ),
  sentence(
    `planning pool full: person ${ID} (is|would be) planned for ${N} of ${N} posts of level ${N} in term ${TERM} \\((.*?)\\) \\((.+)\\)`,
    ([person, would, planned, limit, level, term, posts, citation], s) =>
      `${s.words.person(person)} ${would === 'is' ? 'đã' : 'sẽ'} được quy hoạch vào ${planned}/${limit} chức vụ cùng cấp ${level} trong giai đoạn ${term} (${s.list(posts, (id) => s.words.position(id))}) (${s.citation(citation)})`,
  ),
  sentence(
    `(\\S+): ${TERM} spans ${N} years; a planning term spans ${N} \\(e\\.g\\. (\\d{4}-\\d{4})\\) \\((.+)\\)`,
    ([, term, years, span, example, citation], s) =>
      `Giai đoạn ${term} kéo dài ${years} năm; giai đoạn quy hoạch là ${span} năm (ví dụ ${example}) (${s.citation(citation)})`,
  ),
  sentence(
    `(\\S+): the planning term ${TERM} ended on ${DAY}, before today \\(${DAY}\\); planning is for a term running or to come`,
    ([, term, ended, today], s) =>
      `Giai đoạn quy hoạch ${term} đã kết thúc ngày ${s.day(ended)}, trước ngày hôm nay (${s.day(today)}); chỉ quy hoạch cho giai đoạn đang diễn ra hoặc sắp tới`,
  ),
  sentence(
    `(\\S+): ${TERM} (is not a term of office)?(?: and )?(?:starts in (\\d{4}), after ${TERM})?(?:comes before ${TERM})?; on ${DAY} the terms open to planning are ((?:\\d{4}-\\d{4}(?:, )?)+) \\((.+)\\)`,
    ([, term, notTerm, starts, last, before, day, open, citation], s) =>
      `Giai đoạn ${term} ${[
        ...(notTerm ? ['không trùng một nhiệm kỳ'] : []),
        ...(starts ? [`bắt đầu năm ${starts}, sau nhiệm kỳ ${last}`] : []),
        ...(before ? [`trước nhiệm kỳ ${before}`] : []),
      ].join(
        ' và ',
      )}; ngày ${s.day(day)} chỉ quy hoạch cho các nhiệm kỳ ${open} (${s.citation(citation)})`,
  ),
  // A review's row names itself (`added[0].personId`), the person's own entry its field.
  sentence(
    `(?:added\\[(\\d+)\\]\\.)?personId: ${ID} retires on ${DAY}, before ${DAY}; planned for the term ${TERM}, a person must still have ${N} (years|months) of working time from ${DAY} \\((.+)\\)`,
    ([row, person, retires, through, term, count, unit, from, citation], s) =>
      `${row === undefined ? '' : `Dòng ${Number(row) + 1} (bổ sung): `}${s.words.person(person)} nghỉ hưu ngày ${s.day(retires)}, trước ngày ${s.day(through)}: người được quy hoạch giai đoạn ${term} phải còn đủ ${count} ${unit === 'years' ? 'năm' : 'tháng'} công tác tính từ ngày ${s.day(from)} (${s.citation(citation)})`,
  ),
  sentence(
    `positionId: the planning pool of ${ID} kept changing; try again`,
    ([position], s) =>
      `Quy hoạch chức vụ ${s.words.position(position)} liên tục thay đổi trong lúc ghi; hãy thử lại`,
  ),
  // A review's row names itself (`added[1]`), the person's own entry its field (`positionId`).
  sentence(
    `(?:added\\[(\\d+)\\]|\\S+): ${ID} is under discipline \\(${ID}, (.+)\\) in effect (?:with no end date|until ${DAY}): a cadre it took off the planning pool may be planned again once that discipline has run its term \\((.+)\\)`,
    ([row, person, form, decisionRef, until, citation], s) =>
      `${row === undefined ? '' : `Dòng ${Number(row) + 1} (bổ sung): `}${s.words.person(person)} đang chịu kỷ luật ${s.words.form(form)} (${citedDecisionInBrackets(decisionRef)}) ${until ? `có hiệu lực đến ngày ${s.day(until)}` : 'chưa có ngày hết hiệu lực'}: cán bộ bị đưa ra khỏi quy hoạch do kỷ luật chỉ được quy hoạch lại khi kỷ luật đó đã hết thời hạn (${s.citation(citation)})`,
  ),
  sentence(
    `added\\[(\\d+)\\]: ${ID} is already in the planning pool for ${ID} in ${TERM} \\((.+)\\); a review adds only people not yet planned for the post`,
    ([row, person, position, term, decisionRef], s) =>
      `Dòng ${Number(row) + 1} (bổ sung): ${s.words.person(person)} đã có trong quy hoạch chức vụ ${s.words.position(position)} giai đoạn ${term} (${decisionRefInBrackets(decisionRef)}); rà soát chỉ bổ sung người chưa được quy hoạch vào chức vụ này`,
  ),
  sentence(
    `id: review ${ID} is already recorded with other content`,
    ([review]) => `Đợt rà soát ${review} đã được ghi nhận với nội dung khác`,
  ),
  sentence(
    `(added|removed)\\[(\\d+)\\]: ${ID} for ${ID} is already (?:added|removed)\\[(\\d+)\\]`,
    ([list, index, person, position, first], s) =>
      `Dòng ${Number(index) + 1} (${list === 'added' ? 'bổ sung' : 'đưa ra'}): ${s.words.person(person)} – ${s.words.position(position)} trùng với dòng ${Number(first) + 1}`,
  ),
];

/** The admin's unit and post forms (registry.service.ts, org-unit-levels.ts, authority-above-post.ts). */
export const ADMIN_REFUSALS: Sentence[] = [
  sentence(`id: org unit ${ID} already exists`, ([unit]) => `Đơn vị ${unit} đã tồn tại`),
  sentence(`id: position ${ID} already exists`, ([position]) => `Chức vụ ${position} đã tồn tại`),
  sentence(
    `parentId: a ([a-z_]+) cannot sit under ${ID} \\(a ([a-z_]+)\\); it belongs under a territory of a higher level( \\(a province has no parent\\))?`,
    ([, parent, , province], s) =>
      `Đơn vị loại này không thể trực thuộc ${s.words.orgUnit(parent)}; đơn vị phải trực thuộc địa bàn cấp cao hơn${province ? ' (cấp tỉnh không có đơn vị cấp trên)' : ''}`,
  ),
  sentence(
    'parentId: a unit with no parent \\(a new top-level unit\\) is created by an admin only',
    () => 'Chỉ quản trị viên được tạo đơn vị không có đơn vị cấp trên (đơn vị cấp cao nhất)',
  ),
  sentence(
    `appointingAuthority: ${ID} is not ${ID}, a unit above it or the Party or people's committee of a territory above it; a post is appointed by its own level or a higher one`,
    ([authority, unit], s) =>
      `${s.words.orgUnit(authority)} không phải là ${s.words.orgUnit(unit)}, đơn vị cấp trên của đơn vị đó, hoặc cấp ủy, Ủy ban nhân dân của địa bàn cấp trên; chức vụ do cấp mình hoặc cấp trên bổ nhiệm`,
  ),
];

/** A transfer batch and its dry run, an import (transfer-batch*.ts, import.service.ts). */
export const BATCH_REFUSALS: Sentence[] = [
  sentence(
    `entries: a batch has 1 to ${N} entries \\(TRANSFER_BATCH_MAX_ENTRIES\\); this one has ${N}`,
    ([max, count]) => `Một đợt điều động có từ 1 đến ${max} dòng; đợt này có ${count} dòng`,
  ),
  sentence(
    `id: transfer batch ${ID} was opened with other entries; choose another id`,
    ([batch]) => `Đợt điều động ${batch} đã được mở với các dòng khác; hãy chọn mã khác`,
  ),
  // A copy of the batch sent at once with another that stopped moving (transfer-batch-copy-at-once.ts).
  sentence(
    `id: transfer batch ${ID} is being opened by another request with the same entries \\(${N} of ${N} opened\\) and has not moved for ${N} s; read GET \\S+ for its progress, or send the same list again to continue where it stopped`,
    ([batch, opened, total, seconds]) =>
      `Đợt điều động ${batch} đang được mở bởi một yêu cầu khác cùng danh sách (đã mở ${opened}/${total} hồ sơ) và đã ${seconds} giây không tiến triển; xem tiến độ của đợt, hoặc gửi lại đúng danh sách này để mở tiếp từ chỗ đã dừng`,
  ),
  sentence(
    `entries: ${N} problem\\(s\\) in the batch; nothing was opened \\(every one is listed in errors\\)`,
    ([count]) => `Đợt điều động có ${count} lỗi; chưa mở hồ sơ nào (từng lỗi được liệt kê)`,
  ),
  sentence(
    `personId: ${ID} is already moved by entry ${N}`,
    ([person, entry], s) => `${s.words.person(person)} đã được điều động ở dòng ${entry}`,
  ),
  sentence(
    `personId: the case id ${ID} this entry would open is already reserved by another case`,
    ([caseId]) => `Mã hồ sơ ${caseId} mà dòng này sẽ mở đã được hồ sơ khác sử dụng`,
  ),
  sentence(
    `positionId: the receiving post is the post ${ID} holds \\(${ID}\\)`,
    ([person, position], s) =>
      `Chức vụ nơi đến chính là chức vụ ${s.words.person(person)} đang giữ (${s.words.position(position)})`,
  ),
  sentence(
    `currentPositionId: ${ID} does not hold ${ID} \\(holds: (.+)\\)`,
    ([person, position, held], s) =>
      `${s.words.person(person)} không giữ chức vụ ${s.words.position(position)} (đang giữ: ${held === 'no post' ? 'không giữ chức vụ nào' : s.list(held, (id) => s.words.position(id))})`,
  ),
  sentence(
    `file: ${N} problem\\(s\\) in the file; nothing was imported \\((?:(every one is listed in errors)|the first ${N} are listed in errors, and ${N} more)\\)`,
    ([count, all, listed, more]) =>
      `Tệp có ${count} lỗi; chưa nhập dữ liệu nào (${all ? 'từng lỗi được liệt kê' : `liệt kê ${listed} lỗi đầu tiên, còn ${more} lỗi khác`})`,
  ),
  // A row refused while writing, after the checks passed (import-partly-written.ts).
  sentence(
    `file: (.+) line ${N} was refused while writing \\([a-z_.]+: (.+)\\), after every row had passed the checks: the record changed in between; ${N} row\\(s\\) written before it \\(listed in written\\) stay written; it and every row not listed were not written; import the file again once the refusal is resolved \\(rows already on record are left as they are\\)`,
    ([sheet, line, reason, written], s) =>
      `Dòng ${line} của trang ${sheet} bị từ chối khi ghi (${s.reason(reason)}), dù mọi dòng đã qua kiểm tra: hồ sơ đã thay đổi trong lúc đó; ${written} dòng đã ghi trước đó (được liệt kê trong phản hồi) được giữ nguyên; dòng này và các dòng không được liệt kê chưa được ghi; hãy nhập lại tệp khi lý do từ chối đã được giải quyết (các dòng đã có trong hồ sơ được giữ nguyên)`,
  ),
];
