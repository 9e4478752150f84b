import { N, ID, Sentence, sentence } from './sentence';

/** Ballots of a collective (majority-ballot.ts, attendance.ts, tally.ts). */
export const BALLOTS: Sentence[] = [
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
  // The whole number of people needed, then the rule's share: "needs at least 9 (2/3 of 13)".
  sentence(
    `no quorum: ${N} of ${N} (\\w+) present, needs at least ${N} \\(${N}/${N} of ${N}\\)`,
    ([p, b, k, x, num, den, base], s) =>
      `Không đủ túc số: ${p}/${b} ${s.base(k)} có mặt, cần ít nhất ${s.n(x)} (${num}/${den} của ${base})`,
  ),
  // As written before Dec 2026, with the share itself (8.67).
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
  // A tally the rule cannot judge, named by the count it is about (vote-rule.ts,
  // refuseUnjudgedTally: `tally.present: …`, a nomination's `present: …`): the count by its label,
  // never the path (before: «tally.present: …», or the whole of it in English).
  sentence(
    `(?:tally\\.|vote\\.)?(\\w+): (.+)`,
    ([field, reason], s) => `${capitalised(s.field(field))}: ${s.reason(reason)}`,
  ),
];

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

/** The council's election and the nomination of candidates (council-election.ts, nomination-ballot.ts). */
export const ELECTIONS: Sentence[] = [
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
    `candidates\\[(\\d+)\\]\\.votes: votes for ${ID} must be a whole number ≥ 0`,
    ([index, id], s) =>
      `Dòng ${Number(index) + 1} của danh sách: số phiếu của ${s.words.person(id)} phải là số nguyên ≥ 0`,
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
export const DISCIPLINE: Sentence[] = [
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
