import { decisionRefInBrackets } from '../../dates';
import { N, DAY, ID, Sentence, sentence, Untranslated } from './sentence';
import type { Say } from '../reason-in-vietnamese';

/** A decision's term and its ground (`termRule`: case.decision.ts and each procedure's rules). */
export const TERMS: Sentence[] = [
  // The summary of a re-appointment a term's notice opened (reappointment-notice-summary.ts),
  // written again when the term end is corrected: a case's heading.
  sentence(
    `Re-appointment: the term ends on ${DAY}`,
    ([day], s) => `Bổ nhiệm lại: nhiệm kỳ đang giữ kết thúc ngày ${s.day(day)}`,
  ),
  sentence(
    `full term of ${N} years \\((.+)\\)`,
    ([years, citation], s) => `Đủ nhiệm kỳ ${years} năm (${s.citation(citation)})`,
  ),
  sentence(
    `extended to retirement on ${DAY} \\((.+)\\)`,
    ([day, citation], s) => `Kéo dài đến ngày nghỉ hưu ${s.day(day)} (${s.citation(citation)})`,
  ),
  sentence(
    `extended to retirement: ${N} whole years left, fewer than ${N} \\((.+)\\)`,
    ([left, threshold, citation], s) =>
      `Kéo dài đến khi nghỉ hưu: còn ${left} năm tròn, dưới ${threshold} năm (${s.citation(citation)})`,
  ),
  sentence(
    `the term ends at retirement on ${DAY}`,
    ([day], s) => `Thời hạn kết thúc khi nghỉ hưu ngày ${s.day(day)}`,
  ),
  sentence(
    `planned duration ${N} years, at least ${N} \\((\\S+), (\\S+)\\)`,
    ([years, minimum, param, ruleSet], s) =>
      `Thời gian dự kiến ${years} năm, tối thiểu ${minimum} năm (${s.ruleGround(ruleSet, param)})`,
  ),
  // A rotation's or transfer's duration out of its bounds (rotation-rules.ts, rotationTerm).
  sentence(
    `termYears: the move lasts at least ${N} years, ${N} given \\((\\S+): (.+)\\)`,
    // The rule's key (`rotation.minYears`) is the system's: the reader reads the citation alone.
    ([minimum, given, , citation], s) =>
      `termYears: thời gian luân chuyển, điều động ít nhất ${s.n(minimum)} năm, đã nhập ${s.n(given)} (${s.citation(citation)})`,
  ),
  sentence(
    `termYears: must not be greater than ${N} \\((.+)\\)`,
    ([maximum, citation], s) =>
      `termYears: không được lớn hơn ${s.n(maximum)} năm (${s.citation(citation)})`,
  ),
  sentence(
    `planned duration ${N} years, as the decision states`,
    ([years]) => `Thời gian dự kiến ${years} năm, theo quyết định`,
  ),
  sentence(
    'no planned period: the transfer decision states none, and no instrument read sets a least period for a transfer \\(điều động\\)',
    () =>
      'Không định thời gian: quyết định điều động không nêu, và không văn bản nào đã đối chiếu quy định thời gian tối thiểu của việc điều động',
  ),
  sentence(
    `leadership post held on an appointment term: ${ID}: (.+)`,
    // The rule set's id stays in the record; its instrument names the ground for a reader.
    ([, citation], s) =>
      `Chức vụ lãnh đạo, quản lý giữ theo thời hạn bổ nhiệm: ${s.citation(citation)}`,
  ),
  sentence(
    `the council's term from ${DAY}: (.+)`,
    ([day, rule], s) =>
      `Theo nhiệm kỳ của Hội đồng nhân dân từ ngày ${s.day(day)}: ${s.citation(rule)}`,
  ),
  sentence(
    `an agreement \\(hiệp y\\) has no term: it holds for the appointment it was asked for`,
    () => 'Ý kiến hiệp y không có thời hạn: có giá trị cho việc bổ nhiệm đã đề nghị',
  ),
  // `<rule set>: <citation>` — the appointment term of the rule set the case pinned: its
  // instrument names it for a reader (the rule set's id stays in the record).
  sentence(`${ID}: (.+)`, ([, citation], s) => s.citation(citation)),
];

/**
 * A re-appointment's new term set to start before the current one ends (reappointment-rules.ts):
 * the term's ground (Nghị định 138/2020 art. 41(1), 49(1), as restated) and the notice's lead
 * time as the case's rule set has it.
 */
export const REAPPOINTMENT_START: Sentence[] = [
  sentence(
    `effectiveFrom: ${DAY} is before ${DAY}, when the term of ${ID} held since ${DAY} \\((.+?)\\) (ends|ended); the new term starts on that day or later \\((Nghị định 138/2020/NĐ-CP art\\. 41\\(1\\).+?)\\); the re-appointment notice: ${N} (days|working days) before the term ends \\((.+)\\)`,
    ([from, endsOn, position, since, ref, ends, , amount, unit, citation], s) =>
      `Ngày hiệu lực ${s.day(from)} trước ngày ${s.day(endsOn)}, ngày ${ends === 'ends' ? 'kết thúc' : 'đã kết thúc'} nhiệm kỳ giữ chức vụ ${s.words.position(position)} từ ngày ${s.day(since)} (${decisionRefInBrackets(ref)}); nhiệm kỳ mới bắt đầu từ ngày đó trở đi (Nghị định 138/2020/NĐ-CP, Điều 41(1), Điều 49(1) — đối chiếu với bản tóm lược, chưa với văn bản gốc); thông báo bổ nhiệm lại chậm nhất ${amount} ${unit === 'days' ? 'ngày' : 'ngày làm việc'} trước ngày hết nhiệm kỳ (${s.citation(citation)})`,
  ),
];

/** The term's ground of a renewed or extended term (`TERM_RENEWED_AT_ITS_END`), as the page says it. */
const TERM_RENEWED_GROUND =
  'Nghị định 138/2020/NĐ-CP, Điều 41(1), Điều 49(1) — đối chiếu với bản tóm lược, chưa với văn bản gốc';

/** Why the decision takes effect on the day it continues the term (term-continuation.ts). */
const CONTINUATION = `the decision of ${DAY} was taken (before the term ends: it takes effect on ${DAY}, the day the term ends|after the term ended on ${DAY}: it takes effect on its own day)`;

/**
 * A re-appointment or an extension effective later than the day it continues the term
 * (reappointment-rules.ts, extension-rules.ts: `*.starts_after_term_end`), a removal effective
 * after the holding ends (removal-last-day.ts: `removal.effective_after_term_end`), one effective on or
 * after the holder's retirement (`extension.starts_at_retirement`), and an appointment effective
 * on or after the appointee's (`appointment.effective_at_or_after_retirement`).
 */
export const TERM_CONTINUATION: Sentence[] = [
  sentence(
    `effectiveFrom: ${DAY} is after ${DAY}, the day the (new term|extension) continues the term of ${ID} held since ${DAY} \\((.+?)\\), which (ends|ended) on ${DAY}; ${CONTINUATION}; a later day leaves the post without its holder from ${DAY} \\(Nghị định 138/2020/NĐ-CP art\\. 41\\(1\\).+\\)`,
    ([from, continuesOn, what, position, since, ref, ends, endsOn, decidedOn], s) => {
      const late = decidedOn > endsOn;
      const why = late
        ? `quyết định ký ngày ${s.day(decidedOn)}, sau khi nhiệm kỳ đã kết thúc ngày ${s.day(endsOn)}: có hiệu lực từ ngày ký`
        : `quyết định ký ngày ${s.day(decidedOn)}, trước khi hết nhiệm kỳ: có hiệu lực từ ngày ${s.day(endsOn)}, ngày hết nhiệm kỳ`;
      return `Ngày hiệu lực ${s.day(from)} sau ngày ${s.day(continuesOn)}, ngày ${what === 'extension' ? 'thời hạn kéo dài' : 'nhiệm kỳ mới'} nối tiếp nhiệm kỳ giữ chức vụ ${s.words.position(position)} từ ngày ${s.day(since)} (${decisionRefInBrackets(ref)}), ${ends === 'ends' ? 'kết thúc' : 'đã kết thúc'} ngày ${s.day(endsOn)}; ${why}; ngày muộn hơn để chức vụ không có người giữ từ ngày ${s.day(continuesOn)} (${TERM_RENEWED_GROUND})`;
    },
  ),
  sentence(
    `effectiveFrom: ${DAY} is after ${DAY}, the last day a removal of the post may take effect on: (?:the term of ${ID} held since ${DAY} \\((.+?)\\) ends on ${DAY} \\(Nghị định 138/2020/NĐ-CP art\\. 41\\(1\\).+?\\)|the holder of ${ID} retires on ${DAY} \\((.+?)\\))(?:; the decision of ${DAY} was taken after that: it takes effect on its own day at the latest)?`,
    ([from, last, position, since, ref, termEnd, retiring, retires, citation, decidedOn], s) => {
      const cause = position
        ? `nhiệm kỳ giữ chức vụ ${s.words.position(position)} từ ngày ${s.day(since)} (${decisionRefInBrackets(ref)}) kết thúc ngày ${s.day(termEnd)} (${TERM_RENEWED_GROUND})`
        : `người giữ chức vụ ${s.words.position(retiring)} nghỉ hưu ngày ${s.day(retires)} (${s.citation(citation)})`;
      const late = decidedOn
        ? `; quyết định ký ngày ${s.day(decidedOn)}, sau ngày đó: có hiệu lực chậm nhất từ ngày ký`
        : '';
      return `Ngày hiệu lực ${s.day(from)} sau ngày ${s.day(last)}, ngày cuối cùng quyết định thôi giữ hoặc tạm đình chỉ chức vụ có thể có hiệu lực: ${cause}${late}`;
    },
  ),
  sentence(
    `effectiveFrom: ${DAY} is on or after the holder's retirement on ${DAY} \\((.+)\\), the day the extended term ends: it would extend nothing`,
    ([from, retires, citation], s) =>
      `Ngày hiệu lực ${s.day(from)} từ ngày nghỉ hưu ${s.day(retires)} của người giữ chức vụ trở đi (${s.citation(citation)}), ngày thời hạn kéo dài kết thúc: không còn gì để kéo dài`,
  ),
  sentence(
    `effectiveFrom: ${DAY} is on or after ${DAY}, when ${ID} retires \\((.+)\\): an appointment takes effect before the appointee retires`,
    ([from, retires, person, citation], s) =>
      `Ngày hiệu lực ${s.day(from)} từ ngày ${s.day(retires)} trở đi, ngày ${s.words.person(person)} nghỉ hưu (${s.citation(citation)}): quyết định bổ nhiệm có hiệu lực trước ngày người được bổ nhiệm nghỉ hưu`,
  ),
];

/** A year's quality rating as the server's sentences write it (`not completed`). */
const RATING_WORDS: Record<string, string> = {
  excellent: 'hoàn thành xuất sắc nhiệm vụ',
  good: 'hoàn thành tốt nhiệm vụ',
  completed: 'hoàn thành nhiệm vụ',
  'not completed': 'không hoàn thành nhiệm vụ',
};
const RATED_YEAR = /^(excellent|good|not completed|completed) in (\d{4})(?: \((.*)\))?$/;

/** The term and the rule a re-appointment's ratings are read against, as the sentences end. */
const TERM_RULE = `in the term of ${ID} from ${DAY} to ${DAY}: re-appointment needs every year of the term rated (\\w+) or better \\((.+)\\)`;
const UNRATED = `no rating on the record for (\\d{4}(?:, \\d{4})*) \\(years of the term ended before ${DAY}\\)`;

/** "trong nhiệm kỳ giữ chức vụ … : bổ nhiệm lại cần mọi năm …". */
const termRuleWords = ([position, from, until, least, citation]: string[], s: Say) =>
  `trong nhiệm kỳ giữ chức vụ ${s.words.position(position)} từ ngày ${s.day(from)} đến ngày ${s.day(until)}: bổ nhiệm lại cần mọi năm của nhiệm kỳ được xếp loại từ «${RATING_WORDS[least] ?? least}» trở lên (${s.citation(citation)})`;

/** "chưa có kết quả xếp loại trên hồ sơ cho năm …". */
const unratedWords = (years: string, before: string, s: Say) =>
  `chưa có kết quả xếp loại trên hồ sơ cho năm ${years} (các năm của nhiệm kỳ đã kết thúc trước ngày ${s.day(before)})`;

/**
 * A re-appointment decided while a year of the term is rated below the rule set's least rating
 * (term-ratings.ts): each year with its rating and the rating decision; at vetting, with the
 * years of the term over and not rated, or those alone.
 */
export const REAPPOINTMENT_RATINGS: Sentence[] = [
  sentence(
    `the holder was rated (.+?)(?: and has ${UNRATED})?, ${TERM_RULE}`,
    ([list, unrated, before, ...rule], s) => {
      const rated = list
        .split(/, (?=(?:excellent|good|not completed|completed) in \d{4})/)
        .map((entry) => {
          const [, rating, year, ref] = RATED_YEAR.exec(entry) ?? [];
          if (!rating) throw new Untranslated();
          return `năm ${year} xếp loại «${RATING_WORDS[rating]}»${ref ? ` (${decisionRefInBrackets(ref)})` : ''}`;
        });
      const years = `${rated.join(', ')}${unrated ? `, ${unratedWords(unrated, before, s)}` : ''}`;
      return `${years.charAt(0).toUpperCase()}${years.slice(1)}, ${termRuleWords(rule, s)}`;
    },
  ),
  sentence(`${UNRATED}, ${TERM_RULE}`, ([unrated, before, ...rule], s) => {
    const years = unratedWords(unrated, before, s);
    return `${years.charAt(0).toUpperCase()}${years.slice(1)}, ${termRuleWords(rule, s)}`;
  }),
];

/** A re-appointment's term_rating vetting item cleared from the record (vetting-from-record.ts). */
export const TERM_RATING_CLEARED: Sentence[] = [
  sentence(
    `no year of the term rated below (\\w+(?: \\w+)?) \\((.+)\\)`,
    ([least, citation], s) =>
      `Không có năm nào trong nhiệm kỳ bị xếp loại dưới «${RATING_WORDS[least] ?? least}» (${s.citation(citation)})`,
  ),
  sentence(
    'the rule set asks no rating of the term',
    () => 'Bộ quy tắc không đòi hỏi kết quả xếp loại trong nhiệm kỳ',
  ),
];

/** The day a status period ended (status-periods.ts), refused. */
export const STATUS_ENDS: Sentence[] = [
  sentence(
    `until: ${DAY} is after today \\(${DAY}\\); record the day the ([a-z_]+) period ended once it has`,
    ([until, today, status], s) =>
      `Ngày kết thúc ${s.day(until)} sau ngày hôm nay (${s.day(today)}): chỉ ghi nhận ngày kết thúc tình trạng «${s.words.personStatus(status)}» khi tình trạng đã kết thúc`,
  ),
  sentence(
    `until: the ([a-z_]+) period ends \\(${DAY}\\) before it starts \\(${DAY}\\)`,
    ([status, until, from], s) =>
      `Ngày kết thúc tình trạng «${s.words.personStatus(status)}» (${s.day(until)}) trước ngày bắt đầu (${s.day(from)})`,
  ),
];
