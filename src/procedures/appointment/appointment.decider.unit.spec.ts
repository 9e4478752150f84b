import * as path from 'node:path';
import { DomainEvent } from '../../common/stream-decider';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { CaseCommand, StepBody } from '../case/decider/case.commands';
import { CaseContext, PersonFactsForVetting } from '../case/decider/case.context';
import { caseDecider } from '../case/decider/case.decider';
import { CaseState } from '../case/decider/case.state';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';

/** The case was opened before its first meeting (a step is not held before the case opened). */
const openedEarlier = (context: CaseContext): CaseContext => ({ ...context, today: '2026-10-01' });

const seeds = path.resolve(__dirname, '../../../seeds');
const definitions = loadDefinitions(path.join(seeds, 'definitions'));
const [vn2022, vn2025] = loadRuleSets(path.join(seeds, 'rule-sets'));
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const internal = definitions.get('appointment.internal@1')!;

const staff: Actor = { userId: 'u-staff', roles: ['organization_staff'], orgUnit: 'ou-ha-noi' };
const secretary: Actor = {
  userId: 'u-secretary',
  roles: ['ballot_secretary'],
  orgUnit: 'ou-ha-noi',
};
const leader: Actor = { userId: 'u-leader', roles: ['leadership'], orgUnit: 'ou-ha-noi' };

const cleanRecord: PersonFactsForVetting = {
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

function context(actor: Actor, overrides: Partial<CaseContext> = {}): CaseContext {
  return {
    definition: internal,
    ruleSet: vn2025,
    calendar,
    actor,
    today: '2026-11-20',
    actorReachesCaseUnit: true,
    personFacts: cleanRecord,
    ...overrides,
  };
}

/** given(events).when(command, context).then(event types) | .refuses(rule) */
function given(...commands: [CaseCommand, CaseContext][]) {
  let state: CaseState = caseDecider.initialState();
  const history: DomainEvent[] = [];
  for (const [command, ctx] of commands) {
    for (const event of caseDecider.decide(state, command, ctx)) {
      history.push(event);
      state = caseDecider.evolve(state, event);
    }
  }
  return {
    state,
    history,
    when(command: CaseCommand, ctx: CaseContext) {
      const run = () => caseDecider.decide(state, command, ctx);
      return {
        then: (types: string[]) => {
          const events = run();
          expect(events.map((e) => e.type)).toEqual(types);
          return events;
        },
        refuses: (rule: string, message?: RegExp) => {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainRuleViolation);
          expect((caught as DomainRuleViolation).rule).toBe(rule);
          if (message) expect((caught as DomainRuleViolation).message).toMatch(message);
          return caught as DomainRuleViolation;
        },
      };
    },
  };
}

const open: CaseCommand = {
  type: 'OpenCase',
  data: {
    caseId: 'c1',
    procedure: 'appointment',
    personId: 'p-an',
    positionId: 'pos-head',
    orgUnitId: 'ou-ha-noi',
    summary: 'fill the post',
  },
};
const step = (stepId: string, body: StepBody): CaseCommand => ({
  type: 'PerformStep',
  data: { stepId, body },
});
const meeting = step('leadership-round-1', {
  kind: 'meeting',
  heldOn: '2026-10-01',
  minutesRef: 'BB-1',
  conclusion: 'post and standards agreed',
});
/** The key officials' conference meets after round 2's ballot (10 Oct), the wider one before it. */
const nominate = (stepId: string) =>
  step(stepId, {
    kind: 'nomination',
    heldOn: stepId === 'key-officials-nomination' ? '2026-10-10' : '2026-10-05',
    minutesRef: 'BB-2',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId: 'p-an', votes: 16 },
      { personId: 'p-binh', votes: 8 },
    ],
  });
const ballot = (stepId: string, forVotes: number, headDecision?: 'for' | 'against') =>
  step(stepId, {
    kind: 'ballot',
    heldOn: '2026-10-10',
    minutesRef: 'BB-3',
    tally: {
      members: 13,
      summoned: 13,
      present: 12,
      for: forVotes,
      against: 12 - forVotes,
      abstain: 0,
      invalid: 0,
    },
    ...(headDecision ? { headDecision } : {}),
  });
const staffItems = step('vetting', {
  kind: 'vetting',
  heldOn: '2026-11-01',
  items: [
    'background',
    'asset_declaration',
    'political_standards',
    'residence_party_cell_opinion',
    'health',
  ].map((item) => ({ item: item as never, result: 'cleared' as const, note: 'verified' })),
});
const decide = step('decision', {
  kind: 'decision',
  heldOn: '2026-11-15',
  number: '215-QĐ/TU',
  signer: 'Bí thư Thành ủy',
  effectiveFrom: '2026-12-01',
});

const throughRound3: [CaseCommand, CaseContext][] = [
  [open, openedEarlier(context(staff))],
  [meeting, context(staff)],
  [nominate('expanded-nomination'), context(secretary)],
  [ballot('leadership-round-2', 9), context(secretary)],
  [nominate('key-officials-nomination'), context(secretary)],
  [ballot('leadership-round-3', 9), context(secretary)],
];

describe('appointment, internal source (bổ nhiệm nguồn tại chỗ)', () => {
  it('goes from proposal to decision, pinning definition and rule set, with a 5-year term', () => {
    const spec = given(...throughRound3, [staffItems, context(staff)]);
    expect(spec.state.status).toBe('open');
    const [decision] = spec.when(decide, context(leader)).then(['DecisionIssued']);
    expect(decision.data).toMatchObject({
      number: '215-QĐ/TU',
      effectiveFrom: '2026-12-01',
      termYears: 5,
      termEnd: '2031-12-01',
    });
    expect(spec.history[0].data).toMatchObject({
      definitionId: 'appointment.internal',
      definitionVersion: 1,
      ruleSetId: 'vn-2025',
      firstStepId: 'leadership-round-1',
    });
    const vetting = spec.history.find((e) => e.type === 'VettingItemsRecorded')!;
    expect(
      (vetting.data as { items: { item: string; source: string }[] }).items
        .filter((i) => i.source === 'record')
        .map((i) => i.item),
    ).toEqual(['planning_pool', 'years_in_post', 'years_to_retirement', 'discipline_bar']);
  });

  it('rejects the case when the final ballot fails, naming the numbers', () => {
    const spec = given(...throughRound3.slice(0, 5));
    const events = spec
      .when(ballot('leadership-round-3', 6), context(secretary))
      .then(['BallotTallied', 'CaseRejected']);
    expect(events[1].data).toMatchObject({
      rule: 'ballot.failed',
      reason: 'ballot failed: 6 of 13 members for, needs more than 6.5',
    });
  });

  it('lets the head decide a tie at the final ballot and records the dissent', () => {
    const tie = step('leadership-round-3', {
      kind: 'ballot',
      heldOn: '2026-10-10',
      tally: { members: 12, summoned: 12, present: 12, for: 6, against: 6, abstain: 0, invalid: 0 },
      minutesRef: 'BB-4',
    });
    const spec = given(...throughRound3.slice(0, 5));
    spec.when(tie, context(secretary)).refuses('ballot.tie_needs_head', /send headDecision/);
    const withHead = {
      ...tie,
      data: {
        ...tie.data,
        body: { ...(tie.data as { body: StepBody }).body, headDecision: 'for' as const },
      },
    } as CaseCommand;
    const [tallied] = spec.when(withHead, context(secretary)).then(['BallotTallied']);
    expect(tallied.data).toMatchObject({
      outcome: 'passed',
      decidedByHead: { decision: 'for', dissent: 6 },
    });
  });

  it('blocks the decision while a vetting item is flagged, until it is resolved', () => {
    const flagged = step('vetting', {
      kind: 'vetting',
      heldOn: '2026-11-01',
      items: [
        { item: 'asset_declaration', result: 'flagged', note: '2025 declaration missing' },
        ...['background', 'political_standards', 'residence_party_cell_opinion', 'health'].map(
          (item) => ({ item: item as never, result: 'cleared' as const }),
        ),
      ],
    });
    const spec = given(...throughRound3, [flagged, context(staff)]);
    spec
      .when(decide, context(leader))
      .refuses(
        'vetting.flagged_item_blocks_decision',
        /asset_declaration \(2025 declaration missing\)/,
      );
    const resolved = given(
      ...throughRound3,
      [flagged, context(staff)],
      [
        {
          type: 'ResolveVettingItem',
          data: { item: 'asset_declaration', note: 'declared on 3 Nov' },
        },
        context(staff),
      ],
    );
    resolved.when(decide, context(leader)).then(['DecisionIssued']);
  });

  it('flags the discipline bar from the record with its end date, and it cannot be waived', () => {
    const barred = {
      ...cleanRecord,
      disciplineBars: [{ form: 'warning', endsOn: '2027-06-30', decisionRef: '45-QĐ/UBKT' }],
    };
    const spec = given(...throughRound3, [staffItems, context(staff, { personFacts: barred })]);
    if (spec.state.status !== 'open') throw new Error('expected open');
    expect(spec.state.vetting.discipline_bar).toMatchObject({
      result: 'flagged',
      note: 'discipline (warning, 45-QĐ/UBKT) bars a higher post until 2027-06-30',
    });
    spec
      .when(
        { type: 'ResolveVettingItem', data: { item: 'discipline_bar', note: 'please' } },
        context(staff, { personFacts: barred }),
      )
      .refuses('vetting.discipline_bar_unresolvable');
  });

  it('refuses steps out of order, naming the current step', () => {
    given([open, openedEarlier(context(staff))])
      .when(ballot('leadership-round-3', 9), context(secretary))
      .refuses('step.out_of_order', /current step is leadership-round-1/);
    given([open, openedEarlier(context(staff))], [meeting, context(staff)])
      .when(meeting, context(staff))
      .refuses('step.out_of_order', /already done/);
  });

  it('lets only the role that opens the case withdraw or reject it, and says so', () => {
    // Before: the refusal named the first step ("step leadership-round-1 is performed by …"),
    // which the leader took for a step still to come.
    const closing =
      /only the role that opens the case — organization_staff — may withdraw or reject it/;
    for (const command of [
      { type: 'WithdrawCase', data: { reason: 'post abolished' } },
      { type: 'RejectCase', data: { reason: 'not suitable' } },
    ] as CaseCommand[])
      given([open, openedEarlier(context(staff))], [meeting, context(staff)])
        .when(command, context(leader))
        .refuses('step.role_not_allowed', closing);
  });

  it('refuses a role the definition does not allow, and a grant outside the case unit', () => {
    given([open, openedEarlier(context(staff))], [meeting, context(staff)])
      .when(nominate('expanded-nomination'), context(staff))
      .refuses('step.role_not_allowed', /ballot_secretary/);
    given([open, openedEarlier(context(staff))])
      .when(meeting, context(staff, { actorReachesCaseUnit: false }))
      .refuses('step.out_of_scope');
  });

  it('refuses an inconsistent tally naming the field, and a conference without quorum', () => {
    const bad = step('leadership-round-2', {
      kind: 'ballot',
      heldOn: '2026-10-10',
      minutesRef: 'x',
      tally: { members: 13, summoned: 13, present: 12, for: 9, against: 2, abstain: 0, invalid: 0 },
    });
    const spec = given(...throughRound3.slice(0, 3));
    const error = spec.when(bad, context(secretary)).refuses('tally.inconsistent');
    expect(error.field).toBe('tally.present');
    const thin = step('leadership-round-2', {
      kind: 'ballot',
      heldOn: '2026-10-10',
      minutesRef: 'x',
      tally: { members: 13, summoned: 13, present: 8, for: 8, against: 0, abstain: 0, invalid: 0 },
    });
    spec
      .when(thin, context(secretary))
      .refuses('ballot.no_quorum', /8 of 13 summoned present, needs at least 9 \(2\/3 of 13\)$/);
  });

  it('refuses a first step dated before the case was opened (a case from paper is opened by a records clerk as of its first day)', () => {
    given([open, context(staff)])
      .when(meeting, context(staff))
      .refuses(
        'step.held_before_opening',
        /^heldOn: 2026-10-01 is before 2026-11-20, the day the case was opened \(openedOn\)/,
      );
    given([open, context(staff, { today: '2026-10-01' })])
      .when(meeting, context(staff))
      .then(['MeetingRecorded']);
  });

  it('refuses a step dated before the step before it was held: its day would set the next deadline', () => {
    const afterNomination = given(...throughRound3.slice(0, 3));
    const backdated = (heldOn: string): CaseCommand => {
      const command = ballot('leadership-round-2', 9);
      const data = command.data as { stepId: string; body: StepBody };
      return { ...command, data: { ...data, body: { ...data.body, heldOn } } } as CaseCommand;
    };
    afterNomination
      .when(backdated('1900-01-01'), context(secretary))
      .refuses(
        'step.held_before_current',
        /^heldOn: 1900-01-01 is before 2026-10-05, the day the step before leadership-round-2 was held$/,
      );
    afterNomination
      .when(backdated('2026-10-04'), context(secretary))
      .refuses('step.held_before_current');
    // The same day as the step before it is fine: both meetings may sit on one day.
    const [tallied] = afterNomination
      .when(backdated('2026-10-05'), context(secretary))
      .then(['BallotTallied']);
    expect(tallied.data).toMatchObject({ heldOn: '2026-10-05' });
  });

  it('refuses a second decision and any step on a closed case', () => {
    const decided = given(
      ...throughRound3,
      [staffItems, context(staff)],
      [decide, context(leader)],
    );
    decided.when(decide, context(leader)).refuses('decision.already_issued');
    const withdrawn = given(
      [open, openedEarlier(context(staff))],
      [{ type: 'WithdrawCase', data: { reason: 'post abolished' } }, context(staff)],
    );
    withdrawn.when(meeting, context(staff)).refuses('case.closed', /withdrawn/);
  });

  it('refuses the decision when another decision has put the person into the post meanwhile', () => {
    // An appointment and a transfer were open for the same person and post; the transfer was
    // decided first. Before: this decision assigned the post a second time over the first.
    const holds = {
      ...cleanRecord,
      posts: [
        ...cleanRecord.posts,
        { positionId: 'pos-head', rank: 5, from: '2026-11-10', until: null },
      ],
    };
    given(...throughRound3, [staffItems, context(staff)])
      .when(decide, context(leader, { personFacts: holds }))
      .refuses('decision.post_already_held', /already holds pos-head since 2026-11-10/);
    // A post held before and ended does not stand in the way.
    const heldBefore = {
      ...cleanRecord,
      posts: [{ positionId: 'pos-head', rank: 5, from: '2015-01-01', until: '2020-01-01' }],
    };
    given(...throughRound3, [staffItems, context(staff)])
      .when(decide, context(leader, { personFacts: heldBefore }))
      .then(['DecisionIssued']);
  });

  it('refuses the decision while another decision puts the person into another post from a later day', () => {
    // A transfer decided for pos-director from 2027-01-10 has not begun; this decision takes
    // effect on 2026-12-01. Before: it ended pos-director before it began and left the person
    // holding the post the transfer ends beside the new one.
    const pending = {
      ...cleanRecord,
      postsStartingLater: [
        { positionId: 'pos-director', from: '2027-01-10', decisionRef: '9-QĐ/UBND (2026-11-01)' },
      ],
    };
    given(...throughRound3, [staffItems, context(staff)])
      .when(decide, context(leader, { personFacts: pending }))
      .refuses(
        'decision.pending_post',
        /takes up pos-director \(pos-director\) on 2027-01-10 by decision 9-QĐ\/UBND \(2026-11-01\).*give this decision an effective day after 2027-01-10, or keep the posts held/,
      );
    // Kiêm nhiệm ends no post: nothing stands in the way.
    const concurrently = step('decision', {
      kind: 'decision',
      heldOn: '2026-11-15',
      number: '215-QĐ/TU',
      signer: 'Bí thư Thành ủy',
      effectiveFrom: '2026-12-01',
      keepsPreviousPost: true,
    });
    given(...throughRound3, [staffItems, context(staff)])
      .when(concurrently, context(leader, { personFacts: pending }))
      .then(['DecisionIssued']);
    // A post it begins before this decision takes effect is held by then, and this one ends it.
    const begunBy = {
      ...cleanRecord,
      postsStartingLater: [{ ...pending.postsStartingLater[0], from: '2026-11-20' }],
    };
    given(...throughRound3, [staffItems, context(staff)])
      .when(decide, context(leader, { personFacts: begunBy }))
      .then(['DecisionIssued']);
  });

  it('leaves an elected post to the council that elected the appointee, unless kiêm nhiệm keeps every post', () => {
    // Before: the appointment decision ended the commune vice-chair's elected post on the record.
    const elected = {
      ...cleanRecord,
      electedPosts: [{ positionId: 'pos-vice-chair', title: 'Phó Chủ tịch UBND xã' }],
    };
    const [decision] = given(...throughRound3, [staffItems, context(staff)])
      .when(decide, context(leader, { personFacts: elected }))
      .then(['DecisionIssued']);
    expect(decision.data.electedPostsKept).toEqual([
      { positionId: 'pos-vice-chair', title: 'Phó Chủ tịch UBND xã' },
    ]);
    const concurrently = step('decision', {
      kind: 'decision',
      heldOn: '2026-11-15',
      number: '215-QĐ/TU',
      signer: 'Bí thư Thành ủy',
      effectiveFrom: '2026-12-01',
      keepsPreviousPost: true,
    });
    const [kept] = given(...throughRound3, [staffItems, context(staff)])
      .when(concurrently, context(leader, { personFacts: elected }))
      .then(['DecisionIssued']);
    expect(kept.data).toMatchObject({ keepsPreviousPost: true });
    expect(kept.data.electedPostsKept).toBeUndefined();
  });

  it('keeps ballot recorders from issuing the decision (separation of duties)', () => {
    const both: Actor = {
      userId: 'u-secretary',
      roles: ['ballot_secretary', 'leadership'],
      orgUnit: 'ou-ha-noi',
    };
    given(...throughRound3, [staffItems, context(staff)])
      .when(decide, context(both))
      .refuses('separation.tally_and_decision');
  });

  it('rejects when the nominee is not among those nominated', () => {
    const other = step('expanded-nomination', {
      kind: 'nomination',
      heldOn: '2026-10-05',
      minutesRef: 'BB-2',
      members: 25,
      summoned: 25,
      present: 24,
      invalid: 0,
      candidates: [
        { personId: 'p-binh', votes: 16 },
        { personId: 'p-an', votes: 3 },
      ],
    });
    given([open, openedEarlier(context(staff))], [meeting, context(staff)])
      .when(other, context(secretary))
      .then(['NominationTallied', 'CaseRejected']);
  });

  it('sets the step deadline in working days from the definition', () => {
    const spec = given([open, context(staff)]);
    // 15 working days after Fri 20 Nov 2026.
    expect(spec.history[0].data).toMatchObject({ firstStepDueOn: '2026-12-11' });
  });

  it('applies the bar of the rule set the case pinned: 24 months under vn-2025, 12 under vn-2022', () => {
    expect((vn2022.params['discipline.barMonths'].value as Record<string, number>).reprimand).toBe(
      12,
    );
    expect((vn2025.params['discipline.barMonths'].value as Record<string, number>).reprimand).toBe(
      24,
    );
    const opened2022 = given([open, openedEarlier(context(staff, { ruleSet: vn2022 }))]);
    expect(opened2022.history[0].data).toMatchObject({ ruleSetId: 'vn-2022' });
  });
});

describe('external appointment: a tie at the candidate’s unit', () => {
  const externalV1 = definitions.get('appointment.external@1')!;
  const externalV2 = definitions.get('appointment.external@2')!;
  const consult = step('consult-receiving-unit', {
    kind: 'meeting',
    heldOn: '2026-10-01',
    minutesRef: 'BB-1',
    conclusion: 'receiving unit agrees',
  });
  const tie = (headDecision?: 'for' | 'against') =>
    step('candidate-unit-ballot', {
      kind: 'ballot',
      heldOn: '2026-10-05',
      minutesRef: 'BB-2',
      tally: { members: 8, summoned: 8, present: 8, for: 4, against: 4, abstain: 0, invalid: 0 },
      ...(headDecision ? { headDecision } : {}),
    });
  const under = (definition: typeof externalV1) => (actor: Actor) => context(actor, { definition });

  it('goes to the head of that unit under version 2 (Nghị định 170/2025 art. 33(3)), with the dissent recorded', () => {
    const at = under(externalV2);
    const spec = given([open, openedEarlier(at(staff))], [consult, at(staff)]);
    spec.when(tie(), at(secretary)).refuses('ballot.tie_needs_head', /send headDecision/);
    const [tallied] = spec.when(tie('for'), at(secretary)).then(['BallotTallied']);
    expect(tallied.data).toMatchObject({
      outcome: 'passed',
      decidedByHead: { decision: 'for', dissent: 4 },
    });
    expect(externalV2.citation).toMatch(/Nghị định 170\/2025\/NĐ-CP art\. 33/);
  });

  it('still fails a case that pinned version 1, as it did when it opened', () => {
    const at = under(externalV1);
    const events = given([open, openedEarlier(at(staff))], [consult, at(staff)])
      .when(tie(), at(secretary))
      .then(['BallotTallied', 'CaseRejected']);
    expect(events[1].data).toMatchObject({ rule: 'ballot.failed' });
  });
});
