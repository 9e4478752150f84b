import * as path from 'node:path';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import {
  reappointmentOpening,
  reappointmentTerm,
  refuseStartAfterTermContinues,
  refuseStartBeforeTermEnds,
} from './reappointment-rules';
import { noticeDeadline } from './notice-deadline';

const seeds = path.resolve(__dirname, '../../../seeds');
const sets = loadRuleSets(path.join(seeds, 'rule-sets'));
const [, vn2025] = sets;
// A new case pins the State track's composed set of its opening day.
const state2022 = sets.find((set) => set.id === 'state-2022-08-18')!;
const stateNow = sets.find((set) => set.id === 'state-2025-10-08')!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const post = {
  positionId: 'pos-1',
  from: '2021-12-01',
  termEnd: '2026-12-01',
  decisionRef: '45-QĐ/TU',
};
const base = {
  positionId: 'pos-1',
  posts: [post],
  statuses: [],
  pendingDisciplineCases: [],
  today: '2026-06-01',
  ruleSet: stateNow,
  calendar,
};

function refusal(run: () => unknown): DomainRuleViolation {
  try {
    run();
  } catch (error) {
    return error as DomainRuleViolation;
  }
  throw new Error('expected a refusal');
}

describe('re-appointment opening (bổ nhiệm lại)', () => {
  it('is refused when the person holds no such post with a term', () => {
    expect(refusal(() => reappointmentOpening({ ...base, posts: [] })).rule).toBe(
      'reappointment.no_post_with_term',
    );
    expect(
      refusal(() => reappointmentOpening({ ...base, posts: [{ ...post, termEnd: null }] })).rule,
    ).toBe('reappointment.no_post_with_term');
  });

  it('is refused for a post another decision ends before its term does, naming that decision', () => {
    // An appointment elsewhere effective 2026-09-01 ends pos-1 then; its term ran to 2026-12-01.
    const leaving = {
      ...base,
      endingLater: [
        { positionId: 'pos-1', from: '2021-12-01', endedOn: '2026-09-01', endedBy: '77-QĐ/TU' },
      ],
    };
    const refused = refusal(() => reappointmentOpening(leaving));
    expect(refused).toMatchObject({ rule: 'reappointment.post_ending', field: 'positionId' });
    expect(refused.message).toMatch(
      /decision 77-QĐ\/TU ends pos-1 on 2026-09-01, before its term ends on 2026-12-01/,
    );
    // Another post ending elsewhere does not hold this one back.
    expect(
      reappointmentOpening({
        ...leaving,
        endingLater: [{ ...leaving.endingLater[0], positionId: 'pos-2' }],
      }),
    ).toMatchObject({ termEnd: '2026-12-01' });
  });

  it('is refused for a term an extension already runs to the holder’s retirement, naming its decision and the day', () => {
    // Born 1966-03-15, a man retires on 2027-12-31; the extension 77/QĐ-UBND moved the term's end there.
    const holder = { dateOfBirth: '1966-03-15', gender: 'male' as const };
    const extended = {
      ...post,
      from: '2022-09-01',
      termEnd: '2027-12-31',
      decisionRef: '77/QĐ-UBND',
    };
    const refused = refusal(() =>
      reappointmentOpening({ ...base, posts: [extended], person: holder, today: '2026-12-06' }),
    );
    expect(refused).toMatchObject({
      rule: 'reappointment.term_to_retirement',
      field: 'positionId',
      details: { retirementDate: '2027-12-31', decisionRef: '77/QĐ-UBND' },
    });
    expect(refused.message).toMatch(/pos-1 runs to 2027-12-31 by decision 77\/QĐ-UBND/);
    // The term before the extension, ending before retirement, is still renewed.
    expect(
      reappointmentOpening({
        ...base,
        posts: [{ ...extended, termEnd: '2027-09-01' }],
        person: holder,
        today: '2026-12-06',
      }),
    ).toMatchObject({ termEnd: '2027-09-01' });
  });

  it('records the notice deadline: 90 calendar days before the term ends on the State track (Nghị định 138/2020, then 170/2025 art. 39(1))', () => {
    expect(reappointmentOpening(base)).toMatchObject({
      termEnd: '2026-12-01',
      late: false,
      openBy: '2026-09-02',
      leadTime: '90 days (state-2025-10-08)',
    });
    expect(reappointmentOpening({ ...base, ruleSet: state2022 })).toMatchObject({
      openBy: '2026-09-02',
      late: false,
    });
    // The whole set vn-2025 keeps Quy định 377-QĐ/TW's 90 working days for the cases that pinned it.
    expect(noticeDeadline(vn2025, calendar, '2026-12-01', '2026-06-01')).toEqual({
      openBy: calendar.subtractWorkingDays('2026-12-01', 90),
      late: false,
    });
  });

  it('gives a term ending 01/03/2027 its notice on 01/12/2026 under the set in force, not 16/10/2026, and a case opened on 20/11/2026 is not late', () => {
    expect(stateNow.params['reappointment.leadTime']).toMatchObject({
      value: { amount: 90, unit: 'days' },
      instrumentId: 'nd-170-2025',
      citation: expect.stringMatching(/^Nghị định 170\/2025\/NĐ-CP, art\. 39\(1\)/),
    });
    const term = { ...post, from: '2022-03-01', termEnd: '2027-03-01' };
    const opening = reappointmentOpening({ ...base, posts: [term], today: '2026-11-20' });
    // Before: openBy 2026-10-16 (90 working days), so the same opening was reported late.
    expect(opening).toMatchObject({ termEnd: '2027-03-01', openBy: '2026-12-01', late: false });
    expect(opening).not.toHaveProperty('daysLate');
    expect(reappointmentOpening({ ...base, posts: [term], today: '2026-12-07' })).toMatchObject({
      openBy: '2026-12-01',
      late: true,
      daysLate: 6,
      lateUnit: 'days',
    });
  });

  it('allows a late opening but records by how many days', () => {
    expect(
      reappointmentOpening({ ...base, ruleSet: state2022, today: '2026-09-12' }),
    ).toMatchObject({
      late: true,
      daysLate: 10,
      lateUnit: 'days',
    });
    expect(reappointmentOpening({ ...base, today: '2026-11-02' })).toMatchObject({
      late: true,
      daysLate: 61,
      lateUnit: 'days',
    });
    const lateVn2025 = noticeDeadline(vn2025, calendar, '2026-12-01', '2026-11-02');
    expect(lateVn2025).toMatchObject({ late: true, lateUnit: 'working_days' });
    expect(lateVn2025.daysLate).toBe(calendar.workingDaysBetween(lateVn2025.openBy, '2026-11-02'));
  });

  it.each([
    [
      { status: 'under_investigation', from: '2026-05-01', until: null, note: '' },
      'reappointment.under_investigation',
    ],
    [
      { status: 'maternity_leave', from: '2026-03-01', until: '2026-09-01', note: '' },
      'reappointment.maternity_leave',
    ],
    [
      { status: 'abroad', from: '2026-04-01', until: '2026-07-15', note: 'course' },
      'reappointment.abroad',
    ],
    [
      { status: 'in_hospital', from: '2026-02-20', until: null, note: '' },
      'reappointment.in_hospital',
    ],
  ] as const)('is refused while the holder is %j', (status, rule) => {
    expect(refusal(() => reappointmentOpening({ ...base, statuses: [status] })).rule).toBe(rule);
  });

  it('is not blocked by a short stay abroad or a past one, nor by a decided warning, but is by a pending discipline case', () => {
    expect(
      reappointmentOpening({
        ...base,
        statuses: [{ status: 'abroad', from: '2026-05-20', until: '2026-06-10', note: '' }],
      }),
    ).toMatchObject({ late: false });
    expect(
      reappointmentOpening({
        ...base,
        statuses: [
          { status: 'maternity_leave', from: '2025-01-01', until: '2025-07-01', note: '' },
        ],
      }),
    ).toMatchObject({ late: false });
    const pending = refusal(() =>
      reappointmentOpening({ ...base, pendingDisciplineCases: ['d-7'] }),
    );
    expect(pending.rule).toBe('reappointment.discipline_pending');
    expect(pending.message).toMatch(/d-7.*Nghị định 170\/2025/);
  });
});

describe('re-appointment term', () => {
  it('is a full five-year term when retirement is far', () => {
    expect(
      reappointmentTerm(vn2025, { dateOfBirth: '1980-01-01', gender: 'male' }, '2026-12-01'),
    ).toMatchObject({ termYears: 5, termEnd: '2031-12-01', details: { applied: 'full_term' } });
  });
  it('runs to retirement when fewer than the rule’s years are left', () => {
    // Born mid-1965, he reaches 61 years 6 months (the 2026 age) on 15 Dec 2026: he retires at
    // the end of that month.
    const term = reappointmentTerm(
      vn2025,
      { dateOfBirth: '1965-06-15', gender: 'male' },
      '2026-12-01',
    );
    expect(term).toMatchObject({
      termEnd: '2026-12-31',
      details: { applied: 'extended_to_retirement' },
    });
    expect(term.termRule).toMatch(/extended to retirement: 0 whole years left, fewer than 2/);
  });
});

describe('re-appointment start', () => {
  it('starts on the day the term held ends or later, not before', () => {
    const holder = { posts: [post], pastPosts: [] };
    expect(() => refuseStartBeforeTermEnds(holder, 'pos-1', '2026-12-01', stateNow)).not.toThrow();
    const early = refusal(() => refuseStartBeforeTermEnds(holder, 'pos-1', '2026-06-15', stateNow));
    expect(early).toMatchObject({
      rule: 'reappointment.starts_before_term_end',
      category: 'unprocessable',
      field: 'effectiveFrom',
      details: { termEnd: '2026-12-01' },
    });
    expect(early.message).toMatch(/Nghị định 138\/2020\/NĐ-CP art\. 41\(1\)/);
    // The notice's lead time is the case's rule set's, as its facts say: 90 days under Nghị định
    // 170/2025 art. 39(1) (before: 90 working days under Quy định 377-QĐ/TW, the Party's figure).
    expect(early.message).toMatch(
      /the re-appointment notice: 90 days before the term ends \(Nghị định 170\/2025\/NĐ-CP, art\. 39\(1\)/,
    );
    expect(early.message).not.toMatch(/90 working days/);
    const underVn2025 = refusal(() =>
      refuseStartBeforeTermEnds(holder, 'pos-1', '2026-06-15', vn2025),
    );
    expect(underVn2025.message).toMatch(
      /the re-appointment notice: 90 working days before the term ends \(Quy định 377-QĐ\/TW/,
    );
    const under2022 = refusal(() =>
      refuseStartBeforeTermEnds(holder, 'pos-1', '2026-06-15', state2022),
    );
    expect(under2022.message).toMatch(/the re-appointment notice: 90 days before the term ends/);
  });

  it('after a term already ended on the record, not before the day it ended', () => {
    const ended = { ...post, endedOn: '2026-12-01', reason: 'term ended' };
    const former = { posts: [], pastPosts: [ended] };
    expect(
      refusal(() => refuseStartBeforeTermEnds(former, 'pos-1', '2026-11-30', stateNow)).rule,
    ).toBe('reappointment.starts_before_term_end');
    expect(() => refuseStartBeforeTermEnds(former, 'pos-1', '2026-12-02', stateNow)).not.toThrow();
    // Another post's term says nothing about this one.
    expect(() => refuseStartBeforeTermEnds(former, 'pos-2', '2026-01-01', stateNow)).not.toThrow();
  });

  it('continues the term: decided in time, on the day it ends; decided late, on the decision’s day; no later', () => {
    type Holder = Parameters<typeof refuseStartAfterTermContinues>[0];
    const holder: Holder = { posts: [post], pastPosts: [] };
    const start = (person: Holder, effectiveFrom: string, heldOn: string) => () =>
      refuseStartAfterTermContinues(person, 'pos-1', { effectiveFrom, heldOn });
    expect(start(holder, '2026-12-01', '2026-09-01')).not.toThrow();
    // Before: a new term from 2031 renewed one ending 2026-12-01, four years with the seat empty.
    const gap = refusal(start(holder, '2031-01-01', '2026-09-01'));
    expect(gap).toMatchObject({
      rule: 'reappointment.starts_after_term_end',
      field: 'effectiveFrom',
      details: { termEnd: '2026-12-01', continuesOn: '2026-12-01' },
    });
    expect(gap.message).toMatch(/taken before the term ends: it takes effect on 2026-12-01/);
    // Decided after the term ended on the record: from the decision's day, not later.
    const ended = { ...post, endedOn: '2026-12-01', reason: 'term ended' };
    const former = { posts: [], pastPosts: [ended] };
    expect(start(former, '2026-12-20', '2026-12-20')).not.toThrow();
    const late = refusal(start(former, '2027-01-05', '2026-12-20'));
    expect(late).toMatchObject({
      rule: 'reappointment.starts_after_term_end',
      details: { termEnd: '2026-12-01', continuesOn: '2026-12-20' },
    });
    expect(late.message).toMatch(/ended on 2026-12-01; the decision of 2026-12-20 was taken after/);
    expect(() =>
      refuseStartAfterTermContinues(holder, 'pos-2', {
        effectiveFrom: '2031-01-01',
        heldOn: '2026-09-01',
      }),
    ).not.toThrow();
  });
});
