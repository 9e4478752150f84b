import * as path from 'node:path';
import { reasonInVietnamese, ReasonVocabulary } from './reason-in-vietnamese';
import { refuseStartBeforeTermEnds } from '../../../src/procedures/reappointment/reappointment-rules';
import {
  refuseTermRatedBelow,
  termRatingShortfall,
} from '../../../src/procedures/reappointment/term-ratings';
import {
  evaluateMajorityBallot,
  MajorityRule,
} from '../../../src/workflow/vote-rules/majority-ballot';
import { BallotTally } from '../../../src/workflow/vote-rules/tally';
import {
  evaluateNomination,
  NominationTally,
} from '../../../src/workflow/vote-rules/nomination-ballot';
import { evaluateCouncilElection } from '../../../src/workflow/vote-rules/council-election';
import {
  evaluateReferenceBallot,
  evaluateReferenceNomination,
} from '../../../src/workflow/vote-rules/reference-tally';
import {
  evaluateFormBallot,
  FormBallotRule,
  FormBallotTally,
} from '../../../src/procedures/discipline/form-ballot';
import { appointmentEligibility } from '../../../src/cadres/eligibility';
import { retirementReachedBy } from '../../../src/workflow/rules/retirement-reached';
import { citedDecision } from '../../../src/cadres/discipline-standing';
import { planningPoolItem } from '../../../src/procedures/case/decider/vetting-posts';
import { loadRuleSets } from '../../../src/workflow/rule-sets/rule-set-loader';
import { ruleCitation } from '../../../src/workflow/rule-sets/rule-set';
import { event, fold } from '../../../src/workflow/testing/process-spec';
import { personDecider } from '../../../src/cadres/person/person.decider';
import { PersonState } from '../../../src/cadres/person/person.state';
import { decidePlanningPoolRestoration } from '../../../src/cadres/planning/planning-pool-restoration';
import { decidePostRestoration } from '../../../src/cadres/person/post-restoration';
import { planningLimits } from '../../../src/cadres/planning/planning-pool-seats';
import { rotationTerm } from '../../../src/procedures/rotation/rotation-rules';
import { vettingFromRecord } from '../../../src/procedures/case/decider/vetting-from-record';
import { PersonFactsForVetting } from '../../../src/procedures/case/decider/case.context';

/** Every id is given a Vietnamese word, so what is left in English is the translator's fault. */
const words: ReasonVocabulary = {
  person: (id) => `«người ${id.slice(2)}»`,
  position: (id) => `«chức vụ ${id.slice(4)}»`,
  form: (id) => `«hình thức ${id.length}»`,
  procedure: (id) => `«thủ tục ${id.length}»`,
  personStatus: (id) => `«tình trạng ${id.length}»`,
  step: (id) => `«bước ${id.length}»`,
  orgUnit: (id) => `«đơn vị ${id.slice(3)}»`,
  role: (id) => `«vai trò ${id.length}»`,
  vettingItem: (id) => `«nội dung ${id.length}»`,
  ruleSet: (id) => `«bộ quy định ${id.length}»`,
  ruleGround: (id, param) => (param === 'rotation.minYears' ? `«căn cứ ${id.length}»` : null),
};
const vi = (text: string) => reasonInVietnamese(text, words);

/**
 * English left in a translation: the reason's own lowercase words still in it, once the field
 * names a user sends to the API (expulsionProposal, tally fields)
 * are taken out. Vietnamese words are told apart by their letters (\\p{L}), not by \\b.
 */
function englishIn(reason: string, read: string): string[] {
  const wordsOf = (text: string) => text.match(/\p{L}+/gu) ?? [];
  // Ids (p-binh, state-2025-10-08) are not words: only tokens that are a plain word count.
  const tokens = reason.split(/\s+/).map((token) => token.replace(/^[("]+|[)",;:.]+$/g, ''));
  const english = new Set(tokens.filter((w) => /^[a-z]{3,}$/.test(w)));
  const kept = read
    .replace(/expulsionProposal: cellMembers và for/g, '')
    .replace(/\b(?:tally|tallies)(?:\[\d+\])?\.\w+/g, '')
    // A rule parameter's name (rotation.minYears) is an id the reader looks up, not a word.
    .replace(/\b[a-z]+\.[a-z]+[A-Z]\w*/g, '');
  return wordsOf(kept).filter((w) => english.has(w));
}

function expectRead(reason: string): string {
  const read = vi(reason);
  expect({ reason, read }).toEqual({ reason, read: expect.any(String) });
  expect({ reason, english: englishIn(reason, read!) }).toEqual({ reason, english: [] });
  return read!;
}

const half = { numerator: 1, denominator: 2 };
const twoThirds = { numerator: 2, denominator: 3 };

describe('a ballot of a collective reads in Vietnamese with its numbers', () => {
  const rule: MajorityRule = {
    quorum: twoThirds,
    pass: half,
    base: 'members',
    headBreaksTie: true,
  };
  const tally = (over: Partial<BallotTally> = {}): BallotTally => ({
    members: 13,
    summoned: 13,
    present: 12,
    for: 10,
    against: 2,
    abstain: 0,
    invalid: 0,
    ...over,
  });

  it('passed and failed, with the threshold in the Vietnamese decimal form', () => {
    expect(expectRead(evaluateMajorityBallot(rule, tally()).reason)).toBe(
      'Đạt: 10/13 thành viên đồng ý, cần hơn 6,5',
    );
    expect(expectRead(evaluateMajorityBallot(rule, tally({ for: 6, against: 6 })).reason)).toBe(
      'Không đạt: 6/13 thành viên đồng ý, cần hơn 6,5',
    );
    const summoned = { ...rule, base: 'summoned' as const };
    expectRead(evaluateMajorityBallot(summoned, tally({ summoned: 12 })).reason);
  });

  it('a tie, and the head deciding it either way', () => {
    const even = tally({ members: 12, summoned: 12, present: 12, for: 6, against: 6 });
    expectRead(evaluateMajorityBallot(rule, even).reason);
    expectRead(evaluateMajorityBallot(rule, even, 'for').reason);
    expectRead(evaluateMajorityBallot(rule, even, 'against').reason);
  });

  it('no quorum and every tally that does not add up', () => {
    expect(
      expectRead(evaluateMajorityBallot(rule, tally({ present: 8, for: 8, against: 0 })).reason),
      // People are whole: 9, not 8,67 (the live check on the form says 9 too); the rule beside it.
    ).toBe('Không đủ túc số: 8/13 người được triệu tập có mặt, cần ít nhất 9 (2/3 của 13)');
    // As refusals were written before Dec 2026.
    expect(expectRead('no quorum: 8 of 13 summoned present, needs at least 8.67')).toBe(
      'Không đủ túc số: 8/13 người được triệu tập có mặt, cần ít nhất 8,67',
    );
    for (const bad of [
      tally({ present: 14 }),
      tally({ summoned: 14, present: 14, for: 12 }),
      tally({ for: 11 }),
      tally({ against: -1 }),
    ])
      expectRead(evaluateMajorityBallot(rule, bad).reason);
  });

  it('a ballot that ended the case, as the case records it', () => {
    expect(
      expectRead(`ballot ${evaluateMajorityBallot(rule, tally({ for: 6, against: 6 })).reason}`),
    ).toBe('Biểu quyết — Không đạt: 6/13 thành viên đồng ý, cần hơn 6,5');
  });

  it('a reference ballot kept as one basis for the decision', () => {
    expectRead(evaluateReferenceBallot({ quorum: twoThirds, base: 'members' }, tally()).reason);
  });
});

describe('nominations and the council election read in Vietnamese, with names', () => {
  const rule = { quorum: twoThirds, pass: half, fallbackCount: 2 };
  const nomination = (candidates: NominationTally['candidates'], over = {}): NominationTally => ({
    members: 24,
    summoned: 24,
    present: 22,
    invalid: 0,
    candidates,
    ...over,
  });

  it('one selected, nobody passing, and a tally that does not add up', () => {
    expect(
      expectRead(evaluateNomination(rule, nomination([{ personId: 'p-an', votes: 15 }])).reason),
    ).toBe('Chọn «người an»: 15/24 người được triệu tập, cần nhiều phiếu nhất và hơn 12');
    const split = [
      { personId: 'p-an', votes: 9 },
      { personId: 'p-binh', votes: 9 },
      { personId: 'p-cuc', votes: 4 },
    ];
    expectRead(evaluateNomination(rule, nomination(split)).reason);
    expectRead(evaluateNomination(rule, nomination([])).reason);
    expectRead(evaluateNomination(rule, nomination([{ personId: 'p-an', votes: 23 }])).reason);
    expectRead(evaluateNomination(rule, nomination(split, { present: 10 })).reason);
    expectRead(
      evaluateNomination(rule, nomination([...split, { personId: 'p-an', votes: 1 }])).reason,
    );
    expectRead(evaluateNomination(rule, nomination([{ personId: 'p-an', votes: -2 }])).reason);
  });

  it('a nomination kept for reference names the person and the most voted', () => {
    const tally = nomination([
      { personId: 'p-an', votes: 12 },
      { personId: 'p-binh', votes: 8 },
    ]);
    expectRead(evaluateReferenceNomination(rule, tally, ['p-binh']).reason);
    expectRead(evaluateReferenceNomination(rule, tally, ['p-an', 'p-binh']).reason);
  });

  it('elected, not elected, no quorum and a count that does not add up', () => {
    const council = { quorum: twoThirds, pass: half };
    const vote = { delegates: 31, present: 30, for: 20, against: 9, invalid: 1 };
    expect(expectRead(evaluateCouncilElection(council, vote).reason)).toBe(
      'Trúng cử: 20/31 đại biểu tán thành, cần hơn 15,5',
    );
    expectRead(evaluateCouncilElection(council, { ...vote, for: 15, against: 14 }).reason);
    expectRead(
      evaluateCouncilElection(council, { ...vote, present: 20, for: 10, against: 9 }).reason,
    );
    expectRead(evaluateCouncilElection(council, { ...vote, for: 25 }).reason);
    expectRead(evaluateCouncilElection(council, { ...vote, present: 32, for: 22 }).reason);
  });
});

describe('the discipline ballot on a form reads in Vietnamese, with the forms named', () => {
  const rule: FormBallotRule = {
    forms: ['reprimand', 'warning', 'removal_from_post', 'expulsion'],
    quorum: twoThirds,
    pass: half,
    accumulateFromHeaviest: true,
    cellProposal: { forms: ['expulsion'], share: half },
  };
  const tally = (votesByForm: Record<string, number>, over = {}): FormBallotTally => ({
    members: 11,
    summoned: 11,
    present: 11,
    invalid: 0,
    noDiscipline: 11 - Object.values(votesByForm).reduce((a, b) => a + b, 0),
    votesByForm,
    ...over,
  });

  it('a form alone, forms added from the heaviest, and none', () => {
    expectRead(evaluateFormBallot(rule, tally({ warning: 7 })).reason);
    expectRead(evaluateFormBallot(rule, tally({ warning: 3, reprimand: 4 })).reason);
    expectRead(evaluateFormBallot(rule, tally({ warning: 2 })).reason);
    expectRead(
      evaluateFormBallot({ ...rule, accumulateFromHeaviest: false }, tally({ warning: 2 })).reason,
    );
  });

  it('expulsion with and without the cell proposal', () => {
    const expel = tally({ expulsion: 8 });
    expectRead(evaluateFormBallot(rule, expel).reason);
    expectRead(evaluateFormBallot(rule, expel, { cellMembers: 9, for: 3 }).reason);
    expectRead(evaluateFormBallot(rule, expel, { cellMembers: 9, for: 7 }).reason);
  });

  it('counts that do not add up, and a form the track does not have', () => {
    expectRead(evaluateFormBallot(rule, tally({ warning: 7 }, { noDiscipline: 9 })).reason);
    expectRead(evaluateFormBallot(rule, tally({ demotion: 7 })).reason);
    expectRead(evaluateFormBallot(rule, tally({ warning: 1.5 })).reason);
    expectRead(evaluateFormBallot(rule, tally({ warning: 7 }, { present: 5 })).reason);
  });
});

describe("a person's eligibility reads in Vietnamese, citing the instrument and article", () => {
  const ruleSet = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets')).find(
    (set) => set.id === 'state-2025-10-08',
  )!;
  const person = fold(personDecider, [
    event('PersonRegistered', {
      personId: 'p-1',
      fullName: 'Nguyễn Văn A',
      dateOfBirth: '1966-04-12',
      gender: 'male',
      orgUnitId: 'ou-1',
    }),
    event('PersonStatusRecorded', {
      personId: 'p-1',
      status: 'under_investigation',
      from: '2026-10-01',
      until: null,
      note: '',
    }),
  ]) as Extract<PersonState, { status: 'registered' }>;

  it('a status, no planning entry, the age, and a post already held', () => {
    const holds = {
      ...person,
      posts: [{ positionId: 'pos-1', from: '2020-01-01', termEnd: null, decisionRef: 'QĐ 1' }],
    };
    const { reasons } = appointmentEligibility(
      person,
      { id: 'pos-1', rank: 3 },
      new Map(),
      ruleSet,
      '2026-11-20',
    );
    const held = appointmentEligibility(
      holds,
      { id: 'pos-1', rank: 3 },
      new Map(),
      ruleSet,
      '2026-11-20',
      {
        route: 'reappointment',
      },
    );
    const all = [...reasons, ...held.reasons].map((r) => r.reason);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const read = all.map(expectRead);
    expect(read).toContain(
      'Chưa được quy hoạch vào chức vụ «chức vụ 1» hoặc chức vụ tương đương, cao hơn',
    );
    expect(read.find((r) => r.startsWith('«tình trạng'))).toMatch(
      /^«tình trạng 19» từ ngày 01\/10\/2026 \(Quy định 377-QĐ\/TW, Điều 20/,
    );
  });

  it("a discipline case a unit above opened, out of the reader's grant: told of, not named", () => {
    const underCase = {
      ...person,
      statuses: [],
      openCases: [
        {
          caseId: 'dc-above',
          procedure: 'discipline',
          stage: 'past_verification',
          since: '2026-11-01',
        },
      ],
    };
    const { reasons } = appointmentEligibility(
      underCase,
      { id: 'pos-1', rank: 3 },
      new Map(),
      ruleSet,
      '2026-11-20',
      undefined,
      new Map([['dc-above', 'above' as const]]),
    );
    const open = reasons.find((r) => r.rule === 'discipline.case_open')!;
    expect(open.reason).not.toContain('dc-above');
    // Quy định 377-QĐ/TW bars from the case's opening (Nghị định 172/2025's period of handling).
    expect(expectRead(open.reason)).toMatch(
      /^Đang có hồ sơ kỷ luật do cấp trên mở \(Quy định 377-QĐ\/TW/,
    );
    // A sibling unit's case is told as opened by another unit (before: "by a unit above").
    const sibling = appointmentEligibility(
      underCase,
      { id: 'pos-1', rank: 3 },
      new Map(),
      ruleSet,
      '2026-11-20',
      undefined,
      new Map([['dc-above', 'another' as const]]),
    ).reasons.find((r) => r.rule === 'discipline.case_open')!;
    expect(sibling.reason).toMatch(/^a discipline case opened by another unit is open/);
    expect(expectRead(sibling.reason)).toMatch(
      /^Đang có hồ sơ kỷ luật do đơn vị khác mở \(Quy định 377-QĐ\/TW/,
    );
  });

  it.each(['prosecuted', 'on_trial', 'detained'])(
    'a person %s reads as that status with its period and the rule',
    (status) => {
      const held = {
        ...person,
        statuses: [{ status, from: '2026-10-01', until: null, note: '' }],
      } as typeof person;
      const { reasons } = appointmentEligibility(
        held,
        { id: 'pos-1', rank: 3 },
        new Map(),
        ruleSet,
        '2026-11-20',
      );
      const reason = reasons.find((r) => r.rule === `status.${status}`)!;
      expect(expectRead(reason.reason)).toMatch(
        new RegExp(
          `^«tình trạng ${status.length}» từ ngày 01/10/2026 \\(Quy định 377-QĐ/TW, Điều 20`,
        ),
      );
    },
  );

  it('a post a decision gives from a later day: the person takes it up then', () => {
    const coming = {
      ...person,
      posts: [
        {
          positionId: 'pos-1',
          from: '2027-02-01',
          termEnd: null,
          decisionRef: 'QĐ 5 (2026-11-02)',
        },
      ],
    };
    const { reasons } = appointmentEligibility(
      coming,
      { id: 'pos-1', rank: 3 },
      new Map(),
      ruleSet,
      '2026-11-20',
    );
    const takesUp = reasons.find((r) => r.rule === 'appointment.takes_up_post')!.reason;
    // Before: only "not in the planning pool" said anything of a post already decided.
    expect(takesUp).toBe('takes up pos-1 on 2027-02-01 (QĐ 5 (2026-11-02))');
    expect(expectRead(takesUp)).toBe(
      'Sẽ đảm nhiệm chức vụ «chức vụ 1» từ ngày 01/02/2027 (QĐ 5, 02/11/2026)',
    );
  });

  it('too short a time in post, as the vetting will read it (before: eligible, then the decision refused)', () => {
    const deputy = {
      ...person,
      posts: [{ positionId: 'pos-deputy', from: '2025-06-20', termEnd: null, decisionRef: 'QĐ 1' }],
    };
    const { eligible, reasons } = appointmentEligibility(
      deputy,
      { id: 'pos-1', rank: 4 },
      new Map([['pos-deputy', 3]]),
      ruleSet,
      '2026-11-20',
    );
    expect(eligible).toBe(false);
    const inPost = reasons.find((r) => r.rule === 'appointment.years_in_post')!.reason;
    expect(inPost).toMatch(/^17 months in posts of rank 3 .*, needs 24 months \(2 years; /);
    expect(expectRead(inPost)).toMatch(
      /^Giữ chức vụ hiện tại và chức vụ tương đương \(cộng dồn\) 17 tháng, cần 24 tháng \(2 năm; /,
    );
  });

  it('one past the retirement age, whatever the post (before: "-1 whole years left", then only for a higher post)', () => {
    const retired = { ...person, profile: { ...person.profile, dateOfBirth: '1960-01-01' } };
    const { reasons } = appointmentEligibility(
      retired,
      { id: 'pos-1', rank: 3 },
      new Map(),
      ruleSet,
      '2026-11-20',
    );
    const age = reasons.find((r) => r.rule === 'age.retirement_reached')!.reason;
    expect(age).toMatch(
      /^reached the retirement age: retires on 2020-01-31, on or before 2026-11-20;/,
    );
    expect(expectRead(age)).toMatch(
      /^Đã đến tuổi nghỉ hưu: nghỉ hưu ngày 31\/01\/2020, trước hoặc đúng ngày 20\/11\/2026; không quyết định bổ nhiệm nào có hiệu lực từ ngày nghỉ hưu trở đi \(Bộ luật Lao động/,
    );
    // The 2012 Labour Code applied until 2020; the date the citation gives (2021-01-01) is the
    // Nghị định's (before: "…Bộ luật Lao động 2012 art. 187(1) (in force from 2021-01-01)").
    expect(age).toContain('Bộ luật Lao động 2012 art. 187(1) (applied until 2020-12-31);');
    expect(age).not.toMatch(/2012 art\. 187\(1\) \(in force from/);
    expect(expectRead(age)).toContain(
      'Bộ luật Lao động 2012 Điều 187(1) (áp dụng đến ngày 31/12/2020); Bộ luật Lao động 2019 Điều 169(2); Nghị định 135/2020 Điều 3(1); Điều 4',
    );
    // The opening's and the nomination's refusals name the person, the vetting's resolution the item.
    expect(expectRead(`personId: p-an ${age}`)).toMatch(
      /^.+: Đã đến tuổi nghỉ hưu: nghỉ hưu ngày 31\/01\/2020/,
    );
    expect(expectRead(`candidates[1].personId: p-an ${age}`)).toMatch(/: Đã đến tuổi nghỉ hưu/);
    // A decision that gives a post, effective on or after the retirement day (holder-retired-by-effective-day.ts).
    expect(expectRead(`effectiveFrom: p-an ${age}`)).toMatch(/^.+: Đã đến tuổi nghỉ hưu/);
    // Effective after today: the person will have retired by then (a transfer, not only an appointment).
    const byEffectiveDay = retirementReachedBy(
      ruleSet,
      retired.profile,
      '2031-02-01',
      '2026-12-08',
    );
    expect(expectRead(`effectiveFrom: p-an ${byEffectiveDay!.sentence}`)).toMatch(
      /^.+: Sẽ đến tuổi nghỉ hưu trước ngày có hiệu lực: nghỉ hưu ngày 31\/01\/2020, trước hoặc đúng ngày có hiệu lực 01\/02\/2031; không giao chức vụ nào từ ngày nghỉ hưu trở đi \(Bộ luật Lao động/,
    );
    expect(expectRead(`years to retirement cannot be set aside: ${age}`)).toMatch(
      /^Không thể bỏ qua nội dung «.+»: Đã đến tuổi nghỉ hưu: nghỉ hưu ngày 31\/01\/2020/,
    );
  });
});

describe('how a step ended a case', () => {
  it('an exam: each candidate averaged, and none reached the pass mark (exam-scores.ts)', () => {
    expectRead(
      'p-an averaged 72.5 of 100, at or above the pass mark 50; p-binh averaged 40 of 100, below the pass mark 50',
    );
  });

  it('a nominee not nominated, two nominees failing together, and a tie to decide', () => {
    const rule = { quorum: twoThirds, pass: half, fallbackCount: 2 };
    const tally = {
      members: 24,
      summoned: 24,
      present: 22,
      invalid: 0,
      candidates: [{ personId: 'p-an', votes: 15 }],
    };
    expectRead(`p-binh was not nominated: ${evaluateNomination(rule, tally).reason}`);
    const ballot = { quorum: twoThirds, pass: half, base: 'members' as const, headBreaksTie: true };
    const even = {
      members: 12,
      summoned: 12,
      present: 12,
      for: 6,
      against: 6,
      abstain: 0,
      invalid: 0,
    };
    // The form's own words for the head's choice (before: `headDecision "for" hoặc "against"`).
    expect(
      expectRead(
        `${evaluateMajorityBallot(ballot, even).reason}: send headDecision "for" or "against"`,
      ),
    ).toMatch(/quyết định của người đứng đầu khi ngang phiếu \(«Đồng ý» hoặc «Không đồng ý»\)$/);
  });
});

describe("a decision's term and its ground", () => {
  const ruleSet = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets')).find(
    (set) => set.id === 'state-2025-10-08',
  )!;
  const term = ruleCitation(ruleSet, 'appointment.termYears');

  it('the pinned rule set and its citation (case.decision.ts), a full term, to retirement', () => {
    // The rule set's id is for the record: a reader gets the instrument.
    expect(expectRead(`${ruleSet.id}: ${term}`)).toMatch(/^Quy định 377-QĐ\/TW/);
    expectRead(`full term of 5 years (${term})`);
    // A notice's re-appointment summary, the case's heading.
    expect(expectRead('Re-appointment: the term ends on 2027-02-20')).toBe(
      'Bổ nhiệm lại: nhiệm kỳ đang giữ kết thúc ngày 20/02/2027',
    );
    expectRead(`extended to retirement on 2029-04-12 (${term})`);
    expectRead(`extended to retirement: 3 whole years left, fewer than 5 (${term})`);
    expectRead('the term ends at retirement on 2029-04-12');
    // The parameter by its instrument, else the rule set by its title: never the ids.
    expect(
      expectRead('planned duration 3 years, at least 3 (rotation.minYears, state-2025-10-08)'),
    ).toBe('Thời gian dự kiến 3 năm, tối thiểu 3 năm («căn cứ 16»)');
    expect(
      expectRead('planned duration 3 years, at least 3 (rotation.other, state-2025-10-08)'),
    ).toBe('Thời gian dự kiến 3 năm, tối thiểu 3 năm («bộ quy định 16»)');
    expectRead('planned duration 2 years, as the decision states');
    expectRead(
      'no planned period: the transfer decision states none, and no instrument read sets a least period for a transfer (điều động)',
    );
    expect(
      expectRead(`leadership post held on an appointment term: ${ruleSet.id}: ${term}`),
    ).toMatch(/^Chức vụ lãnh đạo, quản lý giữ theo thời hạn bổ nhiệm: Quy định 377/);
  });

  it("a rotation's or transfer's duration out of its bounds is read whole (before: cut after the instrument)", () => {
    const refusal = (years: number, minimum: string) => {
      try {
        rotationTerm(ruleSet, '2027-01-01', years, minimum);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`${years} years was not refused`);
    };
    expect(expectRead(refusal(1, 'rotation.minYears'))).toBe(
      // The citation alone: the rule's key is the system's (before: "(rotation.minYears: Quy định …)").
      'termYears: thời gian luân chuyển, điều động ít nhất 3 năm, đã nhập 1 (Quy định 65-QĐ/TW — chưa đối chiếu văn bản gốc)',
    );
    expect(expectRead(refusal(40, 'rotation.minYears'))).toMatch(
      /^termYears: không được lớn hơn \d+ năm \(.+\)$/,
    );
  });
});

describe("a re-appointment's new term before the current one ends", () => {
  it('reads the lead time the rule set has: 90 calendar days under Nghị định 170/2025 art. 39(1)', () => {
    const ruleSet = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets')).find(
      (set) => set.id === 'state-2025-10-08',
    )!;
    let message = '';
    try {
      refuseStartBeforeTermEnds(
        {
          posts: [
            {
              positionId: 'pos-head',
              from: '2022-06-15',
              termEnd: '2027-06-15',
              decisionRef: '45-QĐ/TU (2022-06-10)',
            } as never,
          ],
          pastPosts: [],
        },
        'pos-head',
        '2026-12-06',
        ruleSet,
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(expectRead(message)).toMatch(
      /^Ngày hiệu lực 06\/12\/2026 trước ngày 15\/06\/2027, .*\(45-QĐ\/TU, 10\/06\/2022\).*thông báo bổ nhiệm lại chậm nhất 90 ngày trước ngày hết nhiệm kỳ \(Nghị định 170\/2025\/NĐ-CP, Điều 39\(1\) — đối chiếu với bản tóm lược, chưa với văn bản gốc\)$/,
    );
  });
});

describe('a re-appointment refused for a year of the term rated below completing duties', () => {
  it('reads each year with its rating and decision, the term and the rule', () => {
    const ruleSet = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets')).find(
      (set) => set.id === 'state-2025-10-08',
    )!;
    let message = '';
    try {
      refuseTermRatedBelow(
        {
          posts: [
            {
              positionId: 'pos-head',
              from: '2022-06-15',
              termEnd: '2027-06-15',
              decisionRef: '45-QĐ/TU',
            },
          ],
          pastPosts: [],
          ratings: [
            { year: 2023, rating: 'not_completed', decisionRef: '12-QĐ/TU (2024-01-10)' },
            { year: 2024, rating: 'not_completed' },
          ],
        },
        'pos-head',
        ruleSet,
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(expectRead(message)).toMatch(
      /^Năm 2023 xếp loại «không hoàn thành nhiệm vụ» \(12-QĐ\/TU, 10\/01\/2024\), năm 2024 xếp loại «không hoàn thành nhiệm vụ», trong nhiệm kỳ giữ chức vụ «chức vụ head» từ ngày 15\/06\/2022 đến ngày 15\/06\/2027: bổ nhiệm lại cần mọi năm của nhiệm kỳ được xếp loại từ «hoàn thành nhiệm vụ» trở lên \(Nghị định 170\/2025\/NĐ-CP/,
    );
  });
});

describe("a re-appointment's vetting flagging years of the term with no rating", () => {
  const ruleSet = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets')).find(
    (set) => set.id === 'state-2025-10-08',
  )!;
  const rated = (ratings: { year: number; rating: 'completed' | 'not_completed' }[]) =>
    termRatingShortfall(
      {
        posts: [
          { positionId: 'pos-head', from: '2022-03-01', termEnd: '2027-03-01', decisionRef: '45' },
        ],
        pastPosts: [],
        ratings,
      },
      'pos-head',
      ruleSet,
      '2026-12-07',
    )!.message;

  it('reads the years missing, alone or after a year rated below, with the term and the rule', () => {
    expect(expectRead(rated([]))).toMatch(
      /^Chưa có kết quả xếp loại trên hồ sơ cho năm 2022, 2023, 2024, 2025 \(các năm của nhiệm kỳ đã kết thúc trước ngày 07\/12\/2026\), trong nhiệm kỳ giữ chức vụ «chức vụ head» từ ngày 01\/03\/2022 đến ngày 01\/03\/2027: bổ nhiệm lại cần mọi năm của nhiệm kỳ được xếp loại từ «hoàn thành nhiệm vụ» trở lên \(Nghị định 170\/2025\/NĐ-CP/,
    );
    expect(
      expectRead(
        rated([
          { year: 2022, rating: 'completed' },
          { year: 2023, rating: 'not_completed' },
          { year: 2025, rating: 'completed' },
        ]),
      ),
    ).toMatch(
      /^Năm 2023 xếp loại «không hoàn thành nhiệm vụ», chưa có kết quả xếp loại trên hồ sơ cho năm 2024 \(các năm của nhiệm kỳ đã kết thúc trước ngày 07\/12\/2026\), trong nhiệm kỳ giữ chức vụ «chức vụ head»/,
    );
  });
});

describe('what vetting reads off a record, a closure, the end of a post left', () => {
  it('the planning pool vetting flags: no entry, or only entries whose term is over (before: in English)', () => {
    const flag = (planningPool: object[]) =>
      planningPoolItem(
        { target: { positionId: 'pos-head', rank: 4 }, planningPool } as never,
        '2031-03-01',
      );
    const none = flag([]);
    expect(none.result).toBe('flagged');
    expect(expectRead(none.note)).toBe(
      'Chưa được quy hoạch vào chức vụ «chức vụ head» hoặc chức vụ tương đương, cao hơn',
    );
    const over = flag([
      { positionId: 'pos-head', rank: 4, term: '2020-2025', decisionRef: '9-QĐ/TU' },
      { positionId: 'pos-chair', rank: 5, term: '2020-2025', decisionRef: '10-QĐ/TU' },
    ]);
    expect(over.result).toBe('flagged');
    expect(expectRead(over.note)).toMatch(
      /^Quy hoạch đã hết nhiệm kỳ: «chức vụ head» nhiệm kỳ 2020-2025 \(9-QĐ\/TU\) hết ngày \d{2}\/\d{2}\/\d{4}; «chức vụ chair» .*, trước ngày 01\/03\/2031; không còn quy hoạch vào chức vụ «chức vụ head»/,
    );
  });

  it('reads each in Vietnamese', () => {
    expectRead('no discipline in effect and no open discipline case');
    // A re-appointment's term_rating cleared from the record.
    expect(
      expectRead(
        'no year of the term rated below completed (Nghị định 170/2025/NĐ-CP, art. 1 (in force from 2025-07-01): x [text not checked here])',
      ),
    ).toMatch(
      /^Không có năm nào trong nhiệm kỳ bị xếp loại dưới «hoàn thành nhiệm vụ» \(Nghị định 170\/2025/,
    );
    expect(expectRead('the rule set asks no rating of the term')).toBe(
      'Bộ quy tắc không đòi hỏi kết quả xếp loại trong nhiệm kỳ',
    );
    // Cleared beside a discipline in effect that bars a higher post only (a recall), and a case
    // not yet past the stage that bars: the note says so rather than "no discipline in effect".
    expect(
      expectRead(
        'discipline (recall, 12-QĐ/UBKT) in effect with no end date; it bars a higher post only: pos-head (rank 4) is not higher than the post held (rank 5); open discipline case d-1 is not yet past verification (Quy định 377-QĐ/TW, art. 4 (in force from 2025-10-08): x [text not checked here])',
      ),
    ).toMatch(
      /chỉ hạn chế bổ nhiệm chức vụ cao hơn: .* không cao hơn chức vụ đang giữ \(bậc 5\); Hồ sơ kỷ luật d-1 đang mở, chưa qua bước xác minh/,
    );
    expectRead(
      'no discipline in effect; open discipline case d-1 is past verification (Quy định 377-QĐ/TW, art. 4 (in force from 2025-10-08): x [text not checked here])',
    );
    for (const stage of ['pending', 'past verification', 'not yet past verification'])
      expect(
        expectRead(
          `no discipline in effect; a discipline case opened by a unit above is ${stage} (Quy định 377-QĐ/TW, art. 4 (in force from 2025-10-08): x [text not checked here])`,
        ),
      ).toMatch(/Hồ sơ kỷ luật do cấp trên mở đang mở/);
    expectRead('a discipline case opened by a unit above is pending');
    // A sibling unit's case, as vetting now tells it (before: "by a unit above" of it too).
    for (const stage of ['pending', 'past verification', 'not yet past verification'])
      expect(
        expectRead(
          `no discipline in effect; a discipline case opened by another unit is ${stage} (Quy định 377-QĐ/TW, art. 4 (in force from 2025-10-08): x [text not checked here])`,
        ),
      ).toMatch(/Hồ sơ kỷ luật do đơn vị khác mở đang mở/);
    expect(expectRead('a discipline case opened by another unit is pending')).toBe(
      'Hồ sơ kỷ luật do đơn vị khác mở đang mở',
    );
    expectRead('planning pool 2025-2030 for pos-head (112-QĐ/TU)');
    expectRead(
      'retires on 2040-01-01: 13 whole years left, needs 5 for a full term (Quy định 377-QĐ/TW, art. 4 (in force from 2025-10-08): x [text not checked here])',
    );
    // The conclusion is the inspector's own words, kept as typed.
    expect(expectRead('verification did not confirm the violation: Không vi phạm')).toBe(
      'Kết quả xác minh không xác định có vi phạm: Không vi phạm',
    );
    expectRead(
      'rotated or transferred to pos-head (case tb-1-1) without keeping this post concurrently (kiêm nhiệm)',
    );
    expectRead(
      'appointed to pos-head (case a-1) without keeping this post concurrently (kiêm nhiệm)',
    );
    // The other ends of a post the person page lists (case-record, discipline and removal records).
    expect(expectRead('term ended (case a-1)')).toBe('Hết nhiệm kỳ (hồ sơ a-1)');
    expectRead('new term from 2027-03-01 (77-QĐ/TU (2026-12-06))');
    expect(reasonInVietnamese('re-elected: new term from 2026-12-06 by 99/QĐ-UBND', words)).toBe(
      'Tái cử, nhiệm kỳ mới từ ngày 06/12/2026 theo 99/QĐ-UBND',
    );
    expect(
      reasonInVietnamese('re-appointed: new term from 2027-03-01 by 77-QĐ/TU (2026-12-06)', words),
    ).toBe('Bổ nhiệm lại, nhiệm kỳ mới từ ngày 01/03/2027 theo 77-QĐ/TU (06/12/2026)');
    expectRead('discipline: removal_from_post (case d-1)');
    // The end of a planning entry the person page lists once its post is taken up.
    expect(
      expectRead('took up the post (case a-1); planned for it in 2025-2030 by 112-QĐ/TU'),
    ).toBe(
      'Đã nhận chức vụ (hồ sơ a-1); được quy hoạch vào chức vụ này giai đoạn 2025-2030 theo 112-QĐ/TU',
    );
    expect(expectRead('relief (case r-1)')).toBe('Cho thôi giữ chức vụ (hồ sơ r-1)');
    expectRead('dismissal (case r-2)');
    expectRead('resignation (case r-3)');
  });
});

describe("a re-appointment's discipline item, the post already held (before: in English)", () => {
  const ruleSet = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets')).find(
    (set) => set.id === 'state-2025-10-08',
  )!;
  const holder: PersonFactsForVetting = {
    dateOfBirth: '1980-04-12',
    gender: 'female',
    target: { positionId: 'pos-head', rank: 4 },
    planningPool: [],
    posts: [{ positionId: 'pos-head', rank: 4, from: '2021-12-01', until: null }],
    disciplineBars: [],
    openDisciplineCases: [],
    pendingDisciplineCases: [],
    holdsTargetPost: true,
  };
  const note = (facts: Partial<PersonFactsForVetting>) => {
    const [entry] = vettingFromRecord({ ...holder, ...facts }, ruleSet, '2026-11-20', [
      'discipline_bar',
    ]);
    return entry.note;
  };

  it('cleared: no case pending, no investigation, citing the decree', () => {
    expect(expectRead(note({}))).toBe(
      'Chức vụ đang giữ: hạn chế bổ nhiệm chức vụ cao hơn của kỷ luật đã quyết định không áp dụng; không có hồ sơ kỷ luật đang mở, không bị điều tra (Nghị định 170/2025/NĐ-CP — chưa đối chiếu văn bản gốc)',
    );
  });

  it('cleared beside a decided discipline still in effect, with and without an end', () => {
    const read = expectRead(
      note({
        disciplineBars: [
          { form: 'reprimand', decisionRef: '12-QĐ/UBKT', endsOn: '2027-03-01' },
          { form: 'warning', decisionRef: '13-QĐ/UBKT', endsOn: null },
        ],
      }),
    );
    expect(read).toContain(
      'không áp dụng; Kỷ luật («hình thức 9», 12-QĐ/UBKT) có hiệu lực đến ngày 01/03/2027; Kỷ luật («hình thức 7», 13-QĐ/UBKT) có hiệu lực, không có thời hạn kết thúc; không có hồ sơ',
    );
  });

  it('a decision a complaint review changed: its own number, and the review named apart', () => {
    const bar = {
      form: 'reprimand',
      decisionRef: citedDecision({
        decisionRef: '12/QĐ-UBND (2026-11-02)',
        revisedByRef: '20/QĐ-UBND (2026-11-10)',
      }),
      endsOn: '2027-03-01',
    };
    expect(expectRead(note({ disciplineBars: [bar] }))).toContain(
      'Kỷ luật («hình thức 9», 12/QĐ-UBND (2026-11-02), được thay đổi theo quyết định giải quyết khiếu nại 20/QĐ-UBND (2026-11-10)) có hiệu lực đến ngày 01/03/2027',
    );
    expect(
      expectRead(`discipline (reprimand, ${bar.decisionRef}) bars a higher post until 2027-03-01`),
    ).toBe(
      'Kỷ luật («hình thức 9», 12/QĐ-UBND, 02/11/2026, được thay đổi theo quyết định giải quyết khiếu nại 20/QĐ-UBND, 10/11/2026) hạn chế bổ nhiệm chức vụ cao hơn đến ngày 01/03/2027',
    );
  });

  it('flagged: a case pending, one opened above, an investigation', () => {
    expect(expectRead(note({ pendingDisciplineCases: ['d-1'] }))).toBe(
      'Hồ sơ kỷ luật d-1 đang mở (Nghị định 170/2025/NĐ-CP — chưa đối chiếu văn bản gốc)',
    );
    const read = expectRead(
      note({
        pendingDisciplineCases: ['d-1'],
        disciplineCasesElsewhere: { open: 1, pastVerification: 0 },
        statuses: [{ status: 'under_investigation', from: '2026-10-01', until: null, note: 'x' }],
      }),
    );
    expect(read).toMatch(
      /^Hồ sơ kỷ luật d-1 đang mở; Hồ sơ kỷ luật do cấp trên mở đang mở; «tình trạng 19» từ ngày 01\/10\/2026 \(Nghị định 170\/2025\/NĐ-CP/,
    );
    // One a sibling unit opened reads as opened by another unit, on the screen as in the note.
    expect(
      expectRead(
        note({
          pendingDisciplineCases: [],
          disciplineCasesElsewhere: {
            open: 2,
            pastVerification: 0,
            byAnotherUnit: { open: 1, pastVerification: 0 },
          },
        }),
      ),
    ).toMatch(/^Hồ sơ kỷ luật do cấp trên mở đang mở; Hồ sơ kỷ luật do đơn vị khác mở đang mở \(/);
  });
});

describe('every note vetting reads off a record reads in Vietnamese, posts by their titles', () => {
  const ruleSet = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets')).find(
    (set) => set.id === 'state-2025-10-08',
  )!;
  const ITEMS = [
    'planning_pool',
    'years_in_post',
    'years_to_retirement',
    'discipline_bar',
    'term_rating',
  ] as const;
  // An internal move to a post lower than the one held, planned for a higher post.
  const mover: PersonFactsForVetting = {
    dateOfBirth: '1980-04-12',
    gender: 'female',
    target: { positionId: 'pos-deputy', rank: 1 },
    planningPool: [
      { positionId: 'pos-director', rank: 6, term: '2025-2030', decisionRef: '112-QĐ/TU' },
    ],
    posts: [{ positionId: 'pos-head', rank: 4, from: '2019-12-01', until: null }],
    disciplineBars: [],
    openDisciplineCases: [],
    pendingDisciplineCases: [],
  };
  const notes = (facts: Partial<PersonFactsForVetting>, appointment = true) =>
    vettingFromRecord({ ...mover, ...facts }, ruleSet, '2026-12-07', [...ITEMS], appointment).map(
      (entry) => entry.note,
    );
  // Every branch of vetting-from-record.ts and vetting-posts.ts that writes a note.
  const records: Partial<PersonFactsForVetting>[] = [
    {},
    // A first appointment: exempt from the years in post, the years to retirement counted.
    { posts: [], planningPool: [] },
    { planningPool: [{ ...mover.planningPool[0], term: '2020-2025' }] },
    // Bars running: on a higher post only, on any appointment for a while, with no end.
    {
      target: { positionId: 'pos-director', rank: 6 },
      disciplineBars: [
        { form: 'reprimand', decisionRef: '15/QĐ-UBND (2026-12-07)', endsOn: '2027-12-07' },
        {
          form: 'demotion',
          decisionRef: '16/QĐ-UBND',
          endsOn: null,
          scope: { scope: 'any', until: '2027-06-01' },
        },
      ],
      openDisciplineCases: ['d-1'],
      pendingDisciplineCases: ['d-1'],
      disciplineCasesElsewhere: { open: 1, pastVerification: 1 },
      statuses: [{ status: 'under_investigation', from: '2026-10-01', until: null, note: 'x' }],
    },
    // Bars the post is outside of (each bar's reach listed); a case pending, one opened above.
    {
      disciplineBars: [
        { form: 'reprimand', decisionRef: '15/QĐ-UBND', endsOn: '2027-12-07' },
        {
          form: 'removal_from_post',
          decisionRef: '17-QĐ/UBKT',
          endsOn: null,
          scope: { scope: 'equivalent_or_higher', until: null },
        },
      ],
    },
    { pendingDisciplineCases: ['d-2'], disciplineCasesElsewhere: { open: 1, pastVerification: 0 } },
    { disciplineBars: [{ form: 'warning', decisionRef: '18-QĐ/UBKT', endsOn: null }] },
  ];

  it('reads each note, naming no post by its id (before: "not a higher post (pos-… rank 1, …)")', () => {
    const written = records.flatMap((facts) => notes(facts));
    for (const note of written) {
      const read = expectRead(note);
      expect({ note, ids: read.match(/\bpos-\S+/g) ?? [] }).toEqual({ note, ids: [] });
    }
    expect(vi(notes({})[2])).toBe(
      'Không phải chức vụ cao hơn («chức vụ deputy» bậc 1, đang giữ chức vụ bậc 4): thời gian công tác còn lại chỉ xét khi bổ nhiệm chức vụ cao hơn',
    );
    expect(written.map((note) => vi(note)).join('\n')).toContain(
      '«chức vụ deputy» (bậc 1) nằm ngoài phạm vi hạn chế của kỷ luật («hình thức 9»: chức vụ cao hơn; «hình thức 17»: chức vụ tương đương hoặc cao hơn), so với chức vụ đang giữ (bậc 4)',
    );
    expect(vi(notes({ posts: [], planningPool: [] })[1])).toMatch(
      /^Bổ nhiệm lần đầu: không áp dụng điều kiện giữ chức vụ \d+ năm \(/,
    );
  });

  it('reads the discipline a decision carries into an open case', () => {
    expect(
      expectRead(
        'discipline decided: reprimand (15/QĐ-UBND (2026-12-07), case d-1), bars a higher post until 2027-12-07',
      ),
    ).toBe(
      'Đã quyết định kỷ luật: «hình thức 9» (15/QĐ-UBND, 07/12/2026, hồ sơ d-1), hạn chế bổ nhiệm chức vụ cao hơn đến ngày 07/12/2027',
    );
    expectRead('discipline decided: warning (16-QĐ/UBKT, case d-2)');
    // The pool item it flags: the entries the decision took off (before, read as cleared).
    expect(
      expectRead(
        'discipline decided: reprimand (15/QĐ-UBND (2026-12-07), case d-1), taken off the planning pool: pos-head 2025-2030 (112-QĐ/TU); pos-deputy 2025-2030 (113-QĐ/TU (2025-06-01))',
      ),
    ).toBe(
      'Đã quyết định kỷ luật: «hình thức 9» (15/QĐ-UBND, 07/12/2026, hồ sơ d-1), đưa ra khỏi quy hoạch: «chức vụ head» nhiệm kỳ 2025-2030 (112-QĐ/TU); «chức vụ deputy» nhiệm kỳ 2025-2030 (113-QĐ/TU, 01/06/2025)',
    );
    expectRead(
      'discipline decided: demotion (17-QĐ/UBKT, case d-3), bars any appointment (until 2027-06-01) until 2031-12-07',
    );
  });
});

describe('why an annulled discipline decision could not put a pool entry back', () => {
  const ruleSet = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets')).find(
    (set) => set.id === 'state-2025-10-08',
  )!;
  const limits = planningLimits(ruleSet);
  const person = fold(personDecider, [
    event('PersonRegistered', {
      personId: 'p-1',
      fullName: 'Nguyễn Văn A',
      dateOfBirth: '1980-04-12',
      gender: 'male',
      orgUnitId: 'ou-1',
    }),
  ]) as Extract<PersonState, { status: 'registered' }>;
  const restore = {
    personId: 'p-1',
    positionId: 'pos-head',
    term: '2025-2030',
    decisionRef: '112-QĐ/TU',
    caseId: 'd-1',
    revisedBy: '20-QĐ (2026-12-06)',
  };
  const refusal = (
    state: typeof person,
    context: Parameters<typeof decidePlanningPoolRestoration>[2],
    data = restore,
  ) => {
    const [outcome] = decidePlanningPoolRestoration(state, data, context);
    expect(outcome.type).toBe('PlanningPoolEntryNotRestored');
    return (outcome.data as { reason: string }).reason;
  };
  const planning = {
    maxPostsPerLevel: limits.maxPostsPerPersonPerLevel,
    levelOf: { 'pos-head': 5, 'pos-chief': 5, 'pos-other': 5 },
    termYears: limits.termYears,
    plannableTerms: limits.plannableTerms,
    workingTime: limits.workingTime,
    day: '2026-12-06',
  };

  it('the seat gone to others, the person planned for as many posts, again, or the term ended', () => {
    const full = { plannedOthers: ['p-b', 'p-c', 'p-d'], limit: limits.maxPeoplePerPost };
    expect(expectRead(refusal(person, { seats: full }))).toMatch(
      /^Quy hoạch chức vụ «chức vụ head» giai đoạn 2025-2030 đã đủ 3\/3 người \(«người b», «người c», «người d»\)/,
    );
    const plannedFor = (...posts: string[]) => ({
      ...person,
      planningPool: posts.map((positionId) => ({
        positionId,
        term: '2025-2030',
        decisionRef: '130-QĐ/TU (2026-11-02)',
      })),
    });
    expectRead(
      refusal(plannedFor('pos-chief', 'pos-other', 'pos-third'), {
        planning: { ...planning, levelOf: { ...planning.levelOf, 'pos-third': 5 } },
      }),
    );
    expect(expectRead(refusal(plannedFor('pos-head'), {}))).toBe(
      'Đã được quy hoạch lại vào chức vụ «chức vụ head» (giai đoạn 2025-2030, 130-QĐ/TU (02/11/2026))',
    );
    expect(expectRead(refusal(person, { planning }, { ...restore, term: '2015-2020' }))).toBe(
      'Giai đoạn quy hoạch 2015-2020 đã kết thúc',
    );
  });
});

describe('why a complaint review could not give back a post the decision ended', () => {
  const removed = fold(personDecider, [
    event('PersonRegistered', {
      personId: 'p-1',
      fullName: 'Nguyễn Văn A',
      dateOfBirth: '1980-04-12',
      gender: 'male',
      orgUnitId: 'ou-1',
    }),
    event('PostAssigned', {
      personId: 'p-1',
      positionId: 'pos-head',
      from: '2021-12-01',
      termEnd: '2026-11-30',
      decisionRef: '45-QĐ/TU (2021-11-25)',
    }),
    event('PostEnded', {
      personId: 'p-1',
      positionId: 'pos-head',
      on: '2026-11-21',
      reason: 'discipline: removal_from_post (case d-1)',
      decisionRef: '12-QĐ (2026-11-20)',
      caseId: 'd-1',
    }),
  ]) as Extract<PersonState, { status: 'registered' }>;
  const refusal = (state: typeof removed, on: string) => {
    const [outcome] = decidePostRestoration(state, {
      personId: 'p-1',
      positionId: 'pos-head',
      caseId: 'd-1',
      endedOn: '2026-11-21',
      endedBy: '12-QĐ (2026-11-20)',
      revisedBy: '20-QĐ (2026-12-06)',
      on,
    });
    expect(outcome.type).toBe('PostNotRestored');
    return (outcome.data as { reason: string }).reason;
  };

  it('the person holds the post again, or its term ended before the review', () => {
    const again = {
      ...removed,
      posts: [
        {
          positionId: 'pos-head',
          from: '2026-11-25',
          termEnd: '2031-11-25',
          decisionRef: '50-QĐ/TU (2026-11-24)',
        },
      ],
    };
    expect(expectRead(refusal(again, '2026-11-28'))).toBe(
      'Đang giữ lại chức vụ «chức vụ head» theo quyết định khác (từ ngày 25/11/2026, 50-QĐ/TU (24/11/2026))',
    );
    expect(expectRead(refusal(removed, '2026-12-06'))).toBe(
      'Nhiệm kỳ chức vụ «chức vụ head» (45-QĐ/TU, 25/11/2021) đã kết thúc ngày 30/11/2026, trước ngày 06/12/2026',
    );
  });

  it('its seats are held by a successor seated since it was taken away', () => {
    const position = {
      id: 'pos-head',
      title: 'Trưởng phòng Nội vụ',
      orgUnitId: 'ou-1',
      appointingAuthority: 'ou-1',
      rank: 5,
      isLeadership: true,
      filledBy: 'appointment' as const,
      seats: 1,
    };
    const successor = { personId: 'p-2', fullName: 'Trần Văn Bình', from: '2026-11-25' };
    const [outcome] = decidePostRestoration(
      removed,
      {
        personId: 'p-1',
        positionId: 'pos-head',
        caseId: 'd-1',
        endedOn: '2026-11-21',
        endedBy: '12-QĐ (2026-11-20)',
        revisedBy: '20-QĐ (2026-11-28)',
        on: '2026-11-28',
      },
      { position, seats: 1, holds: [{ ...successor, termEnd: null, endsOn: null }] },
    );
    expect(expectRead((outcome.data as { reason: string }).reason)).toBe(
      'Chức vụ Trưởng phòng Nội vụ vào ngày 25/11/2026 đã đủ 1 người đảm nhiệm (Trần Văn Bình từ ngày 25/11/2026 (chưa ghi nhận ngày hết nhiệm kỳ)), sau ngày bị thôi giữ chức vụ 21/11/2026: không thể trả lại chức vụ',
    );
  });
});

describe('what no template reads is shown as the server wrote it', () => {
  it('a reason a user typed, and a sentence with an unknown part, come back as null', () => {
    expect(vi('post abolished')).toBeNull();
    expect(vi('passed: 7 of 13 wardens for, needs more than 6.5')).toBeNull();
    expect(vi('Sắp xếp tổ chức bộ máy')).toBeNull();
    // A sentence that only ends in a citation is not one: read as one, it was cut at the article.
    expect(
      vi(
        'termYears: lasts 2 years, 1 given (rotation.minYears: Quy định 65-QĐ/TW, article not identified here (in force from 2022-04-28): a rotation lasts at least 3 years [text not checked here])',
      ),
    ).toBeNull();
    // One part of a joined reason that no template reads keeps the whole in English.
    expect(
      vi('p-an averaged 72.5 of 100, at or above the pass mark 50; something else'),
    ).toBeNull();
  });
});

describe("a discipline bar with its own track's rule, and a flag read again from the record", () => {
  const citation =
    "Luật Cán bộ, công chức 2025, article not identified here (in force from 2025-07-01): 12 months after a reprimand or warning, 24 after removal from post (carried from the 2019 Law art. 82; the 2025 Law's article was not found here) [text not checked here]";
  const bar = `discipline (reprimand, 7-QĐ (2026-12-07)) bars a higher post until 2027-12-07 (civil service track, state-2025-10-08: ${citation})`;

  it("reads the vetting's bar with the civil service rule, not the Party's", () => {
    expect(expectRead(bar)).toMatch(
      /^Kỷ luật \(.+, 7-QĐ, 07\/12\/2026\) hạn chế bổ nhiệm chức vụ cao hơn đến ngày 07\/12\/2027 \(kỷ luật công chức: Luật Cán bộ, công chức 2025 — chưa đối chiếu văn bản gốc\)$/,
    );
  });

  it("reads the workflow's flag with the decision's bar rule", () => {
    expect(
      expectRead(
        `discipline decided: reprimand (7-QĐ (2026-12-07), case d-st1), bars a higher post until 2027-12-07 (reprimand: no higher post for 12 months (state-2025-10-08: ${citation}))`,
      ),
    ).toMatch(
      /^Đã quyết định kỷ luật: .*hồ sơ d-st1\), hạn chế bổ nhiệm chức vụ cao hơn đến ngày 07\/12\/2027 \(12 tháng: Luật Cán bộ, công chức 2025/,
    );
  });

  it('reads a flag cleared on reading the record again, and the refusal of one still running', () => {
    expect(
      expectRead(
        'read again from the record on 2026-12-07: no discipline in effect and no open discipline case',
      ),
    ).toBe(
      'Đọc lại hồ sơ cán bộ ngày 07/12/2026: Không đang chịu kỷ luật và không có hồ sơ kỷ luật đang mở',
    );
    expect(
      expectRead(
        `a running discipline bar cannot be waived: ${bar}; vetting staff may not set it aside (state-2025-10-08: vetting.unwaivableItems)`,
      ),
    ).toMatch(
      /^Không thể bỏ qua nội dung .* khi hạn chế còn hiệu lực: Kỷ luật \(.*kỷ luật công chức: Luật Cán bộ, công chức 2025.*; cán bộ thẩm định không được bỏ qua nội dung này$/,
    );
  });
});

describe('a withdrawal the record made when a decision ended the post', () => {
  it('reads in Vietnamese, the deciding case named (before: in English; the screen writes the day dd/mm/yyyy)', () => {
    // As case-record.process.ts and removal-record.process.ts write it.
    expect(
      expectRead('withdrawn: the post ended by 150-QĐ/TU (2026-12-08) (case c-4f5714e2-9a1b)'),
    ).toBe('Chức vụ kết thúc theo quyết định 150-QĐ/TU (2026-12-08) của hồ sơ c-4f5714e2-9a1b');
    // As discipline-record.process.ts writes it.
    expect(
      expectRead(
        'withdrawn: the holder was removed from the post by 12-QĐ/UBKT (2026-11-02) (discipline case d-77aa-01)',
      ),
    ).toBe(
      'Chức vụ kết thúc do kỷ luật theo quyết định 12-QĐ/UBKT (2026-11-02) của hồ sơ kỷ luật d-77aa-01',
    );
  });
});
