import * as path from 'node:path';
import { reasonInVietnamese, ReasonVocabulary } from './reason-in-vietnamese';
import { refuseLighterThanServed } from '../../../src/procedures/discipline/repeat-violation';
import { linkSameViolation } from '../../../src/procedures/discipline/same-violation';
import { refuseViolationAlreadyHandled } from '../../../src/procedures/discipline/violation-handled-once';
import { ViolationsInFile } from '../../../src/imports/imported-violation-handled';
import { PlannedCommand } from '../../../src/imports/import-plan';
import { loadRuleSets } from '../../../src/workflow/rule-sets/rule-set-loader';
import { ruleCitation } from '../../../src/workflow/rule-sets/rule-set';
import { toHttpError } from '../../../src/common/domain-error-mapping';
import { WrongExpectedRevision } from '../../../src/event-store/event-store.errors';
import { refusePostHeldByAnother } from '../../../src/cadres/post-held-by-another';
import { refuseSeatsFullAtOpening } from '../../../src/procedures/appointment/post-seats-at-opening';
import { refuseSeatGivenToAnother } from '../../../src/procedures/reappointment/reappointment-seats';
import { refuseExtendedTermHeldByAnother } from '../../../src/procedures/extension/extension-seats';
import { refuseRemovalAfterLastDay } from '../../../src/procedures/removal/removal-last-day';
import { refuseSeatsFullOnEffectiveDay } from '../../../src/procedures/case/decider/decision-seats';
import {
  CaseContext,
  PersonFactsForVetting,
} from '../../../src/procedures/case/decider/case.context';
import {
  EXAM_REGISTRATION,
  refuseCandidateHoldingPost,
} from '../../../src/procedures/case/decider/candidate-holding-post';
import { Body, Open } from '../../../src/procedures/case/decider/case.types';
import { decideStatusEnd, isStatusRepeat } from '../../../src/cadres/person/status-periods';
import { endedTermViolation } from '../../../src/cadres/person/ended-post-term';
import { refuseWomenOnlyStatusForAMan } from '../../../src/cadres/person/person-record.decide';
import {
  assertPlannableTerm,
  assertPlanningTermNotEnded,
  assertPlanningTermSpan,
  PlannableTermsRule,
} from '../../../src/cadres/planning/planning-term';
import {
  planningDisciplineRule,
  refusePlanningUnderDiscipline,
} from '../../../src/cadres/planning/planning-discipline';
import {
  assertEnoughWorkingTime,
  planningWorkingTime,
} from '../../../src/cadres/planning/planning-working-time';
import { DisciplineOnRecord } from '../../../src/cadres/person/person.state';
import { ageRulesOn, refuseUnderage } from '../../../src/cadres/person/age-rules';
import { registrationViolations } from '../../../src/cadres/person/registration-violations';
import {
  refuseEffectiveBeforeSigned,
  refuseNotOpen,
} from '../../../src/workflow/step-engine/prologue';
import { ProcedureDefinition } from '../../../src/workflow/definitions/procedure-definition';
import { refuseUnjudgedTally } from '../../../src/workflow/step-engine/vote-rule';
import { attendanceProblem } from '../../../src/workflow/vote-rules/attendance';
import { tallyProblems } from '../../../src/workflow/vote-rules/tally';
import { ruleValue } from '../../../src/workflow/rule-sets/rule-set';
import {
  approvalInPrincipleOpening,
  refuseWithoutApproval,
} from '../../../src/procedures/approval-in-principle/approval-in-principle-rules';
import { consultationOpening } from '../../../src/procedures/consultation/consultation-rules';
import { removalOpening } from '../../../src/procedures/removal/removal-grounds';
import { entryProblem } from '../../../src/procedures/transfer-batch/transfer-batch-problem';
import { DomainRuleViolation } from '../../../src/procedures/case/decider/domain-rule-violation';
import { parseReportPeriod } from '../../../src/reports/report-period';
import { decision } from '../../../src/procedures/case/decider/case.decision';
import { yearsInPostCheck } from '../../../src/procedures/case/decider/vetting-posts';
import { refuseBlockingStatus } from '../../../src/procedures/case/decider/blocking-status';
import {
  openDisciplineCasesOf,
  refuseOpenDisciplineCase,
} from '../../../src/procedures/case/decider/open-discipline-case';
import { refuseFormByService } from '../../../src/procedures/discipline/left-service';
import { refuseEffectiveBeforeAnnounced } from '../../../src/procedures/discipline/party-decision-effect';
import {
  pendingPostAtDecision,
  pendingPostAtOpening,
} from '../../../src/procedures/case/decider/pending-post';
import { refuseStartAfterTermContinues } from '../../../src/procedures/reappointment/reappointment-rules';
import {
  EXTENSION_AT_RETIREMENT,
  refuseExtensionAfterTermContinues,
} from '../../../src/procedures/extension/extension-rules';
import {
  appointmentAtRetirement,
  refuseEffectiveFromRetirement,
} from '../../../src/procedures/case/decider/effective-before-retirement';

/** Every id is given a Vietnamese word, so what is left in English is the translator's fault. */
const words: ReasonVocabulary = {
  person: (id) => `«người ${id.slice(2)}»`,
  position: (id) => `«chức vụ ${id.slice(4)}»`,
  form: (id) => `«hình thức ${id.length}»`,
  procedure: (id) => `«thủ tục ${id.length}»`,
  personStatus: (id) => `«tình trạng ${id.length}»`,
  ruleSet: (id) => `«bộ quy định ${id.length}»`,
  ruleGround: () => null,
  step: (id) => `«bước ${id.length}»`,
  orgUnit: (id) => `«đơn vị ${id.slice(3)}»`,
  role: (id) => `«vai trò ${id.length}»`,
  vettingItem: (id) => `«nội dung ${id.length}»`,
};

const ruleSets = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets'));
const ruleSet = ruleSets.find((set) => set.id === 'state-2025-10-08')!;
const partyRuleSet = ruleSets.find((set) => set.track === 'party')!;
const cite = (name: string) => ruleCitation(ruleSet, name);

/** The detail the server refuses with (it throws it; the web reads its message). */
function refusalOf(write: () => unknown): string {
  try {
    write();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the server function did not refuse');
}

/**
 * The refusal read in Vietnamese, whole: no word of the English sentence is left in it (ids,
 * API field names in camelCase and the server's own Vietnamese words aside).
 */
function expectRead(detail: string): string {
  const read = reasonInVietnamese(detail, words);
  expect({ detail, read }).toEqual({ detail, read: expect.any(String) });
  const english = new Set(
    detail
      .split(/\s+/)
      .map((token) => token.replace(/^[("«]+|[)",;:.»]+$/g, ''))
      .filter((w) => /^[a-z]{3,}$/.test(w)),
  );
  const left = (read!.match(/\p{L}+/gu) ?? []).filter((w) => english.has(w));
  expect({ detail, english: left }).toEqual({ detail, english: [] });
  return read!;
}

describe('the refusals of a step form read in Vietnamese, with dd/mm/yyyy days', () => {
  it('a decision effective later than the day it continues the term, or from retirement', () => {
    const post = {
      positionId: 'pos-truong',
      from: '2022-02-01',
      termEnd: '2027-02-01',
      decisionRef: '5-QĐ/UBND',
    };
    const onTime = { effectiveFrom: '2031-01-01', heldOn: '2026-12-01' };
    expect(
      expectRead(
        refusalOf(() =>
          refuseStartAfterTermContinues({ posts: [post], pastPosts: [] }, 'pos-truong', onTime),
        ),
      ),
    ).toBe(
      'Ngày hiệu lực 01/01/2031 sau ngày 01/02/2027, ngày nhiệm kỳ mới nối tiếp nhiệm kỳ giữ chức vụ «chức vụ truong» từ ngày 01/02/2022 (5-QĐ/UBND), kết thúc ngày 01/02/2027; quyết định ký ngày 01/12/2026, trước khi hết nhiệm kỳ: có hiệu lực từ ngày 01/02/2027, ngày hết nhiệm kỳ; ngày muộn hơn để chức vụ không có người giữ từ ngày 01/02/2027 (Nghị định 138/2020/NĐ-CP, Điều 41(1), Điều 49(1) — đối chiếu với bản tóm lược, chưa với văn bản gốc)',
    );
    const ended = { ...post, endedOn: '2027-02-01', reason: 'term ended' };
    const late = { effectiveFrom: '2027-03-01', heldOn: '2027-02-10' };
    expect(
      expectRead(
        refusalOf(() =>
          refuseStartAfterTermContinues({ posts: [], pastPosts: [ended] }, 'pos-truong', late),
        ),
      ),
    ).toContain(
      'đã kết thúc ngày 01/02/2027; quyết định ký ngày 10/02/2027, sau khi nhiệm kỳ đã kết thúc ngày 01/02/2027: có hiệu lực từ ngày ký',
    );
    expect(
      expectRead(refusalOf(() => refuseExtensionAfterTermContinues([post], 'pos-truong', onTime))),
    ).toMatch(/^Ngày hiệu lực 01\/01\/2031 sau ngày 01\/02\/2027, ngày thời hạn kéo dài nối tiếp/);
    const person = { dateOfBirth: '1966-04-10', gender: 'male' as const };
    expect(
      expectRead(
        refusalOf(() =>
          refuseEffectiveFromRetirement(person, ruleSet, '2028-06-01', EXTENSION_AT_RETIREMENT),
        ),
      ),
    ).toMatch(
      /^Ngày hiệu lực 01\/06\/2028 từ ngày nghỉ hưu 30\/04\/2028 của người giữ chức vụ trở đi/,
    );
    expect(
      expectRead(
        refusalOf(() =>
          refuseEffectiveFromRetirement(
            person,
            ruleSet,
            '2040-01-01',
            appointmentAtRetirement('p-an'),
          ),
        ),
      ),
    ).toMatch(/^Ngày hiệu lực 01\/01\/2040 từ ngày 30\/04\/2028 trở đi, ngày «người an» nghỉ hưu/);
  });

  it('a removal effective after the term ends, or after the holder retires', () => {
    const post = {
      positionId: 'pos-truong',
      from: '2022-03-01',
      termEnd: '2027-03-01',
      decisionRef: '5-QĐ/UBND',
    };
    const holder = { dateOfBirth: '1975-04-10', gender: 'male' as const, posts: [post] };
    const far = { effectiveFrom: '9999-12-31', heldOn: '2026-12-07' };
    expect(
      expectRead(refusalOf(() => refuseRemovalAfterLastDay(holder, 'pos-truong', ruleSet, far))),
    ).toBe(
      'Ngày hiệu lực 31/12/9999 sau ngày 01/03/2027, ngày cuối cùng quyết định thôi giữ hoặc tạm đình chỉ chức vụ có thể có hiệu lực: nhiệm kỳ giữ chức vụ «chức vụ truong» từ ngày 01/03/2022 (5-QĐ/UBND) kết thúc ngày 01/03/2027 (Nghị định 138/2020/NĐ-CP, Điều 41(1), Điều 49(1) — đối chiếu với bản tóm lược, chưa với văn bản gốc)',
    );
    const late = { effectiveFrom: '2027-04-01', heldOn: '2027-03-10' };
    expect(
      expectRead(refusalOf(() => refuseRemovalAfterLastDay(holder, 'pos-truong', ruleSet, late))),
    ).toMatch(
      /^Ngày hiệu lực 01\/04\/2027 sau ngày 10\/03\/2027, .*; quyết định ký ngày 10\/03\/2027, sau ngày đó: có hiệu lực chậm nhất từ ngày ký$/,
    );
    const retiring = { ...holder, dateOfBirth: '1966-04-10', posts: [{ ...post, termEnd: null }] };
    expect(
      expectRead(refusalOf(() => refuseRemovalAfterLastDay(retiring, 'pos-truong', ruleSet, far))),
    ).toMatch(
      /^Ngày hiệu lực 31\/12\/9999 sau ngày 30\/04\/2028, .*: người giữ chức vụ «chức vụ truong» nghỉ hưu ngày 30\/04\/2028 \(/,
    );
  });

  it('a step dated before the case was opened, or after today', () => {
    expect(
      expectRead(
        'heldOn: 2026-01-05 is before 2026-01-10, the day the case was opened (openedOn); a case that began earlier on paper is opened by a records clerk as of the day it began',
      ),
    ).toBe(
      'Ngày thực hiện 05/01/2026 trước ngày 10/01/2026, ngày mở hồ sơ; hồ sơ đã bắt đầu trước đó trên giấy thì do văn thư lưu trữ mở theo ngày hồ sơ bắt đầu',
    );
    expectRead(
      'heldOn: 2026-01-05 is before 2026-01-10, the day the case began (openedOn, from paper)',
    );
    expectRead(
      "heldOn: 2026-01-05 is before 2026-01-10 (violation.committedOn), the earliest day of the case's first step verification",
    );
    expectRead('heldOn: 2026-01-05 is before 2026-01-10, the day the step before vetting was held');
    expect(expectRead('heldOn: 2026-12-31 is after today (2026-12-06)')).toBe(
      'Ngày thực hiện 31/12/2026 sau ngày hôm nay (06/12/2026)',
    );
    expectRead('openedOn: 2026-12-31 is after today (2026-12-06)');
  });

  it('a step out of turn, a field it requires, a case no longer open', () => {
    expectRead('step decision is already done; the current step is handover');
    expectRead('step decision cannot be taken yet; the current step is vetting');
    expectRead('minutesRef: step conference requires it');
    const definition = { steps: [{ id: 'decision', kind: 'decision' }] } as ProcedureDefinition;
    expect(
      expectRead(
        refusalOf(() =>
          refuseNotOpen('decided', 'decision', definition, {
            number: '12/QĐ-UBND',
            heldOn: '2026-03-02',
          }),
        ),
      ),
    ).toBe('Quyết định đã được ban hành (số 12/QĐ-UBND ngày 02/03/2026)');
    expectRead(refusalOf(() => refuseNotOpen('rejected', null, definition, null)));
    expectRead(
      refusalOf(() =>
        refuseEffectiveBeforeSigned({ effectiveFrom: '2026-03-01', heldOn: '2026-03-02' }),
      ),
    );
  });

  it('a tally the rule cannot judge, by the label of the count it names, never its path', () => {
    const attendance = { members: 25, summoned: 15, present: 20 };
    const unjudged = (prefix: string) =>
      refusalOf(() =>
        refuseUnjudgedTally(attendanceProblem(attendance, { numerator: 2, denominator: 3 })!, {
          prefix,
        }),
      );
    // A nomination names the count (`present: …`), a ballot and its correction the tally's.
    expect(expectRead(unjudged(''))).toBe(
      'Số người có mặt: 20 người có mặt, nhưng chỉ 15 người được triệu tập',
    );
    expect(expectRead(unjudged('tally.'))).toBe(
      'Số người có mặt: 20 người có mặt, nhưng chỉ 15 người được triệu tập',
    );
    const tally = { ...attendance, summoned: 30, for: 15, against: 5, abstain: 0, invalid: 0 };
    const problem = tallyProblems(tally)[0];
    expect(
      expectRead(
        refusalOf(() =>
          refuseUnjudgedTally(
            { outcome: 'invalid_tally', field: problem.field, reason: problem.message },
            { prefix: 'tally.' },
          ),
        ),
      ),
    ).toBe('Số người được triệu tập: 30 người được triệu tập, nhưng tập thể chỉ có 25 thành viên');
  });

  it('a role or a unit the step is not for, and a correction refused', () => {
    expectRead(
      'step conference is performed by ballot_secretary or leadership; you act as organization_staff',
    );
    expectRead('step conference is performed by ballot_secretary; you act as no role');
    expectRead("your grant for org unit ou-xa does not cover this case's org unit");
  });

  it('a field of its kind the step does not take', () => {
    expectRead(
      'headDecision: the ballot of step key-officials-confidence does not let the head of the collective break a tie (its tally is kept for reference and passes or fails no one)',
    );
    expectRead(
      'tallies[0].headDecision: the ballot of step leadership-round-2 does not let the head of the collective break a tie (headBreaksTie: false, a tie fails the ballot)',
    );
    expectRead(
      "tallies: step leadership-ballot tallies the case's person (tally); a tally per nominee is for a case that fills a post",
    );
    expectRead(
      "headChoice: step leadership-ballot tallies the case's person; the head chooses between nominees only in a case that fills a post",
    );
    expectRead(
      "headDecision: with a tally per nominee, the head's decision on a tie goes with the nominee's tally (tallies[i].headDecision)",
    );
    expectRead(
      'keepsPreviousPost: a reappointment decision moves the person into no other post, so there are no posts held to keep beside it (appointment, rotation and transfer decisions take it)',
    );
    expectRead('appointment.internal@2 names no role that may correct a step');
    expectRead(
      'a step of appointment.internal is corrected by organization_staff; you act as leadership',
    );
    expectRead('step vetting has not been performed yet');
    expectRead(
      'step vetting cannot be corrected: a later step (conference) has been performed since',
    );
    expectRead('step vetting cannot be corrected: the case changed since (CaseWithdrawn)');
    expectRead(
      'the decision of step decision has been issued and takes effect on 2026-12-08 (the post ends that day); it cannot be corrected here',
    );
    for (const effect of [
      'the post ended that day',
      'the holder is suspended from that day, keeping the post',
      'the holder was suspended from that day, keeping the post',
      'the post and its term are assigned from that day',
      'the post and its term were assigned from that day',
    ])
      expectRead(
        `the decision of step decision has been issued and took effect on 2026-12-01 (${effect}); it cannot be corrected here`,
      );
    expectRead(
      'the decision of step decision has been issued and took effect on 2026-12-01; it cannot be corrected here',
    );
    expectRead('the decision of step decision has been issued; it cannot be corrected here');
  });

  it('an appointment held back by a status or by an open discipline case, at each step', () => {
    const on = { ruleSet, day: '2026-11-20' };
    const detained = [{ status: 'detained' as const, from: '2026-10-01', until: null, note: '' }];
    expect(
      expectRead(
        refusalOf(() =>
          refuseBlockingStatus('p-an', detained, on, {
            step: 'the appointment',
            field: 'personId',
          }),
        ),
      ),
    ).toMatch(/^«người an» «tình trạng 8» từ ngày 01\/10\/2026 \(Quy định 377-QĐ\/TW/);
    const onTrial = [
      { status: 'on_trial' as const, from: '2026-10-01', until: '2026-12-31', note: '' },
    ];
    expectRead(
      refusalOf(() => refuseBlockingStatus('p-an', onTrial, on, { step: 'the decision' })),
    );
    const facts = {
      dateOfBirth: '1980-04-12',
      gender: 'female' as const,
      target: { positionId: 'pos-head', rank: 4 },
      planningPool: [],
      posts: [],
      disciplineBars: [],
      openDisciplineCases: [],
      pendingDisciplineCases: ['d-1'],
      disciplineCasesElsewhere: { open: 1, pastVerification: 0 },
    };
    const cases = openDisciplineCasesOf(facts);
    const read = expectRead(
      refusalOf(() => refuseOpenDisciplineCase('p-an', cases, ruleSet, { step: 'the decision' })),
    );
    expect(read).toMatch(
      /^«người an» đang có hồ sơ kỷ luật chưa có quyết định \(hồ sơ kỷ luật d-1; hồ sơ kỷ luật do cấp trên mở\) \(Quy định 377-QĐ\/TW/,
    );
    // At the opening and a nomination, the field naming the person comes first.
    for (const where of [
      { step: 'the appointment', field: 'personId' },
      { step: 'the nomination', field: 'candidates[1].personId' },
    ])
      expect(
        expectRead(refusalOf(() => refuseOpenDisciplineCase('p-an', cases, ruleSet, where))),
      ).toMatch(/^«người an» đang có hồ sơ kỷ luật chưa có quyết định \(hồ sơ kỷ luật d-1;/);
  });

  it('a nomination naming the holder of the post, on their field', () => {
    const holder = {
      target: { positionId: 'pos-ct-xa', rank: 5 },
      holdsTargetPost: true,
      termRecord: {
        posts: [
          { positionId: 'pos-ct-xa', from: '2025-07-01', termEnd: '2030-07-01', decisionRef: '15' },
        ],
        pastPosts: [],
        ratings: [],
      },
    } as unknown as PersonFactsForVetting;
    const on = { definition: { postAlreadyHeld: { route: 're-appointment' } }, day: '2026-12-01' };
    const field = 'candidates[1].personId';
    // The route is read by the app's vocabulary of procedures (bổ nhiệm lại), a stand-in here.
    expect(
      expectRead(refusalOf(() => refuseCandidateHoldingPost('p-an', holder, on, field))),
    ).toMatch(
      /^«người an» đang giữ chức vụ «chức vụ ct-xa» từ ngày 01\/07\/2025 \(nhiệm kỳ đến ngày 01\/07\/2030\): việc giới thiệu chỉ đề nghị người chưa giữ chức vụ này; để giữ chức vụ khi hết nhiệm kỳ, dùng thủ tục «/,
    );
  });

  it('the decision: a flagged vetting item, a post already held, a term the rule set sets', () => {
    expectRead(
      'flagged vetting items block the decision: asset_declaration (chưa nộp bản kê); health (đang điều trị); resolve them or reject the case',
    );
    // The record's own note, with its "; " and nested brackets (before: left whole in English).
    const shortInPost = yearsInPostCheck(
      [{ positionId: 'pos-deputy', rank: 1, from: '2025-06-20', until: null }],
      ruleSet,
      '2026-11-20',
    );
    const vetting = {
      years_in_post: { item: 'years_in_post', result: 'flagged', ...shortInPost, source: 'record' },
      health: {
        item: 'health',
        result: 'flagged',
        note: 'đang điều trị (tháng 11)',
        source: 'staff',
      },
    };
    const blocked = refusalOf(() =>
      decision({ vetting } as unknown as Open, {} as never, {} as never, {} as CaseContext),
    );
    expect(blocked).toMatch(/^flagged vetting items block the decision: years_in_post \(17 months/);
    const read = expectRead(blocked);
    expect(read).toMatch(
      /^Còn nội dung thẩm định bị đánh dấu chưa được giải quyết, chưa thể ra quyết định: «nội dung 13» \(Giữ chức vụ hiện tại và chức vụ tương đương \(cộng dồn\) 17 tháng, cần 24 tháng \(2 năm; /,
    );
    expect(read).toContain('); «nội dung 6» (đang điều trị (tháng 11)). ');
    // The button on the case page that resolves a flagged item, by its label.
    expect(read).toContain('«Giải quyết» ở từng nội dung trong kết quả thẩm định');
    expect(read).toContain('«Sửa bước»');
    expect(read).toContain('«Không chấp thuận»');
    expect(read).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expectRead(
      'p-an already holds pos-pho-ct since 2025-01-01 (another decision); this case cannot put them there again: withdraw it',
    );
    const pending = {
      positionId: 'pos-pho-ct',
      title: 'Phó Chủ tịch UBND xã',
      from: '2026-05-01',
      decisionRef: '9/QĐ-UBND (2026-03-01)',
    };
    // What can be done, not an annulment nobody can make: a later effective day, or kiêm nhiệm.
    expect(expectRead(pendingPostAtDecision('p-an', pending, '2026-04-01').message)).toBe(
      '«người an» sẽ nhận chức vụ «chức vụ pho-ct» từ ngày 01/05/2026 theo quyết định 9/QĐ-UBND (2026-03-01), chưa có hiệu lực; quyết định này có hiệu lực từ ngày 01/04/2026 sẽ chấm dứt chức vụ đó trước khi bắt đầu. Quyết định đã ban hành không rút hay sửa được: hãy đặt ngày có hiệu lực của quyết định này sau ngày 01/05/2026, hoặc chọn «Kiêm nhiệm: vẫn giữ chức vụ đang đảm nhiệm»',
    );
    // At a transfer's opening (a batch's entry too): the post by its title where the page has no name.
    const atOpening = pendingPostAtOpening('p-an', pending);
    expect(
      reasonInVietnamese(entryProblem(3, atOpening).message, { ...words, position: (id) => id }),
    ).toBe(
      '«người an» sẽ nhận chức vụ Phó Chủ tịch UBND xã từ ngày 01/05/2026 theo quyết định 9/QĐ-UBND (2026-03-01), chưa có hiệu lực; điều động, luân chuyển có hiệu lực trước ngày đó sẽ chấm dứt chức vụ đó trước khi bắt đầu, và quyết định đã ban hành không rút hay sửa được: chờ đến ngày 01/05/2026, khi quyết định đó có hiệu lực, rồi mở hồ sơ này',
    );
    expectRead(atOpening.message);
    expectRead(
      `termYears: the term is 5 years under ${ruleSet.id} (${cite('appointment.termYears')}); leave termYears out or give 5, not 3`,
    );
    expectRead(
      'items[2].note: political_standards («Tiêu chuẩn chính trị») is flagged and needs a note saying why',
    );
    expectRead('vetting item health is not flagged');
    expectRead('tallies: a tally for each nominee is required (p-an, p-binh)');
  });
});

describe('the refusals of opening a case read in Vietnamese', () => {
  it('a post held by another on the day (the record names the sitting holder)', () => {
    const post = {
      id: 'pos-ct-xa',
      title: 'Chủ tịch UBND xã',
      orgUnitId: 'ou-xa',
      appointingAuthority: 'ou-tinh',
      rank: 3,
      isLeadership: true,
      filledBy: 'appointment' as const,
      seats: 1,
    };
    const holder = { personId: 'p-binh', fullName: 'Trần Văn Bình', from: '2024-01-01' };
    const heldOn = refusalOf(() =>
      refusePostHeldByAnother(post, 'p-an', '2026-02-01', [
        { ...holder, termEnd: '2029-01-01', endsOn: null },
      ]),
    );
    expect(expectRead(heldOn)).toBe(
      'Chức vụ Chủ tịch UBND xã vào ngày 01/02/2026 đã đủ 1 người đảm nhiệm (Trần Văn Bình từ ngày 01/01/2024 đến ngày 01/01/2029); cần kết thúc việc giữ chức vụ của một người trong số đó trước, hoặc ghi nhận từ ngày có chỗ trống',
    );
    expectRead(
      refusalOf(() =>
        refusePostHeldByAnother(post, 'p-an', '2026-02-01', [
          { ...holder, termEnd: null, endsOn: null },
        ]),
      ),
    );
  });

  it("a post whose seats are all held on the case's opening day", async () => {
    const post = {
      id: 'pos-pgd',
      title: 'Phó Giám đốc Sở',
      orgUnitId: 'ou-so',
      appointingAuthority: 'ou-tinh',
      rank: 3,
      isLeadership: true,
      filledBy: 'appointment' as const,
      seats: 2,
    };
    const holders = [
      {
        personId: 'p-binh',
        fullName: 'Trần Văn Bình',
        from: '2024-01-01',
        termEnd: null,
        endsOn: null,
      },
      {
        personId: 'p-chi',
        fullName: 'Lê Thị Chi',
        from: '2025-03-01',
        termEnd: '2030-03-01',
        endsOn: null,
      },
    ];
    const refusal = await refuseSeatsFullAtOpening(
      async () => holders,
      post,
      'p-an',
      '2026-02-01',
    ).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(expectRead(refusal!)).toBe(
      'Chức vụ Phó Giám đốc Sở vào ngày mở hồ sơ (01/02/2026) đã đủ 2 người đảm nhiệm (Trần Văn Bình từ ngày 01/01/2024 (chưa ghi nhận ngày hết nhiệm kỳ); Lê Thị Chi từ ngày 01/03/2025 đến ngày 01/03/2030): không còn chỗ trống; cần kết thúc việc giữ chức vụ của một người trong số đó trước (hồ sơ miễn nhiệm, hoặc ngày hết nhiệm kỳ đã ghi nhận), hoặc mở hồ sơ khi có chỗ trống',
    );
  });

  it('an election’s confirmation, or a decision, into a post filled since (decision-seats.ts)', () => {
    const post = {
      id: 'pos-ct-xa',
      title: 'Chủ tịch UBND xã',
      orgUnitId: 'ou-xa',
      appointingAuthority: 'ou-tinh',
      rank: 4,
      isLeadership: true,
      filledBy: 'election' as const,
    };
    const holds = [
      {
        personId: 'p-binh',
        fullName: 'Trần Văn Bình',
        from: '2026-03-01',
        termEnd: null,
        endsOn: null,
      },
      {
        personId: 'p-chi',
        fullName: 'Lê Thị Chi',
        from: '2026-09-01',
        termEnd: '2031-03-01',
        endsOn: null,
      },
    ];
    const decide = (
      procedure: string,
      seats: number,
      termEnd: string | null,
      sitting = holds.slice(0, seats),
    ) =>
      refusalOf(() =>
        refuseSeatsFullOnEffectiveDay(
          { procedure, personId: 'p-an', appointee: null, positionId: post.id } as Open,
          { effectiveFrom: '2026-03-01' } as Body<'decision'>,
          {
            seatsFromEffectiveDay: {
              position: { ...post, seats },
              seats,
              day: '2026-03-01',
              holds: sitting,
              seatStreamRevision: null,
            },
          } as unknown as CaseContext,
          termEnd,
        ),
      );
    expect(expectRead(decide('election', 1, '2031-03-01'))).toBe(
      'Chức vụ Chủ tịch UBND xã vào ngày 01/03/2026 đã đủ 1 người đảm nhiệm (Trần Văn Bình từ ngày 01/03/2026 (chưa ghi nhận ngày hết nhiệm kỳ)), ngày quyết định có hiệu lực: chức vụ đã có người đảm nhiệm kể từ khi Hội đồng nhân dân bầu; cần kết thúc việc giữ chức vụ của một người trong số đó trước (hồ sơ miễn nhiệm), ghi ngày có hiệu lực là ngày có chỗ trống, hoặc rút hồ sơ này',
    );
    // Two seats, the second taken within the term: both holders named, the term's days read.
    expect(expectRead(decide('appointment', 2, null))).toBe(
      'Chức vụ Chủ tịch UBND xã vào ngày 01/09/2026 đã đủ 2 người đảm nhiệm (Trần Văn Bình từ ngày 01/03/2026 (chưa ghi nhận ngày hết nhiệm kỳ); Lê Thị Chi từ ngày 01/09/2026 đến ngày 01/03/2031), trong nhiệm kỳ quyết định giao (từ ngày 01/03/2026 không có ngày kết thúc): một quyết định khác đã giao chức vụ này kể từ khi mở hồ sơ; cần kết thúc việc giữ chức vụ của một người trong số đó trước (hồ sơ miễn nhiệm), ghi ngày có hiệu lực là ngày có chỗ trống, hoặc rút hồ sơ này',
    );
    expectRead(decide('election', 2, '2031-03-01'));
  });

  it('a re-appointment to a seat already given to a successor from the term’s end', () => {
    const seats = {
      position: {
        id: 'pos-tp',
        title: 'Trưởng phòng Nội vụ',
        orgUnitId: 'ou-huyen',
        appointingAuthority: 'ou-huyen',
        rank: 5,
        isLeadership: true,
        filledBy: 'appointment' as const,
        seats: 1,
      },
      seats: 1,
      holds: [
        {
          personId: 'p-f',
          fullName: 'Lê Văn Phúc',
          from: '2027-01-10',
          termEnd: null,
          endsOn: null,
        },
      ],
    };
    const from = '2027-01-10';
    expect(
      expectRead(
        refusalOf(() =>
          refuseSeatGivenToAnother(seats, 'p-e', { from, until: '2032-01-10' }, 'effectiveFrom'),
        ),
      ),
    ).toBe(
      'Chức vụ Trưởng phòng Nội vụ vào ngày 10/01/2027 đã đủ 1 người đảm nhiệm (Lê Văn Phúc từ ngày 10/01/2027 (chưa ghi nhận ngày hết nhiệm kỳ)), trong nhiệm kỳ mới từ ngày 10/01/2027 đến ngày 10/01/2032: chức vụ đã được giao cho người khác từ ngày hết nhiệm kỳ; cần kết thúc chức vụ đó trước (hồ sơ miễn nhiệm), hoặc không bổ nhiệm lại',
    );
    expectRead(
      refusalOf(() => refuseSeatGivenToAnother(seats, 'p-e', { from, until: null }, 'positionId')),
    );
  });

  it('an extension to retirement into days the seat is given to a successor from the term’s end', () => {
    const seats = {
      position: {
        id: 'pos-tp',
        title: 'Trưởng phòng Nội vụ',
        orgUnitId: 'ou-huyen',
        appointingAuthority: 'ou-huyen',
        rank: 5,
        isLeadership: true,
        filledBy: 'appointment' as const,
        seats: 1,
      },
      seats: 1,
      holds: [
        {
          personId: 'p-f',
          fullName: 'Lê Văn Phúc',
          from: '2027-02-05',
          termEnd: null,
          endsOn: null,
        },
      ],
    };
    const extended = { from: '2027-02-05', until: '2027-05-31' };
    expect(
      expectRead(
        refusalOf(() => refuseExtendedTermHeldByAnother(seats, 'p-e', extended, 'effectiveFrom')),
      ),
    ).toBe(
      'Chức vụ Trưởng phòng Nội vụ vào ngày 05/02/2027 đã đủ 1 người đảm nhiệm (Lê Văn Phúc từ ngày 05/02/2027 (chưa ghi nhận ngày hết nhiệm kỳ)), trong thời hạn kéo dài từ ngày 05/02/2027 đến ngày 31/05/2027: chức vụ đã được giao cho người khác từ ngày hết nhiệm kỳ; cần kết thúc chức vụ đó trước (hồ sơ miễn nhiệm), hoặc không kéo dài thời hạn giữ chức vụ',
    );
    expectRead(
      refusalOf(() => refuseExtendedTermHeldByAnother(seats, 'p-e', extended, 'positionId')),
    );
  });

  it('the opening form: duplicate, unit, day, definition, people and posts', () => {
    expectRead(
      'p-an already has an open appointment case for post pos-ct-xa: hs-7; close it (decide, withdraw or reject) before opening another',
    );
    expectRead(
      'the post (opened without a person) already has an open competitive_exam case for post pos-ct-xa; close it (decide, withdraw or reject) before opening another',
    );
    expectRead(
      'p-an already has an open transfer case for post pos-ct-xa, opened in a unit your grant for ou-xa does not cover; it must be closed (decided, withdrawn or rejected) before another is opened',
    );
    expectRead(
      "orgUnitId: ou-khac neither appoints to pos-ct-xa nor holds it, nor is it the Party committee of a territory the post lies in; open the case in ou-tinh (its appointing authority), ou-xa or a unit above them, or in the Party committee of the post's territory",
    );
    expectRead(
      'orgUnitId: ou-khac neither appoints to pos-ct-xa nor holds it; open the case in ou-tinh (its appointing authority), ou-xa or a unit above them',
    );
    expectRead('openedOn: the day the paper case began goes with paperRecordRef');
    expectRead('openedOn: opening a case as of a past day needs the role records_clerk');
    expectRead(
      'definition: appointment.internal@2 was not in force on 2025-01-01 (from 2025-10-08)',
    );
    expectRead("openedOn: no rule set of appointment.internal's track is in force on 2020-01-01");
    expectRead('personId: person p-x is not registered');
    expect(
      expectRead(
        'asOf: person p-an was not yet registered on 2026-12-06 (registered on 2026-12-07)',
      ),
    ).toContain('(đăng ký ngày 07/12/2026)');
    expectRead('positionId: position pos-x does not exist');
    expectRead('orgUnitId: org unit ou-x does not exist');
    expectRead('p-an already holds pos-ct-xa; use re-appointment');
    // A post a decided transfer gives from a later day (before: "already holds …; use re-appointment").
    expect(
      expectRead(
        'p-an takes up pos-ct-xa on 2027-01-05 (QĐ-12): a decided decision gives them the post from that day',
      ),
    ).toMatch(/ sẽ đảm nhiệm chức vụ .+ từ ngày 05\/01\/2027 \(theo quyết định QĐ-12\)/);
    expectRead('id: case id hs-7 is already used by an appointment case; choose another id');
    expectRead(
      'personId: appointment.internal@2 opens for a person (only a definition that fills a post opens without one)',
    );
  });

  it("each procedure's own opening rules", () => {
    expectRead(
      'positionId: rotation needs a current planning-pool entry for pos-ct-xa or a higher post; the person has pos-pho (2020-2025, term over on 2025-12-31), pos-khac (2025-2030)',
    );
    expectRead(
      'positionId: rotation needs a current planning-pool entry for pos-ct-xa or a higher post; the person has none',
    );
    expectRead(
      `retires on 2028-05-01: 1 whole years left, rotation needs 2 (${cite('rotation.minYearsToRetirement')})`,
    );
    expectRead('positionId: the person holds no post pos-ct-xa with a term');
    expectRead(
      'positionId: pos-ct-xa is in ou-xa, the unit of pos-pct-xa the person holds now; a rotation moves a cadre to another agency, unit, level or locality (Quy định 65-QĐ/TW): appoint or transfer within the unit instead',
    );
    expectRead(
      "positionId: the term of pos-ct-xa already runs to 2027-05-01 by decision 12-QĐ/UBND, the holder's retirement on 2027-05-01; there is nothing to extend",
    );
    expectRead(
      "positionId: the term of pos-ct-xa runs to 2027-05-01 by decision 12-QĐ/UBND, the holder's retirement on 2027-05-01: nothing is re-appointed when the holder retires",
    );
    expectRead(
      `a discipline case about the holder is pending (dc-1, dc-2): re-appointment waits for its decision (${cite('appointment.termYears')})`,
    );
    expect(
      expectRead(
        `a discipline case about the holder is pending (dc-1, 1 opened by a unit above): re-appointment waits for its decision (${cite('appointment.termYears')})`,
      ),
    ).toContain('(dc-1, 1 hồ sơ do cấp trên mở)');
    // A sibling unit's case reads as opened by another unit (before: the server said "by a unit
    // above" of it, and the screen «do cấp trên mở»).
    const sibling = expectRead(
      `a discipline case about the holder is pending (1 opened by another unit): re-appointment waits for its decision (${cite('appointment.termYears')})`,
    );
    expect(sibling).toContain('(1 hồ sơ do đơn vị khác mở)');
    expect(sibling).not.toContain('cấp trên');
    expect(
      expectRead(
        `a discipline case about the holder is pending (dc-1, 1 opened by a unit above, 2 opened by another unit): re-appointment waits for its decision (${cite('appointment.termYears')})`,
      ),
    ).toContain('(dc-1, 1 hồ sơ do cấp trên mở, 2 hồ sơ do đơn vị khác mở)');
    expectRead(
      `the holder is under investigation since 2026-01-05 until 2026-03-01 (${cite('appointment.termYears')})`,
    );
    expect(
      expectRead(
        `file: Quy hoạch line 2 was refused while writing (planning_pool.post_full: planning pool full: post pos-head has 3 of 3 people in term 2025-2030 (p-1, p-2, p-3) (${cite('planning.maxPeoplePerPost')})), after every row had passed the checks: the record changed in between; 2 row(s) written before it (listed in written) stay written; it and every row not listed were not written; import the file again once the refusal is resolved (rows already on record are left as they are)`,
      ),
    ).toContain('Dòng 2 của trang Quy hoạch bị từ chối khi ghi (Quy hoạch chức vụ');
    expect(
      expectRead(
        `the holder is in hospital from 2026-12-05 with no end date: 4 months by 2027-04-10, 3 months or more (${cite('reappointment.blockingAbsenceMonths')})`,
      ),
    ).toContain('đã 4 tháng tính đến ngày 10/04/2027');
    expectRead(
      `the holder is abroad from 2026-04-01 to 2026-07-01: 3 months or more (${cite('reappointment.blockingAbsenceMonths')})`,
    );
    expectRead(
      'positionId: decision 5/QĐ ends pos-ct-xa on 2026-06-01, before its term ends on 2027-01-01: there is no term to renew (annul that decision first if the person is to stay)',
    );
    expectRead(
      'positionId: Chủ tịch xã (pos-ct-xa) is filled by appointment, not by election; open an appointment instead',
    );
    expectRead('positionId: the person does not hold post pos-ct-xa');
    expectRead(
      'grounds.letterReceivedOn: 2024-01-01 is before the person took up post pos-ct-xa on 2024-05-01; a letter resigning from it cannot come earlier',
    );
  });
});

describe('the person page, planning, admin, batch and import refusals read in Vietnamese', () => {
  const period = {
    personId: 'p-an',
    status: 'abroad' as const,
    from: '2026-01-05',
    note: 'Công tác',
  };

  it('a status period that overlaps, ends before it starts, or already ended', () => {
    const recorded = [{ ...period, until: null }];
    expectRead(
      refusalOf(() =>
        isStatusRepeat(recorded, { ...period, from: '2026-02-01', until: '2026-03-01' }),
      ),
    );
    expectRead(refusalOf(() => isStatusRepeat(recorded, { ...period, until: '2026-03-01' })));
    const ended = [{ ...period, until: '2026-02-01' }];
    expectRead(
      refusalOf(() => decideStatusEnd(ended, { ...period, until: '2026-02-02' }, '2026-12-06')),
    );
    expectRead(
      refusalOf(() => decideStatusEnd([], { ...period, until: '2026-02-02' }, '2026-12-06')),
    );
    expectRead('status period ends (2026-01-01) before it starts (2026-02-01)');
    expectRead('from: 1960-01-01 is before p-an was born (1970-01-01)');
  });

  it('a post the record shows ended, recorded again with another term end or decision', () => {
    const term = {
      personId: 'p-an',
      positionId: 'pos-ct-xa',
      from: '2024-01-01',
      termEnd: '2029-01-01',
      decisionRef: '12/QĐ-UBND',
    };
    const ended = {
      ...term,
      endedOn: '2026-03-01',
      reason: 'discipline: removal',
      endedBy: '3/QĐ-KL',
      caseId: null,
    };
    const record = { posts: [], pastPosts: [ended] };
    const later = endedTermViolation(record, { ...term, termEnd: '2030-01-01' }, '2026-12-06');
    expect(expectRead(later!.message)).toBe(
      'Chức vụ «chức vụ ct-xa» từ ngày 01/01/2024 (12/QĐ-UBND) đã kết thúc ngày 01/03/2026 theo 3/QĐ-KL; nhiệm kỳ đã kết thúc không ghi nhận lại với ngày hết nhiệm kỳ, quyết định hay ngày được bầu khác: hãy ghi nhận nhiệm kỳ mới từ ngày bắt đầu của nhiệm kỳ đó; chức vụ bị thôi giữ do quyết định kỷ luật thì được trả lại khi giải quyết khiếu nại đối với quyết định ấy',
    );
    const ahead = endedTermViolation(record, { ...term, decisionRef: '13' }, '2025-12-06');
    expect(expectRead(ahead!.message)).toContain('kết thúc ngày 01/03/2026');
  });

  it('a record another writer changed since the page read it (If-Match)', () => {
    const stale = toHttpError(new WrongExpectedRevision('cadre-p-an', 3, 4))!.message;
    expect(expectRead(stale)).toMatch(
      /^Hồ sơ cán bộ đã được cập nhật .*bạn đọc phiên bản 3, nay là phiên bản 4/,
    );
    const staleCase = toHttpError(new WrongExpectedRevision('appointment-c-1', 3, 4))!.message;
    expect(expectRead(staleCase)).toMatch(/^Hồ sơ đã được cập nhật /);
  });

  it('a registration under age, a party day without membership, a rating before its year', () => {
    const rules = ageRulesOn(
      { ruleSetOn: (_day, track) => (track === 'party' ? partyRuleSet : ruleSet) },
      '2026-12-06',
    );
    const young = { personId: 'p-an', dateOfBirth: '2012-01-01' } as Parameters<
      typeof refuseUnderage
    >[0];
    expectRead(refusalOf(() => refuseUnderage(young, rules)));
    const member = { ...young, dateOfBirth: '1990-01-01', partyJoinedOn: '2005-01-01' };
    expectRead(refusalOf(() => refuseUnderage(member, rules)));
    expectRead('partyJoinedOn: given for a person who is not a party member (partyMember: false)');
    // An import row born after today: told so (not "0 tuổi"), with its Party day out of order.
    const unborn = {
      ...member,
      partyMember: true,
      dateOfBirth: '2030-05-02',
      partyJoinedOn: '2003-05-19',
    };
    expect(
      registrationViolations(unborn, '2026-12-06', rules).map((v) => expectRead(v.message)),
    ).toEqual([
      'Ngày sinh 02/05/2030 sau ngày hôm nay (06/12/2026)',
      'Ngày vào Đảng 19/05/2003 trước ngày sinh (02/05/2030)',
    ]);
    expectRead('year: 1960 is before p-an was born (1970-01-01)');
    expect(
      expectRead(
        `year: 1980 is before 1987, the year p-an (born 1969-01-20) turned 18: a cadre or civil servant is at least 18 (${cite('registry.minimumAge')})`,
      ),
    ).toMatch(
      /^Năm 1980 trước năm 1987, năm .+ \(sinh ngày 20\/01\/1969\) đủ 18 tuổi: cán bộ, công chức phải từ đủ 18 tuổi \(/,
    );
    expectRead('evaluatedOn: 2024-12-01 is before the year 2025 it rates');
    expectRead('person p-an is already registered');
    expectRead('person p-an does not hold post pos-ct-xa');
  });

  it('planning: a term too long or over, a pool full, an entry twice', () => {
    const span = { value: 5, citation: cite('planning.termYears') };
    expectRead(refusalOf(() => assertPlanningTermSpan('2025-2035', span)));
    expectRead(refusalOf(() => assertPlanningTermNotEnded('2015-2020', '2026-12-06')));
    const plannable = {
      value: ruleSet.params['planning.plannableTerms'].value as PlannableTermsRule,
      citation: cite('planning.plannableTerms'),
    };
    for (const term of ['2051-2056', '2035-2040', '2026-2031', '2020-2025'])
      expectRead(refusalOf(() => assertPlannableTerm(term, plannable, 5, '2026-12-06')));
    expectRead(
      `planning pool full: post pos-ct-xa would have 4 of 3 people in term 2025-2030 (p-a, p-b, p-c, p-d) (${cite('planning.termYears')})`,
    );
    expectRead(
      `planning pool full: person p-an is planned for 3 of 3 posts of level 2 in term 2025-2030 (pos-a, pos-b, pos-c) (${cite('planning.termYears')})`,
    );
    expectRead('added[2]: p-an for pos-ct-xa is already added[0]');
    expect(
      expectRead(
        'added[0]: p-pham-thi-dung is already in the planning pool for pos-phuong-son-tay-chair in 2025-2030 (112-QĐ/TU); a review adds only people not yet planned for the post',
      ),
    ).toMatch(
      /^Dòng 1 \(bổ sung\): «.+» đã có trong quy hoạch chức vụ «.+» giai đoạn 2025-2030 \(112-QĐ\/TU\); /,
    );
    expectRead('person p-an has no planning-pool entry for pos-ct-xa');
    const workingTime = { workingTime: planningWorkingTime(ruleSet), termYears: span };
    const retired = { personId: 'p-an', dateOfBirth: '1964-08-15', gender: 'male' as const };
    expect(
      expectRead(
        refusalOf(() =>
          assertEnoughWorkingTime(retired, '2025-2030', { ...workingTime, day: '2026-12-06' }),
        ),
      ),
    ).toMatch(
      /^«người an» nghỉ hưu ngày 30\/11\/2025, trước ngày 05\/12\/2031: người được quy hoạch giai đoạn 2025-2030 phải còn đủ 5 năm công tác tính từ ngày 06\/12\/2026 \(/,
    );
    // A review names its row and counts from its own day (`reviewedOn`).
    const reviewed = { ...workingTime, day: '2026-12-06', decidedOn: '2025-11-01' };
    expect(
      expectRead(
        refusalOf(() =>
          assertEnoughWorkingTime(retired, '2025-2030', reviewed, 'added[1].personId'),
        ),
      ),
    ).toMatch(
      /^Dòng 2 \(bổ sung\): «người an» nghỉ hưu ngày 30\/11\/2025, trước ngày 31\/10\/2030: .+ tính từ ngày 01\/11\/2025 \(/,
    );
    expectRead(
      'term: p-an is planned for pos-ct-xa in 2025-2030 (12-QĐ/TU of 2025-06-01), which has not ended; the record keeps one entry per post: remove that entry first to plan 2030-2035',
    );
  });

  it('planning a person a discipline in effect keeps off the pool, by the row and by name', () => {
    const rule = planningDisciplineRule(ruleSet, '2026-12-06');
    const reprimand = {
      form: rule!.forms[0],
      decisionRef: '45-QĐ/UBND',
      decidedOn: '2026-12-01',
      inEffectUntil: '2027-12-06',
      annulled: null,
    } as DisciplineOnRecord;
    const inReview = expectRead(
      refusalOf(() => refusePlanningUnderDiscipline('p-khanh', [reprimand], rule, 'added[1]')),
    );
    expect(inReview).toMatch(
      /^Dòng 2 \(bổ sung\): «người khanh» đang chịu kỷ luật «hình thức \d+» \(45-QĐ\/UBND\) có hiệu lực đến ngày 06\/12\/2027: /,
    );
    const noEnd = { ...reprimand, inEffectUntil: null };
    expect(
      expectRead(refusalOf(() => refusePlanningUnderDiscipline('p-khanh', [noEnd], rule))),
    ).toMatch(/^«người khanh» đang chịu kỷ luật .* chưa có ngày hết hiệu lực: /);
  });

  it("the admin's unit and post forms, a transfer batch, an import", () => {
    expectRead('id: org unit ou-xa already exists');
    expectRead('id: position pos-ct-xa already exists');
    expectRead(
      'parentId: a province cannot sit under ou-xa (a commune); it belongs under a territory of a higher level (a province has no parent)',
    );
    expectRead(
      'parentId: a unit with no parent (a new top-level unit) is created by an admin only',
    );
    expect(
      expectRead(
        'id: transfer batch tb-1 is being opened by another request with the same entries (40 of 120 opened) and has not moved for 30 s; read GET /transfer-batches/tb-1 for its progress, or send the same list again to continue where it stopped',
      ),
    ).toMatch(/^Đợt điều động tb-1 đang được mở .*\(đã mở 40\/120 hồ sơ\)/);
    expectRead('personId: p-an is already moved by entry 1');
    expectRead('currentPositionId: p-an does not hold pos-ct-xa (holds: pos-a, pos-b)');
    expectRead('currentPositionId: p-an does not hold pos-ct-xa (holds: no post)');
    expectRead('positionId: the receiving post is the post p-an holds (pos-ct-xa)');
    // A batch's dry run lists each entry's refusal under the entry's field (transfer-batch-problem.ts).
    const entry = (message: string, field?: string) =>
      entryProblem(1, new DomainRuleViolation('rule', message, 'unprocessable', field)).message;
    expect(
      expectRead(
        entry('currentPositionId: p-an does not hold pos-a (holds: pos-b)', 'currentPositionId'),
      ),
    ).toBe('«người an» không giữ chức vụ «chức vụ a» (đang giữ: «chức vụ b»)');
    expectRead(entry('p-an already holds pos-ct-xa; use re-appointment', 'positionId'));
    expectRead(
      entry(
        'p-an takes up pos-ct-xa on 2027-01-05 (QĐ-12): a decided decision gives them the post from that day',
        'positionId',
      ),
    );
    expectRead(entry('openedOn: 2026-12-31 is after today (2026-12-06)', 'openedOn'));
    expectRead(
      'entries: 3 problem(s) in the batch; nothing was opened (every one is listed in errors)',
    );
    expectRead(
      'file: 7 problem(s) in the file; nothing was imported (every one is listed in errors)',
    );
    expectRead(
      'file: 70 problem(s) in the file; nothing was imported (the first 50 are listed in errors, and 20 more)',
    );
  });
});

describe('the discipline forms read in Vietnamese', () => {
  it('a complaint, a review, a decision against the ballot, days out of order', () => {
    expectRead('a complaint filed on 2026-02-01 is still under review');
    expectRead('the case is open; a complaint needs a decision');
    expectRead('filedOn: 2026-01-01 is before the decision of 2026-02-01');
    expectRead('heldOn: 2026-01-01 is before the complaint, filed on 2026-02-01');
    expectRead('form: the decision already applies warning; use outcome "keep"');
    expectRead(
      'reasonForDifferentForm: the council recommended warning; deciding reprimand instead needs the reason (the council recommends, the authority decides)',
    );
    expectRead('servedOn: 2026-01-01 is before the decision date 2026-02-01');
    expectRead(
      refusalOf(() => refuseEffectiveBeforeAnnounced(partyRuleSet, '2026-01-01', '2026-01-10')),
    );
    expectRead('violation.detectedOn: 2025-01-01 is before the violation (2025-02-01)');
    expectRead('the time limit was already extended once, to 2026-05-01');
    expectRead(
      `the decision is deferred while the person is in hospital (from 2026-01-05 until 2026-03-01), abroad (from 2026-02-01) (${cite('appointment.termYears')})`,
    );
  });
});

describe('a repeat violation refused a form too light reads in Vietnamese', () => {
  const served = {
    caseId: 'd-0',
    track: 'civil_service' as const,
    form: 'reprimand',
    decidedOn: '2026-01-05',
    effectiveFrom: '2026-01-10',
    decisionRef: '12/QĐ-UBND (2026-01-05)',
    barEndsOn: '2027-01-10',
    inEffectUntil: '2027-01-10',
    ruleSetId: ruleSet.id,
    violationCategory: 'land_management',
    orgUnitId: 'ou-1',
    annulled: null,
    revisions: [],
  };
  const subject = {
    caseId: 'd-1',
    personId: 'p-1',
    track: 'civil_service' as const,
    serviceStatus: 'civil_servant' as const,
    electedCadre: false,
    violation: { committedOn: '2026-03-01' },
  };
  it('names the decision served, the least form and the article', () => {
    const read = expectRead(
      refusalOf(() =>
        refuseLighterThanServed(ruleSet, subject, 'reprimand', 'form', {
          disciplineOnRecord: [served],
        }),
      ),
    );
    expect(read).toBe(
      'Vi phạm ngày 01/03/2026 xảy ra khi đang trong thời gian thi hành kỷ luật «hình thức 9» (QĐ số 12/QĐ-UBND (2026-01-05), có hiệu lực đến 10/01/2027): phải áp dụng hình thức kỷ luật nặng hơn một mức so với hình thức kỷ luật đang thi hành, ít nhất là «hình thức 7», không áp dụng «hình thức 9» (Nghị định 172/2025/NĐ-CP, Điều 2(3) — đối chiếu với bản tóm lược, chưa với văn bản gốc)',
    );
  });

  it('point b: names the form the new violation warrants on its own and the form one level above it', () => {
    const read = expectRead(
      refusalOf(() =>
        refuseLighterThanServed(
          ruleSet,
          { ...subject, violation: { ...subject.violation, severity: 'warning' } },
          'warning',
          'form',
          { disciplineOnRecord: [served], postsHeld: ['pos-1'] },
        ),
      ),
    );
    expect(read).toBe(
      'Vi phạm ngày 01/03/2026 xảy ra khi đang trong thời gian thi hành kỷ luật «hình thức 9» (QĐ số 12/QĐ-UBND (2026-01-05), có hiệu lực đến 10/01/2027); hành vi vi phạm mới tự nó bị xử lý ở hình thức «hình thức 7»: hình thức này nặng hơn hình thức kỷ luật đang thi hành, nên phải áp dụng hình thức kỷ luật nặng hơn một mức so với hình thức áp dụng đối với hành vi vi phạm mới, ít nhất là «hình thức 17», không áp dụng «hình thức 7» (Nghị định 172/2025/NĐ-CP, Điều 2(3) — đối chiếu với bản tóm lược, chưa với văn bản gốc)',
    );
  });
});

describe('an appointment waiting for an approval in principle or an agreement reads in Vietnamese', () => {
  const asks = (param: string, value: (v: unknown) => boolean) =>
    ruleSets.find((set) => set.params[param] && value(ruleValue(set, param)))!;
  const approvalSet = asks(
    'appointment.approvalInPrincipleWhen',
    (v) => v === 'authority_elsewhere',
  );
  const consultationSet = asks(
    'appointment.consultationWhen',
    (v) => (v as { appointingAuthorityKinds: string[] }).appointingAuthorityKinds.length > 0,
  );
  const post = { id: 'pos-gd-so', appointingAuthority: 'ou-ubnd-tinh' };
  const approval = {
    caseId: 'hs-cht-1',
    procedure: 'approval_in_principle',
    positionId: 'pos-gd-so',
    personId: 'p-an',
    status: 'open' as const,
    dueOn: '2026-03-01',
    given: null,
    endReason: null,
  };

  it('the approval or agreement required, another kind of case, another post', () => {
    const opening = (named: string | undefined, approvalCase: typeof approval | null) =>
      refusalOf(() =>
        approvalInPrincipleOpening({
          ruleSet: approvalSet,
          post,
          caseUnitId: 'ou-so',
          named,
          approvalCase,
        }),
      );
    expectRead(opening(undefined, null));
    expectRead(opening('hs-x', null));
    expectRead(opening('hs-cht-1', { ...approval, positionId: 'pos-khac' }));
    expectRead(
      refusalOf(() =>
        consultationOpening({
          ruleSet: consultationSet,
          post: { ...post, rank: 9, appointingAuthorityKind: 'peoples_committee' },
          named: undefined,
          consultationCase: null,
        }),
      ),
    );
  });

  it('not given yet, refused, run out', () => {
    expectRead(refusalOf(() => refuseWithoutApproval(approval, '2026-02-01')));
    expectRead(
      refusalOf(() =>
        refuseWithoutApproval(
          { ...approval, status: 'rejected', endReason: 'Không đủ tiêu chuẩn' },
          '2026-02-01',
        ),
      ),
    );
    const given = { number: '15-CV/TU', heldOn: '2026-01-05', holdsUntil: '2026-04-05' };
    expectRead(
      refusalOf(() =>
        refuseWithoutApproval({ ...approval, status: 'decided', given }, '2026-05-01'),
      ),
    );
  });
});

describe('the examination, the elected posts, scope and import refusals read in Vietnamese', () => {
  it('the examination and level candidates', () => {
    expectRead(
      `candidates: 1 registered; the examination is held with at least 2 (${cite('appointment.termYears')})`,
    );
    expectRead('candidates[1].personId: p-an is listed twice');
    expect(
      expectRead('body: the request body is 200042 bytes; this route reads up to 102400 bytes'),
    ).toBe('Nội dung gửi lên dài 200042 byte, quá mức 102400 byte mà yêu cầu này nhận');
    // A nomination's line names its place too.
    expect(expectRead('candidates[1].votes: votes for p-an must be a whole number ≥ 0')).toMatch(
      /^Dòng 2 của danh sách: số phiếu của .+ phải là số nguyên ≥ 0$/,
    );
    expectRead('candidates[0].personId: p-an has no record in the registry');
    const holder = {
      target: { positionId: 'pos-ct-xa', rank: 5 },
      holdsTargetPost: true,
      termRecord: {
        posts: [
          { positionId: 'pos-ct-xa', from: '2025-07-01', termEnd: '2030-07-01', decisionRef: '15' },
        ],
        pastPosts: [],
        ratings: [],
      },
    } as unknown as PersonFactsForVetting;
    const on = { definition: { postAlreadyHeld: { route: 're-appointment' } }, day: '2026-12-01' };
    const field = 'candidates[0].personId';
    expect(
      expectRead(
        refusalOf(() => refuseCandidateHoldingPost('p-an', holder, on, field, EXAM_REGISTRATION)),
      ),
    ).toMatch(
      /^«người an» đang giữ chức vụ «chức vụ ct-xa» từ ngày 01\/07\/2025 \(nhiệm kỳ đến ngày 01\/07\/2030\): thi tuyển chỉ dành cho người chưa giữ chức vụ này; để giữ chức vụ khi hết nhiệm kỳ, dùng thủ tục «/,
    );
    expectRead("board.present: 6 present is more than the board's 5 members");
    expectRead(
      `board.present: 2 members scored; the board scores with at least 3 present (${cite('appointment.termYears')})`,
    );
    expectRead(
      'scores[0].memberScores: 2 scores for p-an; each of the 3 members present gives one',
    );
    expectRead(
      `scores[0].memberScores[1]: 11 is outside the scale 0 to 10 (${cite('appointment.termYears')})`,
    );
    expectRead(
      `winnerChoice: p-an (total 16, this part 8.5), p-binh (total 16, this part 8.5) are level; the appointing authority chooses one of them (${cite('appointment.termYears')})`,
    );
    expectRead(
      `headChoice: p-an (12 for), p-binh (12 for) passed level; the head of the collective chooses one of them (${cite('appointment.termYears')})`,
    );
  });

  it('a post the council elects', () => {
    expectRead(
      "positionId: Chủ tịch UBND xã (pos-ct-xa) is filled by election (bầu cử), not by appointment: introduce the candidate to the council or congress that elects it (procedure election, definition election.nomination, for a People's Council)",
    );
    expectRead(
      "positionId: Bí thư Đảng ủy xã (pos-bt-xa) is a Party post (ou-dang-uy is a Party committee); the People's Council does not elect it (election.nomination: Luật Tổ chức chính quyền địa phương 2025), the Party's congress or committee does",
    );
    expectRead(
      "positionId: Chủ tịch UBND xã (pos-ct-xa) is held by Trần Văn Bình (p-binh) from 2024-01-01 until 2029-01-01, past the day the People's Council's vote is due (2026-03-01, by the deadlines of election.nomination@1's steps): the person elected would take a seat that is not free (election.nomination: Luật Tổ chức chính quyền địa phương 2025, a post the council elects is held for its term; text not checked); end that post first (a removal case), or open the nomination when the seat falls free by the council's vote",
    );
    expectRead(
      "councilTermFrom: pos-ct-xa is held by Trần Văn Bình (p-binh) from 2024-01-01 with no end of term recorded, after the council's term from 2026-03-01 begins: the person elected would take a seat that is not free (election.nomination: Luật Tổ chức chính quyền địa phương 2025, a post the council elects is held for its term; text not checked); end that post first (a removal case), or give the term the seat falls free for",
    );
  });

  it('outside the grant, and what an import refuses of its own', () => {
    expectRead('orgUnitId: org unit ou-khac is outside your grant for ou-xa');
    expectRead(
      'positionId: position pos-ct-xa belongs to org unit ou-khac, which your grant for ou-xa does not cover',
    );
    expectRead('personId: person p-an is not registered in any unit your grant for ou-xa covers');
    expectRead(
      'personId: person p-an is not registered in any unit your grant for ou-xa covers; 2 entry(ies) name a unit, post or person outside your grant (each in errors), nothing was opened',
    );
    expectRead(
      'file: 2 row(s) name a unit, post or person outside your grant; nothing was imported (3 problem(s) in all: every one is listed in errors)',
    );
    expectRead(
      'file: 1 row(s) are about you (p-an), and you may not write your own record; nothing was imported (each in errors)',
    );
    expectRead(
      'case hs-9 is not on the sheet of cases (Hồ sơ đang giải quyết); a step is imported with its case',
    );
    expectRead(
      'decidedOn: 2026-12-31 is after today (2026-12-06); a discipline on record was decided by then',
    );
    expectRead('no rule set of the party track is in force on 2000-01-01');
    expectRead('effective 2026-01-01 before the decision of 2026-02-01');
    expect(
      expectRead(
        'violationCommittedOn: the violation of 2026-03-01 is after the decision of 2026-02-01 disciplining it',
      ),
    ).toBe(
      'Ngày vi phạm 01/03/2026 sau ngày quyết định kỷ luật 01/02/2026; vi phạm phải xảy ra trước khi bị kỷ luật',
    );
    expect(expectRead('violationCommittedOn: 2099-01-01 is after today (2026-12-06)')).toBe(
      'Ngày vi phạm 01/01/2099 sau ngày hôm nay (06/12/2026)',
    );
    expect(
      expectRead('violationCommittedOn: 1900-01-01 is before p-an was born (1993-04-02)'),
    ).toContain('Ngày vi phạm 01/01/1900 trước ngày sinh của');
    expectRead(
      'heldOn: step vetting of case hs-9 is already recorded with another heldOn; the import does not change a recorded step (correct it on the service, with its reason)',
    );
  });

  it('a council step passed over, a form with a review that changes none', () => {
    const cited = cite('appointment.termYears');
    expect(
      expectRead(
        `step ballot is not taken in this case: self-criticism passed over review and ballot (a discipline council is held for civil_servant, not for a cadre (${cited})); the current step is decision`,
      ),
    ).toMatch(/không thực hiện trong vụ việc này.*không đối với cán bộ/);
    expectRead(
      `step review is not taken in this case: self-criticism passed over review and ballot (no discipline council: criminal conviction (${cited})); the current step is decision`,
    );
    for (const outcome of ['annul', 'keep'])
      expectRead(
        `form: a form goes only with outcome "change"; outcome "${outcome}" ${outcome === 'annul' ? 'annuls the decision and leaves no form' : 'keeps the decided form'} (send no form, or outcome "change")`,
      );
  });

  it('a form for elected cadres or civil servants only, the same violation linked', () => {
    expectRead(
      `form: recall (bãi nhiệm) applies only to elected cadres, and this case runs p-an as a civil servant (${cite('appointment.termYears')})`,
    );
    expectRead(
      `form: dismissal (buộc thôi việc) applies only to civil servants, not to a cadre (${cite('appointment.termYears')})`,
    );
    const retired = { status: 'retired' as const, from: '2026-01-01' };
    for (const [form, leftService] of [
      ['removal_of_former_title', null],
      ['removal_from_post', retired],
    ] as const)
      expectRead(
        refusalOf(() =>
          refuseFormByService(ruleSet, form, { personId: 'p-an', leftService }, 'form'),
        ),
      );
    expectRead(
      "fatherCareGround: a father's ground belongs to a child_under_12_months period, not to abroad",
    );
    expectRead(
      "fatherCareGround: the record shows a woman; a father's ground (wife died, wife unable to raise the child) is stated for a man only",
    );
    for (const status of ['pregnant', 'maternity_leave'])
      expect(expectRead(refusalOf(() => refuseWomenOnlyStatusForAMan('male', status)))).toContain(
        'chỉ ghi cho cán bộ, công chức nữ',
      );
    expectRead('sameViolationCaseId: case dc-2 is about p-binh, this case about p-an');
    expectRead('sameViolationCaseId: case dc-2 is open, not decided');
    expect(
      expectRead(
        "sameViolationCaseId: case c-st2 is not a discipline case: name the other track's decided discipline case on the same violation",
      ),
    ).toContain('không phải là hồ sơ kỷ luật');
    expectRead(
      'electedCadre: the record shows Nguyễn Văn An (p-an) holding Chủ tịch UBND xã (pos-ct-xa) since 2024-01-01, a post filled by election; leave electedCadre out or end that post first',
    );
    expect(
      expectRead(
        'track: on 2026-11-06 the record shows p-an holding Chủ tịch UBND xã (pos-ct-xa) since 2024-01-01, a post filled by election: an elected cadre is a cadre (cán bộ), not a civil servant (công chức); write «Cán bộ» (Luật Cán bộ, công chức art. 4; text not checked)',
      ),
    ).toContain('ghi «Khối» là «Cán bộ»');
  });
});

describe('a removal whose ground is missing or not on the record reads in Vietnamese', () => {
  const record = {
    posts: [{ positionId: 'pos-ct-xa', from: '2024-01-01', termEnd: '2029-01-01' }],
    statuses: [
      {
        personId: 'p-an',
        status: 'under_investigation',
        from: '2026-01-05',
        until: null,
        note: 'x',
      },
    ],
    ratings: [{ year: 2025, rating: 'completed' }],
    disciplineInEffect: [],
    disciplineDecided: [],
    openDisciplineCases: [],
    openDisciplineCasesAs: [],
  };
  const open = (definitionId: string, grounds?: Record<string, unknown>) =>
    refusalOf(() =>
      removalOpening({
        definitionId,
        positionId: 'pos-ct-xa',
        grounds,
        record: record as never,
        today: '2026-12-06',
        ruleSet,
      }),
    );

  it('each ground of a dismissal, a resignation while under investigation', () => {
    expectRead(open('removal.dismissal'));
    expectRead(open('removal.dismissal', { kind: 'sacked' }));
    expectRead(
      open('removal.dismissal', { kind: 'low_confidence', lowConfidenceVotes: 2, totalVotes: 10 }),
    );
    expectRead(
      open('removal.dismissal', { kind: 'low_confidence', lowConfidenceVotes: 12, totalVotes: 10 }),
    );
    expectRead(
      open('removal.dismissal', { kind: 'low_confidence', lowConfidenceVotes: -1, totalVotes: 10 }),
    );
    expectRead(open('removal.dismissal', { kind: 'discipline', reference: 'x' }));
    expectRead(open('removal.dismissal', { kind: 'not_completed_duties' }));
    expectRead(open('removal.dismissal', { kind: 'discipline' }));
    expectRead(open('removal.dismissal', { kind: 'repeated_discipline' }));
    expectRead(open('removal.dismissal', { kind: 'conclusion' }));
    expectRead(open('removal.resignation', { letterReceivedOn: '2027-01-01', reason: 'Sức khỏe' }));
    expectRead(open('removal.resignation', { letterReceivedOn: '2026-11-01', reason: 'Sức khỏe' }));
    expectRead(open('removal.dismissal', { kind: 'low_confidence' }));
  });

  it('the person page: days out of order, the subject of a record, a vetting item twice', () => {
    expectRead('partyJoinedOn: 1960-01-01 is before the date of birth (1970-01-01)');
    expectRead("termEnd: 2024-01-01 is before the post's start (from 2025-01-01)");
    expectRead("electedOn: 2025-02-01 is after the post's start (from 2025-01-01)");
    expectRead('personId: you are the subject of this record (p-an) and may not act on it');
    expectRead(
      "candidates[0].personId: you are the subject of this case's examination (p-an) and may not act on it",
    );
    expectRead('items[1].item: health is listed twice');
    expectRead(
      'items[0].result: health is already recorded as flagged and resolved; to change it, correct the vetting step (a correction may change any item the vetting recorded)',
    );
    expectRead(
      'items[2].note: background is already recorded as cleared; to change it, correct the vetting step (a correction may change any item the vetting recorded)',
    );
    expectRead('case hs-1 already exists');
    expectRead('case hs-1 does not exist');
    expectRead('the discipline case does not exist');
    expectRead('appointment.internal@2 has no step "vote"');
    expectRead('this route is for admin, auditor; you act as organization_staff');
    expectRead(
      'definition: rotation.standard is not an appointment procedure (use appointment.internal or appointment.external)',
    );
    expectRead('positionId: the planning pool of pos-ct-xa kept changing; try again');
    expectRead(
      'file: importing cases under way (sheets Hồ sơ đang giải quyết, Bước đã thực hiện) needs the role records_clerk; nothing was imported',
    );
  });
});

describe('a report or a register asked for a period ending before it starts reads in Vietnamese', () => {
  it('names both days as dd/mm/yyyy', () => {
    const read = expectRead(
      refusalOf(() => parseReportPeriod('2026-12-07', '2026-12-01', '2026-12-07')),
    );
    expect(read).toBe(
      'Ngày “đến” (01/12/2026) trước ngày “từ” (07/12/2026): nhập ngày từ 07/12/2026 trở đi',
    );
  });
});

describe("the other track's case a discipline decision names reads in Vietnamese", () => {
  const own = { caseId: 'd-own', personId: 'p-ly-thi-nga', track: 'civil_service' as const };
  const other = {
    caseId: 'd-fce95d12-aaaa',
    personId: 'p-do-van-khanh',
    track: 'party' as const,
    status: 'decided',
    form: 'reprimand',
    barEndsOn: null,
    decisionRef: '12-QĐ/UBKT',
  };
  const bar = { barEndsOn: null };

  it('a paper number, a cut id or a case outside the grant: not found within your units', () => {
    const notFound = (id: string) =>
      `Không tìm thấy hồ sơ kỷ luật «${id}» trong các đơn vị thuộc phạm vi của bạn; chọn một hồ sơ kỷ luật của người này ở khối kia trong danh sách`;
    // OrgScope.assertAnyCaseInScope's detail (403) and the decider's own not_found (422) alike.
    for (const id of ['HS 12/2026', 'd-fce95d12'])
      expect(
        expectRead(
          `sameViolationCaseId: case ${id} is not in any unit your grant for ou-ha-noi covers`,
        ),
      ).toBe(notFound(id));
    expect(expectRead(refusalOf(() => linkSameViolation(own, 'd-gone', undefined, bar)))).toBe(
      notFound('d-gone'),
    );
  });

  it('a case about another person names them by name, or as another person, never by id', () => {
    const detail = refusalOf(() => linkSameViolation(own, other.caseId, other, bar));
    const names: Record<string, string> = { 'p-ly-thi-nga': 'Lý Thị Nga' };
    const read = reasonInVietnamese(detail, { ...words, person: (id) => names[id] ?? id });
    expect(read).toBe(
      'Hồ sơ d-fce95d12-aaaa là về một người khác, không phải về Lý Thị Nga; chỉ chọn hồ sơ kỷ luật của cùng người này ở khối kia',
    );
    expect(read).not.toMatch(/p-do-van-khanh|p-ly-thi-nga/);
  });
});

describe('a violation already handled on the track reads in Vietnamese', () => {
  const own = {
    caseId: 'd-2',
    track: 'civil_service' as const,
    violation: { category: 'budget', committedOn: '2026-01-01' },
  };
  const other = {
    caseId: 'd-1',
    track: 'civil_service' as const,
    violation: own.violation,
    status: 'decided',
    withinGrant: true,
  };
  it('names the case the reader reaches, at opening and at the decision', () => {
    const atOpening = expectRead(
      refusalOf(() => refuseViolationAlreadyHandled(own, [other], 'violation')),
    );
    expect(atOpening).toMatch(
      /^Vi phạm «Tài chính, ngân sách» ngày 01\/01\/2026 đã được xử lý kỷ luật về chính quyền trong hồ sơ d-1 \(đã có quyết định\); mỗi hành vi vi phạm chỉ bị xử lý kỷ luật một lần bằng một hình thức \(Nghị định 112\/2020\/NĐ-CP, Điều 2/,
    );
    expect(atOpening).toContain('«Vi phạm khác cùng ngày»');
    expect(
      expectRead(
        refusalOf(() => refuseViolationAlreadyHandled(own, [{ ...other, status: 'open' }])),
      ),
    ).toMatch(
      // An open case has disciplined no one yet: it is a case opened, not a violation handled.
      /^Vi phạm «Tài chính, ngân sách» ngày 01\/01\/2026 đã có hồ sơ kỷ luật về chính quyền: hồ sơ d-1 \(đang mở\);/,
    );
  });

  it('says only "another unit" of a case outside the grant', () => {
    const read = expectRead(
      refusalOf(() =>
        refuseViolationAlreadyHandled(own, [{ ...other, withinGrant: false }], 'violation'),
      ),
    );
    expect(read).toContain('đã có hồ sơ kỷ luật về chính quyền do đơn vị khác mở;');
    expect(read).not.toContain('đã được xử lý');
    expect(read).not.toContain('d-1');
  });
});

describe('an imported discipline on a violation already handled reads in Vietnamese', () => {
  const step = (line: number, decisionRef: string, category: string): PlannedCommand => ({
    row: {
      kind: 'discipline',
      sheet: 'Kỷ luật',
      line,
      values: { violationCommittedOn: '2026-02-02' },
      cells: {},
      key: `p-an/${decisionRef}`,
      contentHash: decisionRef,
    },
    personId: 'p-an',
    idSeed: decisionRef,
    command: {
      type: 'RecordDiscipline',
      data: {
        personId: 'p-an',
        caseId: `imported/${decisionRef}`,
        track: 'civil_service',
        form: 'reprimand',
        decidedOn: '2026-03-01',
        effectiveFrom: '2026-03-01',
        decisionRef,
        barEndsOn: null,
        ruleSetId: 'rs',
        violationCategory: category,
        orgUnitId: 'ou-town',
      },
    },
  });
  const caseOf = (status: string, withinGrant: boolean) =>
    new Map([
      [
        'p-an',
        [
          {
            caseId: 'd-1',
            track: 'civil_service' as const,
            violation: { category: 'land_management', committedOn: '2026-02-02' },
            status,
            withinGrant,
          },
        ],
      ],
    ]);

  it('names the earlier row of the file, or the case the reader reaches', () => {
    const file = new ViolationsInFile(undefined);
    file.taking(step(3, 'QĐ-1', 'land_management'));
    expect(expectRead(file.problemOf(step(4, 'QĐ-2', 'land'))!.message)).toBe(
      'Vi phạm «Quản lý đất đai» ngày 02/02/2026 đã được ghi kỷ luật về chính quyền ở dòng 3 của tệp này (quyết định QĐ-1); mỗi hành vi vi phạm chỉ bị xử lý kỷ luật một lần bằng một hình thức (Nghị định 112/2020/NĐ-CP, Điều 2(2); Quy định 69-QĐ/TW). Chỉ ghi kỷ luật này một lần',
    );
    const decided = new ViolationsInFile(caseOf('decided', true)).problemOf(
      step(2, 'QĐ-3', 'land'),
    );
    expect(expectRead(decided!.message)).toContain(
      'đã được xử lý kỷ luật về chính quyền trong hồ sơ d-1 (đã có quyết định)',
    );
    const open = new ViolationsInFile(caseOf('open', true)).problemOf(step(2, 'QĐ-3', 'land'));
    expect(expectRead(open!.message)).toContain(
      'đã có hồ sơ kỷ luật về chính quyền: hồ sơ d-1 (đang mở)',
    );
    const elsewhere = new ViolationsInFile(caseOf('open', false)).problemOf(
      step(2, 'QĐ-3', 'land'),
    );
    expect(expectRead(elsewhere!.message)).toContain('do đơn vị khác mở');
    expect(elsewhere!.message).not.toContain('d-1');
  });
});
