import { N, DAY, ID, Sentence, sentence } from './sentence';
import { caseStatus } from './step-refusals';

/** What an appointment waits for (prerequisite-case.ts names): the approval, or the agreement. */
const WHAT = '(the approval in principle|the agreement \\(hiệp y\\))';
const what = (english: string) =>
  english === 'the approval in principle' ? 'Ý kiến chủ trương' : 'Ý kiến hiệp y';

/** The field an appointment names its prerequisite case in. */
const FIELD = '(?:approvalInPrincipleCaseId|consultationCaseId)';

/** `the line ministry (Bộ quản lý ngành)`: the body's Vietnamese name the setting carries. */
const body = (text: string) => /\(([^()]+)\)$/.exec(text)?.[1] ?? text;

/**
 * An appointment that needs an approval in principle or an agreement (hiệp y) first
 * (prerequisite-opening.ts, prerequisite-case.ts, approval-in-principle-rules.ts, consultation-rules.ts).
 */
export const PREREQUISITE_REFUSALS: Sentence[] = [
  sentence(
    `approvalInPrincipleCaseId: an appointment to ${ID} run by ${ID} needs the approval in principle of ${ID} first \\((.+)\\); open an approval_in_principle case and name it`,
    ([position, unit, authority, citation], s) =>
      `Việc bổ nhiệm vào chức vụ ${s.words.position(position)} do ${s.words.orgUnit(unit)} thực hiện cần có ý kiến chủ trương của ${s.words.orgUnit(authority)} trước (${s.citation(citation)}); hãy mở hồ sơ xin chủ trương và ghi mã hồ sơ đó`,
  ),
  sentence(
    `consultationCaseId: an appointment to ${ID} \\(rank ${N} ≥ ${N}, appointed by the \\S+ ${ID}\\) needs the agreement \\(hiệp y\\) of (.+) first \\((.+)\\); open a consultation case and name it`,
    ([position, rank, minRank, authority, consulted, citation], s) =>
      `Việc bổ nhiệm vào chức vụ ${s.words.position(position)} (bậc ${rank} ≥ ${minRank}, do ${s.words.orgUnit(authority)} bổ nhiệm) cần có ý kiến hiệp y của ${body(consulted)} trước (${s.citation(citation)}); hãy mở hồ sơ hiệp y và ghi mã hồ sơ đó`,
  ),
  sentence(
    `${FIELD}: ${ID} is not (an approval-in-principle case|a consultation case)`,
    ([caseId, kind]) =>
      `${caseId} không phải là hồ sơ ${kind === 'a consultation case' ? 'hiệp y' : 'xin chủ trương'}`,
  ),
  // The other post (prerequisite-opening.ts) or the other person (prerequisite-procedure.module.ts).
  sentence(
    `${FIELD}: ${ID} asks (approval|agreement) for ${ID}, not ${ID}`,
    ([caseId, asks, asked, wanted], s) => {
      const named = (id: string) => {
        const post = s.words.position(id);
        return post !== id ? `chức vụ ${post}` : s.words.person(id);
      };
      return `Hồ sơ ${caseId} xin ${asks === 'approval' ? 'chủ trương' : 'ý kiến hiệp y'} cho ${named(asked)}, không phải ${named(wanted)}`;
    },
  ),
  sentence(
    `${WHAT} \\(${ID}\\) has not been given yet(?:: its current step is due on ${DAY})?`,
    ([english, caseId, due], s) =>
      `${what(english)} (hồ sơ ${caseId}) chưa có${due ? `: bước hiện tại của hồ sơ đó đến hạn ngày ${s.day(due)}` : ''}`,
  ),
  sentence(
    `${WHAT} \\(${ID}\\) was ([a-z_]+): (.+)`,
    ([english, caseId, status, reason], s) =>
      `${what(english)} (hồ sơ ${caseId}) ${caseStatus(status)}: ${reason === 'no reason recorded' ? 'không ghi lý do' : s.asRecorded(reason)}`,
  ),
  sentence(
    `${WHAT} (.+) \\(${ID}\\) of ${DAY} gave until ${DAY} to complete the appointment; today is ${DAY}`,
    ([english, number, caseId, heldOn, until, today], s) =>
      `${what(english)} số ${number} (hồ sơ ${caseId}) ngày ${s.day(heldOn)} cho phép hoàn thành việc bổ nhiệm đến ngày ${s.day(until)}; hôm nay là ngày ${s.day(today)}`,
  ),
];
