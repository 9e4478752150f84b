import { formatDay, withDaysFormatted } from '../dates';
import { citationInVietnamese } from './legal-citation';

/**
 * The words a reason names by id, in the reader's language (a person's name, a post's title, a
 * discipline form, a procedure, a person's status). Unknown ids are shown as they are.
 */
export interface ReasonVocabulary {
  person(id: string): string;
  position(id: string): string;
  form(id: string): string;
  procedure(id: string): string;
  personStatus(id: string): string;
  /** A rule set by its title ("Các quy định có hiệu lực ngày 08/10/2025"). */
  ruleSet(id: string): string;
  /** Parameter `param` of rule set `ruleSetId` by its instrument and article, null when unknown. */
  ruleGround(ruleSetId: string, param: string): string | null;
}

/**
 * The server records a step's reasons in English, with their numbers ("passed: 7 of 13 members
 * for, needs more than 6.5"): they are the case's record and stay as written. A Vietnamese reader
 * gets the same sentence in Vietnamese, read back from its parts: every template the vote rules,
 * the eligibility check and the procedures write has its sentence here. A text no template reads
 * whole (a reason a user typed, a template added later) is shown as the server wrote it, never
 * half translated. `server-reason-templates.spec.ts` feeds it what the server's rules write.
 */
export function reasonInVietnamese(text: string, words: ReasonVocabulary): string | null {
  for (const [pattern, say] of SENTENCES) {
    const m = pattern.exec(text);
    if (!m) continue;
    try {
      return say(m.slice(1), new Say(words));
    } catch (error) {
      if (error instanceof Untranslated) continue;
      throw error;
    }
  }
  // Several reasons joined ("p-an averaged 8 of 10, …; p-binh averaged …"): each must be read.
  const parts = text.split('; ');
  if (parts.length < 2) return null;
  const read = parts.map((part) => reasonInVietnamese(part, words));
  return read.every((part) => part !== null) ? read.join('; ') : null;
}

class Untranslated extends Error {}

/** The pieces a sentence is built of, in Vietnamese. */
class Say {
  constructor(readonly words: ReasonVocabulary) {}

  /** A count or threshold with the Vietnamese decimal comma: `6.5` → `6,5`. */
  n(value: string): string {
    return value.replace('.', ',');
  }

  day(iso: string): string {
    return formatDay(iso);
  }

  /** Who is counted: members of the collective, those summoned, the council's delegates. */
  base(name: string): string {
    const base = BASES[name];
    if (!base) throw new Untranslated();
    return base;
  }

  /** A count of a tally the API takes (`present`, `for`, …). */
  field(name: string): string {
    const field = FIELDS[name];
    if (!field) throw new Untranslated();
    return field;
  }

  /** A part that is itself a reason (a ballot's result inside a refusal). */
  reason(text: string): string {
    const read = reasonInVietnamese(text, this.words);
    if (read === null) throw new Untranslated();
    return read;
  }

  /** A rule set's parameter by its instrument, else the rule set by its title (never the ids). */
  ruleGround(ruleSetId: string, param: string): string {
    return this.words.ruleGround(ruleSetId, param) ?? this.words.ruleSet(ruleSetId);
  }

  citation(text: string): string {
    const read = citationInVietnamese(text);
    if (read === null) throw new Untranslated();
    return read;
  }

  /** `p-an, p-binh` (ids the reason lists) with names. */
  list(ids: string, name: (id: string) => string): string {
    return ids.split(', ').map(name).join(', ');
  }

  /** `p-an (16), p-binh (9)` with names. */
  candidates(list: string): string {
    return list
      .split(', ')
      .map((entry) => {
        const m = /^(\S+) \((\d+)\)$/.exec(entry);
        if (!m) throw new Untranslated();
        return `${this.words.person(m[1])} (${m[2]})`;
      })
      .join(', ');
  }

  /** `p-an 10 of 40 summoned (25 %), p-binh 28 of 40 summoned (70 %)` with names. */
  shares(list: string): string {
    return list
      .split(', ')
      .map((entry) => {
        const m = /^(\S+) (\d+) of (\d+) summoned \(([\d.]+) %\)$/.exec(entry);
        if (!m) throw new Untranslated();
        return `${this.words.person(m[1])} ${m[2]}/${m[3]} người được triệu tập (${this.n(m[4])} %)`;
      })
      .join(', ');
  }

  /** `warning 3 + reprimand 4` with the forms' names. */
  formVotes(list: string): string {
    return list
      .split(' + ')
      .map((entry) => {
        const m = /^(\S+) (\d+)$/.exec(entry);
        if (!m) throw new Untranslated();
        return `${this.words.form(m[1])} ${m[2]}`;
      })
      .join(' + ');
  }
}

const BASES: Record<string, string> = {
  members: 'thành viên',
  summoned: 'người được triệu tập',
  delegates: 'đại biểu',
};

const FIELDS: Record<string, string> = {
  members: 'số thành viên',
  summoned: 'số người được triệu tập',
  present: 'số người có mặt',
  for: 'số đồng ý',
  against: 'số không đồng ý',
  abstain: 'số người không biểu quyết',
  invalid: 'số phiếu không hợp lệ',
  noDiscipline: 'số phiếu không kỷ luật',
};

const N = '(\\d+(?:\\.\\d+)?)';
const DAY = '(\\d{4}-\\d{2}-\\d{2})';
const ID = '(\\S+)';

type Sentence = [RegExp, (m: string[], say: Say) => string];

const sentence = (source: string, say: Sentence[1]): Sentence => [new RegExp(`^${source}$`), say];

/** Ballots of a collective (majority-ballot.ts, attendance.ts, tally.ts). */
const BALLOTS: Sentence[] = [
  sentence(
    `(passed|failed): ${N} of ${N} (\\w+) for, needs more than ${N}`,
    ([o, f, b, k, x], s) =>
      `${o === 'passed' ? 'Đạt' : 'Không đạt'}: ${f}/${b} ${s.base(k)} đồng ý, cần hơn ${s.n(x)}`,
  ),
  sentence(
    `tie: ${N} of ${N} (\\w+) for, exactly ${N}; the head of the collective must decide`,
    ([f, b, k, x], s) =>
      `Ngang ngưỡng: ${f}/${b} ${s.base(k)} đồng ý, đúng bằng ${s.n(x)}; người đứng đầu tập thể quyết định`,
  ),
  sentence(
    `(passed|failed) by the head's decision on a tie: ${N} of ${N} (\\w+) for, exactly ${N}`,
    ([o, f, b, k, x], s) =>
      `${o === 'passed' ? 'Đạt' : 'Không đạt'} theo quyết định của người đứng đầu khi ngang ngưỡng: ${f}/${b} ${s.base(k)} đồng ý, đúng bằng ${s.n(x)}`,
  ),
  sentence(`ballot (.+)`, ([inner], s) => `Biểu quyết — ${s.reason(inner)}`),
  sentence(
    `no quorum: ${N} of ${N} (\\w+) present, needs at least ${N}`,
    ([p, b, k, x], s) => `Không đủ túc số: ${p}/${b} ${s.base(k)} có mặt, cần ít nhất ${s.n(x)}`,
  ),
  sentence(
    `${N} present, but only ${N} summoned`,
    ([p, b]) => `${p} người có mặt, nhưng chỉ ${b} người được triệu tập`,
  ),
  sentence(
    `${N} summoned, but the collective has ${N} members`,
    ([b, m]) => `${b} người được triệu tập, nhưng tập thể chỉ có ${m} thành viên`,
  ),
  sentence(
    `for \\+ against \\+ abstain \\+ invalid = ${N}, but ${N} present`,
    ([c, p]) =>
      `đồng ý + không đồng ý + không biểu quyết + phiếu không hợp lệ = ${c}, nhưng có ${p} người có mặt`,
  ),
  sentence(
    `(\\w+) must be a whole number ≥ 0 \\(got (.*)\\)`,
    ([field, got], s) => `${s.field(field)} phải là số nguyên ≥ 0 (đã nhập ${got})`,
  ),
];

/** The council's election and the nomination of candidates (council-election.ts, nomination-ballot.ts). */
const ELECTIONS: Sentence[] = [
  sentence(
    `for \\+ against \\+ invalid = ${N}, but ${N} present`,
    ([c, p]) =>
      `tán thành + không tán thành + phiếu không hợp lệ = ${c}, nhưng có ${p} người có mặt`,
  ),
  sentence(
    `${N} present, but the council has ${N} delegates`,
    ([p, d]) => `${p} người có mặt, nhưng Hội đồng chỉ có ${d} đại biểu`,
  ),
  sentence(
    `(elected|not elected): ${N} of ${N} delegates for, needs more than ${N}`,
    ([o, f, d, x], s) =>
      `${o === 'elected' ? 'Trúng cử' : 'Không trúng cử'}: ${f}/${d} đại biểu tán thành, cần hơn ${s.n(x)}`,
  ),
  sentence(
    `votes for ${ID} must be a whole number ≥ 0`,
    ([id], s) => `số phiếu của ${s.words.person(id)} phải là số nguyên ≥ 0`,
  ),
  sentence(`${ID} is listed twice`, ([id], s) => `${s.words.person(id)} có tên hai lần`),
  sentence(
    `${N} ballots counted, but ${N} present`,
    ([c, p]) => `kiểm được ${c} phiếu, nhưng chỉ có ${p} người có mặt`,
  ),
  sentence(
    `selected ${ID}: ${N} of ${N} summoned, needs the most votes and more than ${N}`,
    ([id, v, b, x], s) =>
      `Chọn ${s.words.person(id)}: ${v}/${b} người được triệu tập, cần nhiều phiếu nhất và hơn ${s.n(x)}`,
  ),
  sentence(
    `nobody passed \\((?:${ID} had ${N} of ${N} summoned|(no votes)), needs the most votes and more than ${N}\\); forward: (.*)`,
    ([id, v, b, none, x, forward], s) =>
      `Không ai đạt (${none ? 'không có phiếu' : `${s.words.person(id)} được ${v}/${b} người được triệu tập`}, cần nhiều phiếu nhất và hơn ${s.n(x)}); giới thiệu tiếp: ${forward ? s.candidates(forward) : 'không ai'}`,
  ),
  sentence(
    `reference: ${N} of ${N} (\\w+) for \\(${N} %\\), ${N} against, ${N} abstaining; recorded as one basis for the decision, not a pass mark`,
    ([f, b, k, pct, a, ab], s) =>
      `Tham khảo: ${f}/${b} ${s.base(k)} đồng ý (${s.n(pct)} %), ${a} không đồng ý, ${ab} không biểu quyết; ghi nhận làm một căn cứ để quyết định, không phải ngưỡng phải đạt`,
  ),
  sentence(
    `reference: (\\S+ \\d+ of \\d+ summoned \\([\\d.]+ %\\)(?:, \\S+ \\d+ of \\d+ summoned \\([\\d.]+ %\\))*)(?:; the most votes: ${ID} \\(${N}\\))?; recorded as one basis for the decision, not a pass mark`,
    ([each, top, topVotes], s) =>
      `Tham khảo: ${s.shares(each)}${top ? `; nhiều phiếu nhất: ${s.words.person(top)} (${topVotes})` : ''}; ghi nhận làm một căn cứ để quyết định, không phải ngưỡng phải đạt`,
  ),
];

/** The discipline ballot on a form (form-ballot.ts). */
const DISCIPLINE: Sentence[] = [
  sentence(
    `no form reached more than ${N} of ${N} members(, even added from the heaviest down)? \\(most: ${ID} ${N}; no discipline ${N}\\)`,
    ([x, m, added, form, v, none], s) =>
      `Không hình thức nào được hơn ${s.n(x)}/${m} thành viên${added ? ', kể cả khi cộng dồn từ hình thức nặng nhất' : ''} (nhiều nhất: ${s.words.form(form)} ${v}; không kỷ luật ${none})`,
  ),
  sentence(
    `${ID}: ${N} votes, more than ${N} of ${N} members`,
    ([form, v, x, m], s) => `${s.words.form(form)}: ${v} phiếu, hơn ${s.n(x)}/${m} thành viên`,
  ),
  sentence(
    `no form had more than ${N} of ${N} members alone; adding from the heaviest: (.+) = ${N}, so ${ID}`,
    ([x, m, list, sum, form], s) =>
      `Không hình thức nào riêng được hơn ${s.n(x)}/${m} thành viên; cộng dồn từ hình thức nặng nhất: ${s.formVotes(list)} = ${sum}, nên là ${s.words.form(form)}`,
  ),
  sentence(
    `the ballot chose ${ID}, which needs the cell's proposal \\(expulsionProposal: cellMembers and for\\)`,
    ([form], s) =>
      `Biểu quyết chọn ${s.words.form(form)}, hình thức phải có đề nghị của chi bộ (expulsionProposal: cellMembers và for)`,
  ),
  sentence(
    `${ID} needs at least ${N} of the cell's ${N} members to propose it; ${N} did`,
    ([form, x, m, f], s) =>
      `${s.words.form(form)} cần ít nhất ${s.n(x)}/${m} đảng viên chi bộ đề nghị; có ${f} đề nghị`,
  ),
  sentence(
    `(.+); proposed by ${N} of ${N} cell members`,
    ([inner, f, m], s) => `${s.reason(inner)}; được ${f}/${m} đảng viên chi bộ đề nghị`,
  ),
  sentence(
    `votes for forms \\+ noDiscipline \\+ invalid = ${N}, but ${N} present`,
    ([c, p]) =>
      `phiếu cho các hình thức + không kỷ luật + phiếu không hợp lệ = ${c}, nhưng có ${p} người có mặt`,
  ),
  sentence(
    `"(.+)" is not a form of this track \\((.+)\\)`,
    ([form, forms], s) =>
      `"${s.words.form(form)}" không phải là hình thức kỷ luật của đối tượng này (${forms
        .split(', ')
        .map((f) => s.words.form(f))
        .join(', ')})`,
  ),
  sentence(
    `votes must be a whole number ≥ 0 \\(got (.*)\\)`,
    ([got]) => `số phiếu phải là số nguyên ≥ 0 (đã nhập ${got})`,
  ),
  sentence(`ballot: (.+)`, ([inner], s) => `Biểu quyết: ${s.reason(inner)}`),
  sentence(
    `expulsionProposal: (.+) \\((.+)\\)`,
    ([inner, citation], s) => `Đề nghị khai trừ: ${s.reason(inner)} (${s.citation(citation)})`,
  ),
];

/** Whether a person may be appointed (eligibility.ts) and a rotation's placement (placement-group.ts). */
const ELIGIBILITY: Sentence[] = [
  sentence(
    `discipline \\(${ID}, (.+)\\) (?:in effect|bars a higher post) (?:(with no end date)|until ${DAY})`,
    ([form, ref, noEnd, until], s) =>
      `Kỷ luật (${s.words.form(form)}, ${ref}) hạn chế bổ nhiệm chức vụ cao hơn ${noEnd ? 'không có thời hạn kết thúc' : `đến ngày ${s.day(until)}`}`,
  ),
  sentence(
    `discipline case ${ID} is open( past verification)? \\((.+)\\)`,
    ([caseId, past, citation], s) =>
      `Đang có hồ sơ kỷ luật ${caseId}${past ? ' đã qua bước xác minh' : ''} (${s.citation(citation)})`,
  ),
  sentence(
    `takes up ${ID} on ${DAY} \\((.+)\\)`,
    ([position, day, ref], s) =>
      `Sẽ đảm nhiệm chức vụ ${s.words.position(position)} từ ngày ${s.day(day)} (${ref})`,
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
  sentence(
    `not in the planning pool for ${ID} or an equivalent or higher post`,
    ([position], s) =>
      `Chưa được quy hoạch vào chức vụ ${s.words.position(position)} hoặc chức vụ tương đương, cao hơn`,
  ),
  sentence(
    `over the age limit of ${ID}: retired on ${DAY}, past the retirement age \\((.+)\\)`,
    ([ruleSet, retired, citation], s) =>
      `Quá tuổi theo ${ruleSet}: đã đến tuổi nghỉ hưu ngày ${s.day(retired)} (${s.citation(citation)})`,
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

/** How a step ended a case (case.steps.ts, case.nominees.ts, case.election.ts, exam-scores.ts). */
const ENDINGS: Sentence[] = [
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
      `${s.reason(inner)}: gửi quyết định của người đứng đầu (headDecision "for" hoặc "against")`,
  ),
];

/** What vetting reads off the person's record, a closure, the end of a post left. */
const RECORD_NOTES: Sentence[] = [
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
    `planning pool (\\d{4}-\\d{4}) for ${ID} \\((.+)\\)`,
    ([term, position, ref], s) =>
      `Trong quy hoạch nhiệm kỳ ${term} vào chức vụ ${s.words.position(position)} (${ref})`,
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
  sentence(
    `new term from ${DAY} \\((.+)\\)`,
    ([day, ref], s) => `Bổ nhiệm lại, nhiệm kỳ mới từ ngày ${s.day(day)} (${ref})`,
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
const PLANNING_RESTORATIONS: Sentence[] = [
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
 * (post-restoration.ts): the person holds the post again, or its term ended before the review.
 */
const POST_RESTORATIONS: Sentence[] = [
  sentence(
    `post\\.held_again: the person holds ${ID} again \\(from ${DAY}, (.+)\\)`,
    ([position, day, ref], s) =>
      `Đang giữ lại chức vụ ${s.words.position(position)} theo quyết định khác (từ ngày ${s.day(day)}, ${withDaysFormatted(ref)})`,
  ),
  sentence(
    `post\\.term_ended: the term of ${ID} \\((.+)\\) ended on ${DAY}, before ${DAY}`,
    ([position, ref, ended, reviewed], s) =>
      `Nhiệm kỳ chức vụ ${s.words.position(position)} (${withDaysFormatted(ref)}) đã kết thúc ngày ${s.day(ended)}, trước ngày ${s.day(reviewed)}`,
  ),
];

/** How a removal case ended the post (`removal-record.process.ts`: the definition's kind). */
const REMOVALS = {
  dismissal: 'Miễn nhiệm',
  relief: 'Cho thôi giữ chức vụ',
  resignation: 'Từ chức',
  suspension: 'Tạm đình chỉ công tác',
};

/** A decision's term and its ground (`termRule`: case.decision.ts and each procedure's rules). */
const TERMS: Sentence[] = [
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
    ([minimum, given, param, citation], s) =>
      `termYears: thời gian luân chuyển, điều động ít nhất ${s.n(minimum)} năm, đã nhập ${s.n(given)} (${param}: ${s.citation(citation)})`,
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
const REAPPOINTMENT_START: Sentence[] = [
  sentence(
    `effectiveFrom: ${DAY} is before ${DAY}, when the term of ${ID} held since ${DAY} \\((.+?)\\) (ends|ended); the new term starts on that day or later \\((Nghị định 138/2020/NĐ-CP art\\. 41\\(1\\).+?)\\); the re-appointment notice: ${N} (days|working days) before the term ends \\((.+)\\)`,
    ([from, endsOn, position, since, ref, ends, , amount, unit, citation], s) =>
      `Ngày hiệu lực ${s.day(from)} trước ngày ${s.day(endsOn)}, ngày ${ends === 'ends' ? 'kết thúc' : 'đã kết thúc'} nhiệm kỳ giữ chức vụ ${s.words.position(position)} từ ngày ${s.day(since)} (${withDaysFormatted(ref)}); nhiệm kỳ mới bắt đầu từ ngày đó trở đi (Nghị định 138/2020/NĐ-CP, Điều 41(1), Điều 49(1) — đối chiếu với bản tóm lược, chưa với văn bản gốc); thông báo bổ nhiệm lại chậm nhất ${amount} ${unit === 'days' ? 'ngày' : 'ngày làm việc'} trước ngày hết nhiệm kỳ (${s.citation(citation)})`,
  ),
];

/** The day a status period ended (status-periods.ts), refused. */
const STATUS_ENDS: Sentence[] = [
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

const SENTENCES: Sentence[] = [
  ...STATUS_ENDS,
  ...REAPPOINTMENT_START,
  ...BALLOTS,
  ...ELECTIONS,
  ...DISCIPLINE,
  ...PLANNING_RESTORATIONS,
  ...POST_RESTORATIONS,
  ...ELIGIBILITY,
  ...ENDINGS,
  ...TERMS,
  ...RECORD_NOTES,
];
