import { DAY, N, ID, Sentence, sentence, Untranslated } from './sentence';

/** `p-an (total 16, this part 8.5)` or `p-an (12 for)`: the level candidates with their counts. */
const LEVEL = (list: string, say: (id: string) => string, n: (v: string) => string) =>
  list
    .split(/, (?=\S+ \()/)
    .map((entry) => {
      const total = /^(\S+) \(total ([\d.]+), this part ([\d.]+)\)$/.exec(entry);
      if (total) return `${say(total[1])} (tổng ${n(total[2])}, phần thi này ${n(total[3])})`;
      const votes = /^(\S+) \((\d+) for\)$/.exec(entry);
      if (votes) return `${say(votes[1])} (${votes[2]} phiếu đồng ý)`;
      throw new Untranslated();
    })
    .join(', ');

/**
 * The competitive examination's registration and scores, and level candidates or nominees
 * (exam-registration.ts, exam-scores.ts, exam-winner.ts, case.nominees.ts).
 */
export const EXAM_REFUSALS: Sentence[] = [
  sentence(
    `candidates: ${N} registered; the examination is held with at least ${N} \\((.+)\\)`,
    ([count, least, citation], s) =>
      `Có ${count} người đăng ký; kỳ thi chỉ tổ chức khi có ít nhất ${least} người (${s.citation(citation)})`,
  ),
  // An examination's candidates and a nomination's alike name the line (both `candidates`).
  sentence(
    `candidates\\[(\\d+)\\]\\.personId: ${ID} is listed twice`,
    ([index, person], s) =>
      `Dòng ${Number(index) + 1} của danh sách: ${s.words.person(person)} có tên hai lần`,
  ),
  sentence(
    `\\S+: ${ID} has no record in the registry`,
    ([person], s) => `${s.words.person(person)} không có hồ sơ trong cơ sở dữ liệu cán bộ`,
  ),
  // A candidate who holds the post the examination fills (candidate-holding-post.ts).
  sentence(
    `\\S+: ${ID} already holds ${ID}(?: since ${DAY})?(?: \\(term until ${DAY}\\))?: an examination is held to fill a post the candidates do not hold; to renew the term held, use (\\S+)`,
    ([person, position, since, termEnd, route], s) =>
      `${s.words.person(person)} đang giữ chức vụ ${s.words.position(position)}${since ? ` từ ngày ${s.day(since)}` : ''}${termEnd ? ` (nhiệm kỳ đến ngày ${s.day(termEnd)})` : ''}: thi tuyển chỉ dành cho người chưa giữ chức vụ này; để giữ chức vụ khi hết nhiệm kỳ, dùng thủ tục ${s.words.procedure(route)}`,
  ),
  sentence(
    `\\S+: ${ID} does not meet the post's standards: (.+)`,
    ([person, unmet], s) =>
      `${s.words.person(person)} chưa đáp ứng tiêu chuẩn của chức vụ: ${unmet
        .split('; ')
        .map((entry) => {
          const m = /^(\S+): (.+)$/.exec(entry);
          return m ? `${s.words.vettingItem(m[1])}: ${s.reason(m[2])}` : s.reason(entry);
        })
        .join('; ')}`,
  ),
  sentence(
    `board\\.present: ${N} present is more than the board's ${N} members`,
    ([present, members]) =>
      `Số thành viên hội đồng có mặt (${present}) nhiều hơn số thành viên hội đồng (${members})`,
  ),
  sentence(
    `board\\.present: ${N} members scored; the board scores with at least ${N} present \\((.+)\\)`,
    ([present, least, citation], s) =>
      `${present} thành viên chấm điểm; hội đồng chấm điểm khi có ít nhất ${least} thành viên có mặt (${s.citation(citation)})`,
  ),
  sentence(
    `\\S+: ${N} scores for ${ID}; each of the ${N} members present gives one`,
    ([count, person, present], s) =>
      `${count} điểm cho ${s.words.person(person)}; mỗi thành viên có mặt (${present} người) cho một điểm`,
  ),
  sentence(
    `\\S+: ${N} is outside the scale 0 to ${N} \\((.+)\\)`,
    ([score, scale, citation], s) =>
      `Điểm ${s.n(score)} nằm ngoài thang điểm 0 đến ${s.n(scale)} (${s.citation(citation)})`,
  ),
  sentence(
    `winnerChoice: (.+) are level; the appointing authority chooses one of them \\((.+)\\)`,
    ([level, citation], s) =>
      `${LEVEL(
        level,
        (id) => s.words.person(id),
        (v) => s.n(v),
      )} bằng điểm nhau; người đứng đầu cơ quan có thẩm quyền bổ nhiệm chọn một người (${s.citation(citation)})`,
  ),
  sentence(
    `headChoice: (.+) passed level; the head of the collective chooses one of them \\((.+)\\)`,
    ([level, citation], s) =>
      `${LEVEL(
        level,
        (id) => s.words.person(id),
        (v) => s.n(v),
      )} đạt với số phiếu ngang nhau; người đứng đầu tập thể chọn một người (${s.citation(citation)})`,
  ),
];
