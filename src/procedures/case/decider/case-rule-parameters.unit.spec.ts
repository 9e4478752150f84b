import * as path from 'node:path';
import { Actor } from '../../../identity/actor';
import { loadCalendar } from '../../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../../workflow/rule-sets/rule-set-loader';
import { givenStream, historyOf, withParams } from '../../../workflow/testing/decider-spec';
import { caseView } from '../case-view';
import { CaseCommand, StepBody } from './case.commands';
import { CaseContext, PersonFactsForVetting } from './case.context';
import { caseDecider } from './case.decider';

/** The case was opened before its first meeting (a step is not held before the case opened). */
const openedEarlier = (context: CaseContext): CaseContext => ({ ...context, today: '2026-10-01' });

const seeds = path.resolve(__dirname, '../../../../seeds');
const definition = loadDefinitions(path.join(seeds, 'definitions')).get('appointment.external@2')!;
const stateNow = loadRuleSets(path.join(seeds, 'rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));

const actor = (userId: string, role: string): Actor =>
  ({ userId, roles: [role], orgUnit: 'ou-1' }) as Actor;
const staff = actor('u-staff', 'organization_staff');
const secretary = actor('u-secretary', 'ballot_secretary');
const leader = actor('u-leader', 'leadership');
const record: PersonFactsForVetting = {
  dateOfBirth: '1980-04-12',
  gender: 'male',
  target: { positionId: 'pos-deputy', rank: 3 },
  planningPool: [
    { positionId: 'pos-deputy', rank: 3, term: '2025-2030', decisionRef: '112-QĐ/TU' },
  ],
  posts: [{ positionId: 'pos-head-office', rank: 2, from: '2021-03-01', until: null }],
  disciplineBars: [],
  openDisciplineCases: [],
};
const at = (who: Actor, ruleSet = stateNow): CaseContext => ({
  definition,
  ruleSet,
  calendar,
  actor: who,
  today: '2026-11-20',
  actorReachesCaseUnit: true,
  personFacts: record,
});

const step = (stepId: string, body: StepBody): CaseCommand => ({
  type: 'PerformStep',
  data: { stepId, body },
});
/** The evaluation meets after the candidate unit's ballot (5 Nov); the consultation before it. */
const meeting = (stepId: string) =>
  step(stepId, {
    kind: 'meeting',
    heldOn: stepId === 'evaluation-and-meeting' ? '2026-11-05' : '2026-11-02',
    minutesRef: 'BB-1',
    conclusion: 'agreed',
  });
const openCase: CaseCommand = {
  type: 'OpenCase',
  data: {
    caseId: 'c-1',
    procedure: 'appointment',
    personId: 'p-1',
    positionId: 'pos-1',
    orgUnitId: 'ou-1',
    summary: 'from another unit',
  },
};

/** The case up to its decision: consultation, the candidate unit's ballot, evaluation, vetting. */
function caseAtDecision(ruleSet = stateNow) {
  return historyOf(
    caseDecider,
    [openCase, openedEarlier(at(staff, ruleSet))],
    [meeting('consult-receiving-unit'), at(staff, ruleSet)],
    [
      step('candidate-unit-ballot', {
        kind: 'ballot',
        heldOn: '2026-11-05',
        minutesRef: 'BB-2',
        tally: { members: 9, summoned: 9, present: 9, for: 7, against: 2, abstain: 0, invalid: 0 },
      }),
      at(secretary, ruleSet),
    ],
    [meeting('evaluation-and-meeting'), at(staff, ruleSet)],
    [
      step('vetting', {
        kind: 'vetting',
        heldOn: '2026-11-10',
        items: [
          'background',
          'asset_declaration',
          'political_standards',
          'residence_party_cell_opinion',
          'health',
        ].map((item) => ({ item: item as never, result: 'cleared' as const, note: 'verified' })),
      }),
      at(staff, ruleSet),
    ],
  );
}
const decide = (termYears?: number) =>
  step('decision', {
    kind: 'decision',
    heldOn: '2026-11-15',
    number: '215-QĐ/TU',
    signer: 'Bí thư',
    effectiveFrom: '2026-12-01',
    ...(termYears === undefined ? {} : { termYears }),
  });

describe("an appointment's term is the rule set's (appointment.termYears)", () => {
  it('gives the rule set term when the decision leaves termYears out, or repeats it', () => {
    for (const years of [undefined, 5]) {
      const [issued] = givenStream(caseDecider, ...caseAtDecision())
        .when(decide(years), at(leader))
        .then(['DecisionIssued']);
      expect(issued.data).toMatchObject({ termYears: 5, termEnd: '2031-12-01' });
    }
  });

  it('refuses another figure in the request, naming termYears and the rule', () => {
    givenStream(caseDecider, ...caseAtDecision())
      .when(decide(3), at(leader))
      .refuses(
        'decision.term_set_by_rule_set',
        /termYears: the term is 5 years under state-2025-10-08/,
      );
  });

  it('follows the parameter: a rule set with a 4-year term gives 4 years', () => {
    const fourYears = withParams(stateNow, { 'appointment.termYears': 4 });
    const [issued] = givenStream(caseDecider, ...caseAtDecision(fourYears))
      .when(decide(), at(leader, fourYears))
      .then(['DecisionIssued']);
    expect(issued.data).toMatchObject({ termYears: 4, termEnd: '2030-12-01' });
  });
});

describe('vetting items staff cannot set aside (vetting.unwaivableItems)', () => {
  const flag: CaseCommand = {
    type: 'FlagVettingItemFromRecord',
    data: {
      item: 'discipline_bar',
      note: 'warning bars a higher post until 2027-06-30',
      causeRef: 'd-1',
    },
  };
  /** The record as the resolution reads it: a civil servant's reprimand still barring. */
  const barred = {
    ...at(staff),
    personFacts: {
      ...record,
      disciplineBars: [
        {
          form: 'reprimand',
          endsOn: '2027-06-30',
          decisionRef: '12/QĐ-UBND',
          rule: 'civil service track, state-2025-10-08: Luật Cán bộ, công chức 2025: 12 months',
        },
      ],
    },
  };
  /** An open case whose discipline item a discipline decision flagged from the record (the bar on it). */
  const flagged = (ruleSet = stateNow) =>
    historyOf(
      caseDecider,
      [openCase, openedEarlier(at(staff, ruleSet))],
      [flag, { ...at(staff, ruleSet), personFacts: barred.personFacts }],
    );
  const resolve: CaseCommand = {
    type: 'ResolveVettingItem',
    data: { item: 'discipline_bar', note: 'please' },
  };

  it('refuses to waive a running discipline bar under the seeded rules', () => {
    givenStream(caseDecider, ...flagged())
      .when(resolve, barred)
      .refuses('vetting.discipline_bar_unresolvable', /cannot be waived/);
  });

  it("refuses it naming the bar as the record gives it, with its own track's rule", () => {
    const refused = givenStream(caseDecider, ...flagged())
      .when(resolve, barred)
      .refuses('vetting.discipline_bar_unresolvable');
    expect(refused.message).toContain(
      'discipline (reprimand, 12/QĐ-UBND) bars a higher post until 2027-06-30 (civil service track, state-2025-10-08: Luật Cán bộ, công chức 2025: 12 months)',
    );
    // Before: the case's rule set's vetting.unwaivableItems citation, QĐ 377's 24/36/60 months.
    expect(refused.message).not.toMatch(/24 \(reprimand\)|377/);
  });

  it('clears a flag the record, read again, no longer bears out (the discipline annulled), saying who asked', () => {
    const [cleared] = givenStream(caseDecider, ...flagged())
      .when(resolve, at(staff))
      .then(['VettingItemClearedFromRecord']);
    expect(cleared.data).toMatchObject({
      item: 'discipline_bar',
      flaggedNote: 'warning bars a higher post until 2027-06-30',
      clearedBy: 'u-staff',
      clearedOn: '2026-11-20',
      requestNote: 'please',
      note: expect.stringMatching(/^read again from the record on 2026-11-20: no discipline/),
    });
  });

  it("a workflow's second reading clears the same flag once, and leaves a running one", () => {
    const recheck: CaseCommand = {
      type: 'RecheckVettingItemFromRecord',
      data: { item: 'discipline_bar', causeRef: 'd-1' },
    };
    givenStream(caseDecider, ...flagged())
      .when(recheck, barred)
      .then([]);
    const history = historyOf(
      caseDecider,
      [openCase, openedEarlier(at(staff))],
      [flag, at(staff)],
      [recheck, at(staff)],
    );
    // A redelivery finds nothing left to clear.
    givenStream(caseDecider, ...history)
      .when(recheck, at(staff))
      .then([]);
  });

  it('lets staff resolve it under a rule set that does not list it', () => {
    const waivable = withParams(stateNow, { 'vetting.unwaivableItems': [] });
    givenStream(caseDecider, ...flagged(waivable))
      .when(resolve, at(staff, waivable))
      .then(['VettingItemResolved']);
  });

  /** The items the case view offers staff to resolve (the web's «Giải quyết»), under a rule set. */
  const offeredUnder = (ruleSet: typeof stateNow) => {
    const flagYears: CaseCommand = {
      type: 'FlagVettingItemFromRecord',
      data: { item: 'years_in_post', note: 'one year in post, two asked', causeRef: 'p-1' },
    };
    // The record bears both out: the bar running, a year in the post held.
    const short = {
      ...barred.personFacts,
      posts: [{ positionId: 'pos-head-office', rank: 2, from: '2025-11-01', until: null }],
    };
    const history = historyOf(
      caseDecider,
      [openCase, openedEarlier(at(staff, ruleSet))],
      [flag, { ...at(staff, ruleSet), personFacts: short }],
      [flagYears, { ...at(staff, ruleSet), personFacts: short }],
    );
    const view = caseView(
      givenStream(caseDecider, ...history).state,
      { definition, ruleSet },
      3,
      staff,
      {
        calendar,
        today: '2026-11-20',
      },
    );
    return view!.allowedNext
      .filter((next) => next.action === 'resolve-vetting-item')
      .map((next) => next.item);
  };

  it('offers a flag from the record the rule set bars setting aside to be read again', () => {
    const history = flagged();
    const view = caseView(
      givenStream(caseDecider, ...history).state,
      { definition, ruleSet: stateNow },
      2,
      staff,
      {
        calendar,
        today: '2026-11-20',
      },
    );
    expect(view!.allowedNext).toContainEqual({
      action: 'recheck-vetting-item',
      item: 'discipline_bar',
      href: expect.stringMatching(/\/vetting\/discipline_bar\/resolve$/),
    });
  });

  it('offers to resolve the flagged items the rule set does not list, and only those', () => {
    expect(offeredUnder(stateNow)).toEqual(['years_in_post']);
    // Before, the view never offered the discipline bar, whatever the rule set said, and offered
    // an item the rule set bars, which the resolution then refused.
    expect(offeredUnder(withParams(stateNow, { 'vetting.unwaivableItems': [] }))).toEqual([
      'discipline_bar',
      'years_in_post',
    ]);
    expect(
      offeredUnder(withParams(stateNow, { 'vetting.unwaivableItems': ['years_in_post'] })),
    ).toEqual(['discipline_bar']);
  });
});

describe("a term's re-appointment notice is its definition's (decisionGivesReappointmentNotice)", () => {
  it('schedules the notice, the lead time before the term ends, when the definition says so', () => {
    expect(definition.decisionGivesReappointmentNotice).toBe(true);
    const [issued] = givenStream(caseDecider, ...caseAtDecision())
      .when(decide(), at(leader))
      .then(['DecisionIssued']);
    expect(issued.data.termEnd).toBe('2031-12-01');
    // 90 calendar days before the term ends (Nghị định 170/2025/NĐ-CP art. 39(1)); before, the
    // composed set took Quy định 377-QĐ/TW's 90 working days and gave a day in July 2031.
    expect(issued.data.reappointmentNoticeOn).toBe('2031-09-02');
  });

  it('schedules none for a definition that does not (as a rotation or a transfer)', () => {
    const withoutNotice = { ...definition, decisionGivesReappointmentNotice: undefined };
    const [issued] = givenStream(caseDecider, ...caseAtDecision())
      .when(decide(), { ...at(leader), definition: withoutNotice })
      .then(['DecisionIssued']);
    expect(issued.data).not.toHaveProperty('reappointmentNoticeOn');
  });

  it('schedules none for a term that runs to the person’s retirement (no re-appointment follows it)', () => {
    const toRetirement = () => ({
      termYears: 1,
      termEnd: '2027-12-31',
      termRule: 'extended to retirement',
      details: { applied: 'extended_to_retirement', retirementDate: '2027-12-31' },
    });
    const [issued] = givenStream(caseDecider, ...caseAtDecision())
      .when(decide(), { ...at(leader), decisionTerm: toRetirement })
      .then(['DecisionIssued']);
    expect(issued.data.termEnd).toBe('2027-12-31');
    // Before: a notice in Aug 2027, for a term ending the day the person retires.
    expect(issued.data).not.toHaveProperty('reappointmentNoticeOn');
  });
});

describe('a decided discipline carried into the open case (FlagVettingItemFromRecord)', () => {
  const carried = (item: 'discipline_bar' | 'planning_pool'): CaseCommand => ({
    type: 'FlagVettingItemFromRecord',
    data: {
      item,
      note: `discipline decided: reprimand (12/QĐ-UBND, case d-1), ${item}`,
      causeRef: 'd-1',
    },
  });
  const reprimand = {
    form: 'reprimand',
    endsOn: '2027-11-20',
    decisionRef: '12/QĐ-UBND',
  };
  /** The record as the flag reads it: the reprimand on it, the pool entries it took off gone. */
  const decided = (target: { positionId: string; rank: number }) => ({
    ...at(staff),
    personFacts: { ...record, target, planningPool: [], disciplineBars: [reprimand] },
  });

  it('flags nothing on a post not higher than the one held: the bar covers a higher post only', () => {
    givenStream(caseDecider, ...caseAtDecision())
      .when(carried('discipline_bar'), decided({ positionId: 'pos-same', rank: 2 }))
      .then([]);
    // A higher post: flagged.
    givenStream(caseDecider, ...caseAtDecision())
      .when(carried('discipline_bar'), decided({ positionId: 'pos-deputy', rank: 3 }))
      .then(['VettingItemFlaggedFromRecord']);
  });

  it('flags the pool item the vetting cleared on an entry the decision took off, once', () => {
    const [flag] = givenStream(caseDecider, ...caseAtDecision())
      .when(carried('planning_pool'), decided({ positionId: 'pos-deputy', rank: 3 }))
      .then(['VettingItemFlaggedFromRecord']);
    expect(flag.data).toMatchObject({ item: 'planning_pool', causeRef: 'd-1' });
    // Delivered again: the same open flag appends nothing.
    givenStream(caseDecider, ...caseAtDecision(), flag)
      .when(carried('planning_pool'), decided({ positionId: 'pos-deputy', rank: 3 }))
      .then([]);
  });

  it('leaves the pool item alone where an entry is left for the post', () => {
    const kept = decided({ positionId: 'pos-deputy', rank: 3 });
    givenStream(caseDecider, ...caseAtDecision())
      .when(carried('planning_pool'), {
        ...kept,
        personFacts: { ...kept.personFacts, planningPool: record.planningPool },
      })
      .then([]);
  });
});
