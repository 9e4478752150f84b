import { N, DAY, ID, Sentence, sentence, Untranslated } from './sentence';
import type { Say } from '../reason-in-vietnamese';
import { pendingPostTitle } from './step-refusals';

/** How a post is filled (`filledBy`). */
const FILLED_BY: Record<string, string> = { appointment: 'bổ nhiệm', election: 'bầu cử' };
const filledBy = (how: string) => FILLED_BY[how] ?? how;

/** A post's title and id (`Chủ tịch UBND xã (pos-ct-xa)`), as the refusal names it. */
const POST = '(.+) \\((\\S+)\\)';

/**
 * Why a case could not be opened (cases.controller.ts, case-context.factory.ts, open-case-slots.ts,
 * unit-authority.ts, post-held-by-another.ts, case-id-reservations.ts and each procedure's rules).
 */
export const OPENING_REFUSALS: Sentence[] = [
  sentence(
    'openedOn: the day the paper case began goes with paperRecordRef',
    () => 'Ngày bắt đầu của hồ sơ giấy đi kèm số, ký hiệu hồ sơ giấy',
  ),
  sentence(
    `openedOn: opening a case as of a past day needs the role (.+)`,
    ([roles], s) => `Mở hồ sơ theo một ngày trong quá khứ cần vai trò ${s.roles(roles)}`,
  ),
  sentence(
    `definition: (\\S+)@${N} was not in force on ${DAY} \\(from ${DAY}\\)`,
    ([definition, version, day, from], s) =>
      `Quy trình ${definition} (phiên bản ${version}) chưa có hiệu lực vào ngày ${s.day(day)} (có hiệu lực từ ngày ${s.day(from)})`,
  ),
  sentence(
    `(?:openedOn: )?no rule set of ${ID}'s track is in force on ${DAY}`,
    ([, day], s) => `Không có bộ quy định nào của quy trình này có hiệu lực vào ngày ${s.day(day)}`,
  ),
  sentence(
    `(?:(?:asOf|to): )?no rule set is in force on ${DAY}`,
    ([day], s) => `Không có bộ quy định nào có hiệu lực vào ngày ${s.day(day)}`,
  ),
  sentence(
    `(?:\\S+: )?person ${ID} is not registered`,
    ([person], s) => `${s.words.person(person)} chưa được đăng ký trong hồ sơ cán bộ`,
  ),
  sentence(
    `(?:asOf: )?person ${ID} was not yet registered on ${DAY} \\(registered on ${DAY}\\)`,
    ([person, day, registeredOn], s) =>
      `Ngày ${s.day(day)} ${s.words.person(person)} chưa được đăng ký trong hồ sơ cán bộ (đăng ký ngày ${s.day(registeredOn)})`,
  ),
  sentence(
    `(?:\\S+: )?position ${ID} does not exist`,
    ([position]) => `Chức vụ ${position} không tồn tại`,
  ),
  sentence(
    `(?:\\S+: )?org unit ${ID} does not exist`,
    ([unit], s) => `Đơn vị ${s.words.orgUnit(unit)} không tồn tại`,
  ),
  sentence(
    `(?:${ID}|the post \\(opened without a person\\)) already has an open ${ID} case for post ${ID}, opened in a unit your grant for ${ID} does not cover; it must be closed \\(decided, withdrawn or rejected\\) before another is opened`,
    ([person, procedure, position], s) =>
      `${person ? s.words.person(person) : 'Chức vụ (hồ sơ mở không gắn với người)'} đã có hồ sơ ${s.words.procedure(procedure)} đang mở cho chức vụ ${s.words.position(position)} tại một đơn vị ngoài phạm vi được phân quyền của bạn; hồ sơ đó phải được kết thúc (ra quyết định, rút hoặc từ chối) trước khi mở hồ sơ khác`,
  ),
  sentence(
    `(?:${ID}|the post \\(opened without a person\\)) already has an open ${ID} case for post ${ID}(?:: ${ID})?; close it \\(decide, withdraw or reject\\) before opening another`,
    ([person, procedure, position, caseId], s) =>
      `${person ? s.words.person(person) : 'Chức vụ (hồ sơ mở không gắn với người)'} đã có hồ sơ ${s.words.procedure(procedure)} đang mở cho chức vụ ${s.words.position(position)}${caseId ? `: ${caseId}` : ''}; cần kết thúc hồ sơ đó (ra quyết định, rút hoặc từ chối) trước khi mở hồ sơ khác`,
  ),
  sentence(
    `orgUnitId: ${ID} neither appoints to ${ID} nor holds it(, nor is it the Party committee of a territory the post lies in)?; open the case in ${ID} \\(its appointing authority\\), ${ID} or a unit above them(, or in the Party committee of the post's territory)?`,
    ([unit, position, party, authority, home], s) =>
      `${s.words.orgUnit(unit)} không có thẩm quyền bổ nhiệm chức vụ ${s.words.position(position)} và không phải đơn vị có chức vụ này${party ? ', cũng không phải cấp ủy của địa bàn có chức vụ' : ''}; mở hồ sơ tại ${s.words.orgUnit(authority)} (cơ quan có thẩm quyền bổ nhiệm), ${s.words.orgUnit(home)} hoặc đơn vị cấp trên của các đơn vị đó${party ? ', hoặc tại cấp ủy của địa bàn có chức vụ' : ''}`,
  ),
  sentence(
    `orgUnitId: ${ID} has no authority over ${ID}, the person's unit: open the case there, in a unit above it, or in an organ of a territory it lies in`,
    ([unit, personUnit], s) =>
      `${s.words.orgUnit(unit)} không có thẩm quyền đối với ${s.words.orgUnit(personUnit)}, đơn vị của người này: mở hồ sơ tại đơn vị đó, tại đơn vị cấp trên, hoặc tại cơ quan của địa bàn có đơn vị đó`,
  ),
  sentence(
    `positionId: ${POST} is held on ${DAY} by ${N} of ${N} seats?: (.+); the post has (?:one holder|\\d+ holders) at a time: end one of those posts first, or record this one from the day a seat falls free`,
    ([title, , on, , seats, holders], s) =>
      `Chức vụ ${title} vào ngày ${s.day(on)} đã đủ ${seats} người đảm nhiệm (${holdersInVietnamese(holders, s)}); cần kết thúc việc giữ chức vụ của một người trong số đó trước, hoặc ghi nhận từ ngày có chỗ trống`,
  ),
  sentence(
    `positionId: ${POST} is held on ${DAY} by ${N} of ${N} seats?: (.+), the day the case opens: the post has no seat free to fill; end one of those posts first \\(a removal case, or the end of a term on record\\), or open the case when a seat falls free`,
    ([title, , on, , seats, holders], s) =>
      `Chức vụ ${title} vào ngày mở hồ sơ (${s.day(on)}) đã đủ ${seats} người đảm nhiệm (${holdersInVietnamese(holders, s)}): không còn chỗ trống; cần kết thúc việc giữ chức vụ của một người trong số đó trước (hồ sơ miễn nhiệm, hoặc ngày hết nhiệm kỳ đã ghi nhận), hoặc mở hồ sơ khi có chỗ trống`,
  ),
  sentence(
    `(?:positionId|effectiveFrom): ${POST} is held on ${DAY} by ${N} of ${N} seats?: (.+), within the new term from ${DAY}(?: to ${DAY})?: the seat is given to another from the end of the term renewed; end that post first \\(a removal case\\), or do not re-appoint`,
    ([title, , on, , seats, holders, from, until], s) =>
      `Chức vụ ${title} vào ngày ${s.day(on)} đã đủ ${seats} người đảm nhiệm (${holdersInVietnamese(holders, s)}), trong nhiệm kỳ mới từ ngày ${s.day(from)}${until ? ` đến ngày ${s.day(until)}` : ''}: chức vụ đã được giao cho người khác từ ngày hết nhiệm kỳ; cần kết thúc chức vụ đó trước (hồ sơ miễn nhiệm), hoặc không bổ nhiệm lại`,
  ),
  // An extension to retirement into days the seat is given to another (extension-seats.ts).
  sentence(
    `(?:positionId|effectiveFrom): ${POST} is held on ${DAY} by ${N} of ${N} seats?: (.+), within the extended term from ${DAY} to ${DAY}: the seat is given to another from the end of the term extended; end that post first \\(a removal case\\), or do not extend the term`,
    ([title, , on, , seats, holders, from, until], s) =>
      `Chức vụ ${title} vào ngày ${s.day(on)} đã đủ ${seats} người đảm nhiệm (${holdersInVietnamese(holders, s)}), trong thời hạn kéo dài từ ngày ${s.day(from)} đến ngày ${s.day(until)}: chức vụ đã được giao cho người khác từ ngày hết nhiệm kỳ; cần kết thúc chức vụ đó trước (hồ sơ miễn nhiệm), hoặc không kéo dài thời hạn giữ chức vụ`,
  ),
  // A decision (an election's confirmation too) whose post filled since the case opened
  // (decision-seats.ts): on its effective day, or later within the term it gives.
  sentence(
    `effectiveFrom: ${POST} is held on ${DAY} by ${N} of ${N} seats?: (.+), (?:(the day the decision takes effect)|within the term the decision gives \\(${DAY} to (?:${DAY}|no end)\\)): (?:(the post was filled since the council's election)|another decision has filled the post since this case opened); end one of those posts first \\(a removal case\\), give the decision the day a seat falls free, or withdraw this case`,
    ([title, , on, , seats, holders, onEffectiveDay, from, until, sinceElection], s) =>
      `Chức vụ ${title} vào ngày ${s.day(on)} đã đủ ${seats} người đảm nhiệm (${holdersInVietnamese(holders, s)}), ${onEffectiveDay ? 'ngày quyết định có hiệu lực' : `trong nhiệm kỳ quyết định giao (từ ngày ${s.day(from)} ${until ? `đến ngày ${s.day(until)}` : 'không có ngày kết thúc'})`}: ${sinceElection ? 'chức vụ đã có người đảm nhiệm kể từ khi Hội đồng nhân dân bầu' : 'một quyết định khác đã giao chức vụ này kể từ khi mở hồ sơ'}; cần kết thúc việc giữ chức vụ của một người trong số đó trước (hồ sơ miễn nhiệm), ghi ngày có hiệu lực là ngày có chỗ trống, hoặc rút hồ sơ này`,
  ),
  sentence(
    `${ID} already holds ${ID}; use (\\S+)`,
    ([person, position, route], s) =>
      `${s.words.person(person)} đang giữ chức vụ ${s.words.position(position)}; dùng thủ tục ${s.words.procedure(route)}`,
  ),
  // A post a decided decision gives from a later day: not held yet, nothing to re-appoint (elected-post.ts).
  sentence(
    `${ID} takes up ${ID} on ${DAY} \\((.+)\\): a decided decision gives them the post from that day`,
    ([person, position, from, ref], s) =>
      `${s.words.person(person)} sẽ đảm nhiệm chức vụ ${s.words.position(position)} từ ngày ${s.day(from)} (theo quyết định ${ref}): đã có quyết định giao chức vụ này từ ngày đó`,
  ),
  sentence(
    `id: case id ${ID} is already used by an? ${ID} case; choose another id`,
    ([caseId, procedure], s) =>
      `Mã hồ sơ ${caseId} đã được dùng cho hồ sơ ${s.words.procedure(procedure)}; hãy chọn mã khác`,
  ),
  sentence(
    `personId: (\\S+?)(?:@${N})? opens for a person \\(only a definition that fills a post opens without one\\)`,
    () =>
      'Quy trình này phải mở cho một người cụ thể (chỉ quy trình tuyển chọn vào chức vụ mới được mở mà không gắn với người)',
  ),
  sentence(
    `positionId: ${POST} is filled by ${ID}, not by election; open an appointment instead`,
    ([title, , how]) =>
      `Chức vụ ${title} được thực hiện theo hình thức ${filledBy(how)}, không phải bầu cử; hãy mở hồ sơ bổ nhiệm`,
  ),
  sentence(
    `positionId: rotation needs a current planning-pool entry for ${ID} or a higher post; the person has (.+)`,
    ([position, entries], s) =>
      `Luân chuyển cần người được quy hoạch (còn hiệu lực) vào chức vụ ${s.words.position(position)} hoặc chức vụ cao hơn; người này có: ${entries === 'none' ? 'không có quy hoạch nào' : s.poolEntries(entries)}`,
  ),
  sentence(
    `retires on ${DAY}: ${N} whole years left, rotation(?: as (.+))? needs ${N} \\((.+)\\)`,
    ([day, left, group, needs, citation], s) =>
      `Nghỉ hưu ngày ${s.day(day)}: còn ${left} năm tròn, luân chuyển${group ? ` (${group})` : ''} cần ít nhất ${needs} năm (${s.citation(citation)})`,
  ),
  sentence(
    `positionId: ${ID} is in ${ID}, the unit of ${ID} the person holds now; a rotation moves a cadre to another agency, unit, level or locality \\(Quy định 65-QĐ/TW\\): appoint or transfer within the unit instead`,
    ([target, unit, held], s) =>
      `Chức vụ ${s.words.position(target)} thuộc ${s.words.orgUnit(unit)}, đơn vị của chức vụ ${s.words.position(held)} người này đang giữ; luân chuyển là đưa cán bộ đến cơ quan, đơn vị, cấp hoặc địa phương khác (Quy định 65-QĐ/TW): hãy bổ nhiệm hoặc điều động trong đơn vị`,
  ),
  sentence(
    `positionId: the person holds no post ${ID} with a term`,
    ([position], s) =>
      `Người này không giữ chức vụ ${s.words.position(position)} có thời hạn bổ nhiệm`,
  ),
  sentence(
    `positionId: the term of ${ID} already runs to ${DAY} by decision (.+), the holder's retirement on ${DAY}; there is nothing to extend`,
    ([position, end, decision, retires], s) =>
      `Thời hạn giữ chức vụ ${s.words.position(position)} đã đến ngày ${s.day(end)} theo quyết định ${decision}, ngày nghỉ hưu ${s.day(retires)}; không còn gì để kéo dài`,
  ),
  sentence(
    `positionId: the term of ${ID} runs to ${DAY} by decision (.+), the holder's retirement on ${DAY}: nothing is re-appointed when the holder retires`,
    ([position, end, decision, retires], s) =>
      `Thời hạn giữ chức vụ ${s.words.position(position)} đến ngày ${s.day(end)} theo quyết định ${decision}, ngày nghỉ hưu ${s.day(retires)}: không bổ nhiệm lại khi người giữ chức vụ nghỉ hưu`,
  ),
  sentence(
    `at the term's end on ${DAY} the holder has ${N} whole years to retirement on ${DAY}; a term is extended to retirement only below ${N} \\((.+)\\); open a re-appointment instead`,
    ([end, left, retires, below, citation], s) =>
      `Khi hết thời hạn ngày ${s.day(end)}, người giữ chức vụ còn ${left} năm tròn đến ngày nghỉ hưu ${s.day(retires)}; chỉ kéo dài thời hạn đến khi nghỉ hưu khi còn dưới ${below} năm (${s.citation(citation)}); hãy mở hồ sơ bổ nhiệm lại`,
  ),
  sentence(
    `a discipline case about the holder is pending \\((.+)\\): re-appointment waits for its decision \\((.+)\\)`,
    ([cases, citation], s) =>
      `Đang có hồ sơ kỷ luật đối với người giữ chức vụ (${casesOutOfGrantInVietnamese(cases)}): việc bổ nhiệm lại chờ quyết định của hồ sơ đó (${s.citation(citation)})`,
  ),
  sentence(
    `the holder is ([a-z ]+) since ${DAY}(?: until ${DAY})? \\((.+)\\)`,
    ([status, from, until, citation], s) =>
      `Người giữ chức vụ: ${s.words.personStatus(status.replace(/ /g, '_'))} từ ngày ${s.day(from)}${until ? ` đến ngày ${s.day(until)}` : ''} (${s.citation(citation)})`,
  ),
  sentence(
    `the holder is ([a-z ]+) from ${DAY} to ${DAY}: ${N} months or more \\((.+)\\)`,
    ([status, from, to, months, citation], s) =>
      `Người giữ chức vụ: ${s.words.personStatus(status.replace(/ /g, '_'))} từ ngày ${s.day(from)} đến ngày ${s.day(to)}: từ ${months} tháng trở lên (${s.citation(citation)})`,
  ),
  sentence(
    `the holder is ([a-z ]+) from ${DAY} with no end date: ${N} months by ${DAY}, ${N} months or more \\((.+)\\)`,
    ([status, from, lasted, day, months, citation], s) =>
      `Người giữ chức vụ: ${s.words.personStatus(status.replace(/ /g, '_'))} từ ngày ${s.day(from)}, chưa xác định ngày kết thúc: đã ${lasted} tháng tính đến ngày ${s.day(day)}, từ ${months} tháng trở lên (${s.citation(citation)})`,
  ),
  sentence(
    `personId: ${ID} takes up ${POST} on ${DAY} by decision (.+), which has not taken effect; a move decided before then would end that post before it begins, and a decided decision is neither withdrawn nor corrected: open this case from ${DAY}, when that decision takes effect`,
    ([person, title, position, from, ref, openFrom], s) =>
      `${s.words.person(person)} sẽ nhận chức vụ ${pendingPostTitle(s, position, title)} từ ngày ${s.day(from)} theo quyết định ${ref}, chưa có hiệu lực; điều động, luân chuyển có hiệu lực trước ngày đó sẽ chấm dứt chức vụ đó trước khi bắt đầu, và quyết định đã ban hành không rút hay sửa được: chờ đến ngày ${s.day(openFrom)}, khi quyết định đó có hiệu lực, rồi mở hồ sơ này`,
  ),
  sentence(
    `positionId: decision (.+) ends ${ID} on ${DAY}, before its term ends on ${DAY}: there is no term to renew \\(annul that decision first if the person is to stay\\)`,
    ([ref, position, ended, termEnd], s) =>
      `Quyết định ${ref} chấm dứt việc giữ chức vụ ${s.words.position(position)} từ ngày ${s.day(ended)}, trước ngày hết nhiệm kỳ ${s.day(termEnd)}: không còn nhiệm kỳ để bổ nhiệm lại (hủy quyết định đó trước nếu người này tiếp tục giữ chức vụ)`,
  ),
  sentence(
    `termYears: an elected post's term ends with the council's term on ${DAY} \\((.+)\\); leave termYears out`,
    ([end, rule], s) =>
      `Nhiệm kỳ của chức vụ do bầu kết thúc cùng nhiệm kỳ của Hội đồng nhân dân ngày ${s.day(end)} (${s.citation(rule)}); để trống thời hạn`,
  ),
  sentence(
    `effectiveFrom: ${DAY} is not before the end of the council's term on ${DAY} \\((.+)\\)`,
    ([from, end, rule], s) =>
      `Ngày có hiệu lực ${s.day(from)} không trước ngày kết thúc nhiệm kỳ của Hội đồng nhân dân ${s.day(end)} (${s.citation(rule)})`,
  ),
  sentence(
    `positionId: the person does not hold post ${ID}`,
    ([position], s) => `Người này không giữ chức vụ ${s.words.position(position)}`,
  ),
  sentence(
    `grounds\\.letterReceivedOn: ${DAY} is before the person took up post ${ID} on ${DAY}; a letter resigning from it cannot come earlier`,
    ([received, position, from], s) =>
      `Ngày nhận đơn từ chức ${s.day(received)} trước ngày người này nhận chức vụ ${s.words.position(position)} (${s.day(from)}); đơn từ chức không thể có trước đó`,
  ),
  sentence(
    `the cadre is ([a-z ]+) since ${DAY} and may not resign while it lasts \\((.+)\\)`,
    ([status, from, citation], s) =>
      `Cán bộ ${s.statusInSentence(status)} từ ngày ${s.day(from)} nên không được từ chức trong thời gian này (${s.citation(citation)})`,
  ),
  sentence(
    `no discipline case about the person is open: suspension is only for the time a discipline case is considered \\((.+)\\)`,
    ([rule], s) =>
      `Không có hồ sơ kỷ luật nào đang mở đối với người này: chỉ tạm đình chỉ công tác trong thời gian xem xét xử lý kỷ luật (${s.citation(rule)})`,
  ),
];

/** The sitting holder as a refusal names them: `Trần Văn B (p-b) from 2024-01-01 until 2029-01-01`. */
const HOLDER = `(.+) \\((\\S+)\\) from ${DAY} (?:(with no end of term recorded)|until ${DAY})`;
const held = (from: string, noEnd: string, until: string, day: (d: string) => string) =>
  `từ ngày ${day(from)} ${noEnd ? '(chưa ghi nhận ngày hết nhiệm kỳ)' : `đến ngày ${day(until)}`}`;

/** A post the council elects: not opened as another procedure, nor while it is held (election-rules.ts). */
export const ELECTED_POST_REFUSALS: Sentence[] = [
  sentence(
    `positionId: ${POST} is filled by election \\(bầu cử\\), not by ${ID}: introduce the candidate to the council or congress that elects it( \\(procedure election, definition election\\.nomination, for a People's Council\\))?`,
    ([title, , , council]) =>
      `Chức vụ ${title} do bầu cử, không theo thủ tục này: hãy giới thiệu người ứng cử để Hội đồng nhân dân hoặc đại hội bầu${council ? ' (thủ tục bầu cử, quy trình giới thiệu để Hội đồng nhân dân bầu)' : ''}`,
  ),
  sentence(
    `positionId: ${POST} is a Party post \\(${ID} is a Party committee\\); the People's Council does not elect it \\(election\\.nomination: (.+)\\), the Party's congress or committee does`,
    ([title, , party, law], s) =>
      `Chức vụ ${title} là chức vụ trong Đảng (${s.words.orgUnit(party)} là cấp ủy); Hội đồng nhân dân không bầu chức vụ này (${law}), mà đại hội hoặc cấp ủy bầu`,
  ),
  sentence(
    `positionId: ${POST} is held by ${HOLDER}, past the day the People's Council's vote is due \\((?:${DAY}|no deadline), by the deadlines of \\S+'s steps\\): the person elected would take a seat that is not free \\(.+\\); end that post first \\(a removal case\\), or open the nomination when the seat falls free by the council's vote`,
    ([title, , name, , from, noEnd, until, due], s) =>
      `Chức vụ ${title} do ${name} đảm nhiệm ${held(from, noEnd, until, s.day)}, quá ngày Hội đồng nhân dân phải biểu quyết (${due ? s.day(due) : 'không có thời hạn'}): người được bầu sẽ nhận một chức vụ chưa trống (chức vụ do Hội đồng nhân dân bầu được giữ trong nhiệm kỳ); cần kết thúc chức vụ đó trước (hồ sơ miễn nhiệm, cho thôi giữ chức vụ), hoặc mở hồ sơ giới thiệu khi chức vụ trống vào ngày Hội đồng biểu quyết`,
  ),
  sentence(
    `councilTermFrom: ${ID} is held by ${HOLDER}, after the council's term from ${DAY} begins: the person elected would take a seat that is not free \\(.+\\); end that post first \\(a removal case\\), or give the term the seat falls free for`,
    ([position, name, , from, noEnd, until, termFrom], s) =>
      `Chức vụ ${s.words.position(position)} do ${name} đảm nhiệm ${held(from, noEnd, until, s.day)}, sau ngày bắt đầu nhiệm kỳ của Hội đồng nhân dân ${s.day(termFrom)}: người được bầu sẽ nhận một chức vụ chưa trống (chức vụ do Hội đồng nhân dân bầu được giữ trong nhiệm kỳ); cần kết thúc chức vụ đó trước (hồ sơ miễn nhiệm, cho thôi giữ chức vụ), hoặc nhập nhiệm kỳ bắt đầu khi chức vụ trống`,
  ),
];

/** The sitting holders a seat refusal lists: "A (p-a) from 2024-01-01 until 2029-01-01; B (p-b) …". */
export function holdersInVietnamese(holders: string, s: Say): string {
  return holders
    .split('; ')
    .map((holder) => {
      const m =
        /^(.+) \((\S+)\) from (\d{4}-\d{2}-\d{2}) (?:(with no end of term recorded)|until (\d{4}-\d{2}-\d{2}))$/.exec(
          holder,
        );
      if (!m) throw new Untranslated();
      const [, name, , from, noEnd, until] = m;
      return `${name} từ ngày ${s.day(from)} ${noEnd ? '(chưa ghi nhận ngày hết nhiệm kỳ)' : `đến ngày ${s.day(until)}`}`;
    })
    .join('; ');
}

/**
 * The cases a re-appointment's refusal counts without naming them (reappointment-rules.ts):
 * "1 opened by a unit above" («do cấp trên mở»), "1 opened by another unit" (a sibling's, «do đơn
 * vị khác mở»). Before, the server said "by a unit above" of a sibling's case too.
 */
function casesOutOfGrantInVietnamese(cases: string): string {
  return cases
    .replace(/(\d+) opened by a unit above/, '$1 hồ sơ do cấp trên mở')
    .replace(/(\d+) opened by another unit/, '$1 hồ sơ do đơn vị khác mở');
}
