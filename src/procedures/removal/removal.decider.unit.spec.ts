import * as path from 'node:path';
import { PersonState } from '../../cadres/person/person.state';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { ruleSetInForce } from '../../workflow/rule-sets/rule-set';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { WorkflowCatalog } from '../../workflow/workflow-catalog';
import { givenStream, historyOf } from '../../workflow/testing/decider-spec';
import { CaseCommand } from '../case/decider/case.commands';
import { CaseContext } from '../case/decider/case.context';
import { caseDecider } from '../case/decider/case.decider';
import { ExistingCase } from '../case/decider/case.state';
import { removalDecisionTerm } from './removal-decision';
import { removalOpening, RemovalRecord } from './removal-grounds';
import { applyRemovalDecision } from './removal-record.process';

const seeds = path.resolve(__dirname, '../../../seeds');
const definitions = loadDefinitions(path.join(seeds, 'definitions'));
const ruleSets = loadRuleSets(path.join(seeds, 'rule-sets'));
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const today = '2026-11-20';
const state2026 = ruleSetInForce(ruleSets, today, 'state')!;
const state2024 = ruleSetInForce(ruleSets, '2024-06-01', 'state')!;

const staff: Actor = { userId: 'u-staff', roles: ['organization_staff'], orgUnit: 'ou-t' };
const secretary: Actor = { userId: 'u-sec', roles: ['ballot_secretary'], orgUnit: 'ou-t' };
const leader: Actor = { userId: 'u-leader', roles: ['leadership'], orgUnit: 'ou-t' };

function context(definitionKey: string, actor: Actor): CaseContext {
  const definition = definitions.get(definitionKey)!;
  return {
    definition,
    ruleSet: state2026,
    calendar,
    actor,
    today,
    actorReachesCaseUnit: true,
    decisionTerm: (state, effectiveFrom) =>
      removalDecisionTerm(definition, state2026, effectiveFrom, calendar, state.openFacts),
  };
}

const opening = (
  definitionKey: string,
  facts?: Record<string, unknown>,
): [CaseCommand, CaseContext] => [
  {
    type: 'OpenCase',
    data: {
      caseId: 'm-1',
      procedure: 'removal',
      personId: 'p-1',
      positionId: 'pos-head',
      orgUnitId: 'ou-t',
      summary: 'x',
      ...(facts ? { facts } : {}),
    },
  },
  context(definitionKey, staff),
];
const step = (
  definitionKey: string,
  actor: Actor,
  stepId: string,
  body: object,
): [CaseCommand, CaseContext] => [
  { type: 'PerformStep', data: { stepId, body: body as never } },
  context(definitionKey, actor),
];
const decision = {
  kind: 'decision',
  heldOn: today,
  number: '9-QĐ',
  signer: 'Bí thư',
  effectiveFrom: '2026-12-01',
};
const ballot = (forVotes: number, headDecision?: 'for' | 'against') => ({
  kind: 'ballot',
  heldOn: today,
  minutesRef: 'BB',
  tally: {
    members: 8,
    summoned: 8,
    present: 8,
    for: forVotes,
    against: 8 - forVotes,
    abstain: 0,
    invalid: 0,
  },
  ...(headDecision ? { headDecision } : {}),
});
const dismissalUpToBallot = (forVotes: number, head?: 'for' | 'against') =>
  historyOf(
    caseDecider,
    opening('removal.dismissal@1'),
    step('removal.dismissal@1', staff, 'talk', {
      kind: 'meeting',
      heldOn: today,
      conclusion: 'ok',
    }),
    step('removal.dismissal@1', secretary, 'leadership-ballot', ballot(forVotes, head)),
  );

const record = (overrides: Partial<RemovalRecord> = {}): RemovalRecord => ({
  posts: [{ positionId: 'pos-head', from: '2023-01-01', termEnd: '2028-01-01', decisionRef: '1' }],
  statuses: [],
  ratings: [],
  disciplineInEffect: [],
  disciplineDecided: [],
  openDisciplineCases: [],
  openDisciplineCasesAs: [],
  ...overrides,
});
const open = (definitionId: string, grounds?: Record<string, unknown>, over = {}) =>
  removalOpening({
    definitionId,
    positionId: 'pos-head',
    grounds,
    record: record(over),
    today,
    ruleSet: state2026,
  });

describe('removal from a post (miễn nhiệm, từ chức, cho thôi giữ chức vụ, tạm đình chỉ)', () => {
  it('given the talk and a ballot at exactly half with the head for, when decided, the post ends on the effective day', () => {
    const events = givenStream(caseDecider, ...dismissalUpToBallot(4, 'for'))
      .when(...step('removal.dismissal@1', leader, 'decision', decision))
      .then(['DecisionIssued']);
    expect(events[0].data).toMatchObject({
      termEnd: '2026-12-01',
      details: { effect: 'ends_post', postEndsOn: '2026-12-01' },
    });
  });

  it('given a ballot at or below half with the head against, the case is rejected naming the ballot', () => {
    const events = dismissalUpToBallot(4, 'against');
    expect(events.map((e) => e.type).slice(-2)).toEqual(['BallotTallied', 'CaseRejected']);
  });

  it('when a suspension is decided, it lasts the rule’s 15 days and keeps the post', () => {
    const history = historyOf(
      caseDecider,
      opening('removal.suspension@1'),
      step('removal.suspension@1', staff, 'proposal', {
        kind: 'proposal',
        heldOn: today,
        summary: 'x',
      }),
    );
    const [issued] = givenStream(caseDecider, ...history)
      .when(...step('removal.suspension@1', leader, 'decision', decision))
      .then(['DecisionIssued']);
    expect(issued.data).toMatchObject({ termEnd: '2026-12-15', details: { effect: 'suspends' } });
    expect((issued.data as { termRule: string }).termRule).toMatch(/art\. 81|not checked|15 days/);
  });

  it('suspends a civil servant for at most 15 working days (Nghị định 138/2020 art. 68a, added by Nghị định 116/2024, carried into 170), a cadre for 15 days extendable by 15 (Luật Cán bộ, công chức art. 81)', () => {
    const underCase = (as: ('cadre' | 'civil_servant')[]) => ({
      openDisciplineCases: ['k-1'],
      openDisciplineCasesAs: as,
    });
    const civil = open('removal.suspension', undefined, underCase(['civil_servant']));
    expect(civil).toMatchObject({
      serviceStatus: 'civil_servant',
      maxDays: 15,
      unit: 'working_days',
      rule: expect.stringMatching(/^Nghị định 170\/2025\/NĐ-CP/),
    });
    const decided = (facts: Record<string, unknown>) => {
      const history = historyOf(
        caseDecider,
        opening('removal.suspension@1', facts),
        step('removal.suspension@1', staff, 'proposal', {
          kind: 'proposal',
          heldOn: today,
          summary: 'x',
        }),
      );
      const [issued] = givenStream(caseDecider, ...history)
        .when(...step('removal.suspension@1', leader, 'decision', decision))
        .then(['DecisionIssued']);
      return issued.data as { termEnd: string; termRule: string };
    };
    // From Tue 1 Dec 2026: the 15th working day is Mon 21 Dec (before: 15 calendar days, 15 Dec).
    expect(decided(civil)).toMatchObject({
      termEnd: '2026-12-21',
      termRule: expect.stringMatching(
        /^suspended for 15 working days \(civil servant\), 2026-12-01 to 2026-12-21/,
      ),
    });
    const cadre = open('removal.suspension', undefined, underCase(['cadre']));
    expect(decided(cadre)).toMatchObject({
      termEnd: '2026-12-15',
      termRule: expect.stringMatching(/^suspended for 15 days \(cadre\), .*extendable by 15/),
    });
    // Before Nghị định 116/2024 (17 Sep 2024), the Law's 15 days applied to civil servants too.
    expect(
      removalOpening({
        definitionId: 'removal.suspension',
        positionId: 'pos-head',
        grounds: undefined,
        record: record(underCase(['civil_servant'])),
        today: '2024-06-01',
        ruleSet: state2024,
      }),
    ).toMatchObject({ maxDays: 15, unit: 'days' });
  });

  it('a decision ending the post cites the instrument in force for the case’s rule set: Quy định 377 from 8 Oct 2025, Quy định 41 before', () => {
    const resignation = definitions.get('removal.resignation@1')!;
    // Before: 'Quy định 41-QĐ/TW (2021) art. 6 …' under the 2025 rules too (the definition's text).
    const under377 = removalDecisionTerm(resignation, state2026, today, calendar).termRule;
    expect(under377).toMatch(/^Từ chức: the post ends on 2026-11-20 \(Quy định 377-QĐ\/TW, /);
    expect(under377).toContain('[text not checked here]');
    expect(under377).not.toContain('41-QĐ/TW,');
    const under41 = removalDecisionTerm(resignation, state2024, '2024-06-01', calendar).termRule;
    expect(under41).toMatch(/\(Quy định 41-QĐ\/TW, art\. 6 \(in force from 2021-11-03\)/);
    const dismissal = definitions.get('removal.dismissal@1')!;
    expect(removalDecisionTerm(dismissal, state2026, today, calendar).termRule).toMatch(
      /^Miễn nhiệm: the post ends on 2026-11-20 \(Quy định 377-QĐ\/TW, /,
    );
  });

  it('checks the grounds with the figures of the rule set in force', () => {
    expect(
      open('removal.dismissal', { kind: 'low_confidence', lowConfidenceVotes: 31, totalVotes: 45 }),
    ).toMatchObject({ ground: 'low_confidence', totalVotes: 45 });
    expect(() =>
      open('removal.dismissal', { kind: 'low_confidence', lowConfidenceVotes: 30, totalVotes: 45 }),
    ).toThrow(/30 of 45 low-confidence votes is not more than 2\/3/);
    const ratings = [
      { year: 2024, rating: 'not_completed' as const },
      { year: 2025, rating: 'not_completed' as const },
    ];
    expect(open('removal.dismissal', { kind: 'not_completed_duties' }, { ratings })).toMatchObject({
      years: [2024, 2025],
    });
    const reprimand = { disciplineInEffect: [{ form: 'reprimand', decisionRef: 'KL-1' }] };
    expect(open('removal.dismissal', { kind: 'discipline' }, reprimand)).toMatchObject({
      decisions: [{ form: 'reprimand' }],
    });
    expect(() => open('removal.dismissal', { kind: 'discipline' })).toThrow(/reprimand, warning/);
    expect(() => open('removal.relief', { kind: 'targets' })).toThrow(/grounds.reference/);
    expect(() =>
      open('removal.dismissal', { kind: 'conclusion', reference: 'KL' }, { posts: [] }),
    ).toThrow(/does not hold post pos-head/);
  });

  it("refuses a relief whose grounds.kind is not among its definition's grounds (Quy định 377-QĐ/TW's cases of relief)", () => {
    const { groundKinds } = definitions.get('removal.relief@2')!;
    const relief = (kind: string) =>
      removalOpening({
        definitionId: 'removal.relief',
        groundKinds,
        positionId: 'pos-head',
        grounds: { kind, reference: 'x' },
        record: record(),
        today,
        ruleSet: state2026,
      });
    // Before: opened, with facts.ground 'nonsense'.
    expect(() => relief('nonsense')).toThrow(
      expect.objectContaining({
        rule: 'removal.grounds_invalid',
        field: 'grounds.kind',
        message:
          'grounds.kind: must be one of head_targets_not_met, assigned_targets_not_met, own_request, other',
      }),
    );
    expect(relief('own_request')).toEqual({ ground: 'own_request', reference: 'x' });
  });

  it('dismisses on two reprimands in one term of the post (Quy định 41-QĐ/TW art. 5, carried into 377), a violation disciplined on both tracks counted once', () => {
    const reprimand = (caseId: string, decidedOn: string, sameViolationCaseId?: string) => ({
      caseId,
      form: 'reprimand',
      decidedOn,
      decisionRef: `KL-${caseId}`,
      ...(sameViolationCaseId ? { sameViolationCaseId } : {}),
    });
    // The post was taken up on 2023-01-01.
    const twice = {
      disciplineDecided: [reprimand('k-1', '2024-03-01'), reprimand('k-2', '2026-02-01')],
    };
    expect(open('removal.dismissal', { kind: 'repeated_discipline' }, twice)).toMatchObject({
      ground: 'repeated_discipline',
      termFrom: '2023-01-01',
      decisions: [{ decisionRef: 'KL-k-1' }, { decisionRef: 'KL-k-2' }],
      rule: expect.stringMatching(/^Quy định 377-QĐ\/TW/),
    });
    const before = {
      disciplineDecided: [reprimand('k-0', '2022-05-01'), reprimand('k-2', '2026-02-01')],
    };
    expect(() => open('removal.dismissal', { kind: 'repeated_discipline' }, before)).toThrow(
      /shows 1 decision\(s\) of reprimand since the person took up post pos-head on 2023-01-01 \(KL-k-2 of 2026-02-01\); the ground needs 2 in one term/,
    );
    const bothTracks = {
      disciplineDecided: [reprimand('k-p', '2025-01-10'), reprimand('k-s', '2025-02-01', 'k-p')],
    };
    expect(() => open('removal.dismissal', { kind: 'repeated_discipline' }, bothTracks)).toThrow(
      /shows 1 decision/,
    );
    expect(() =>
      removalOpening({
        definitionId: 'removal.dismissal',
        positionId: 'pos-head',
        grounds: { kind: 'repeated_discipline' },
        record: record({ disciplineDecided: [reprimand('k-1', '2023-05-01')] }),
        today: '2024-06-01',
        ruleSet: state2024,
      }),
    ).toThrow(/Quy định 41-QĐ\/TW, art\. 5 .*khiển trách hai lần trở lên trong cùng một nhiệm kỳ/);
  });

  it('refuses a resignation while the cadre is under investigation (QĐ 41 art. 7 under the 2024 rules)', () => {
    const investigated = {
      statuses: [
        { status: 'under_investigation' as const, from: '2024-01-01', until: null, note: '' },
      ],
    };
    expect(() =>
      removalOpening({
        definitionId: 'removal.resignation',
        positionId: 'pos-head',
        grounds: { letterReceivedOn: '2024-05-30', reason: 'x' },
        record: record(investigated),
        today: '2024-06-01',
        ruleSet: state2024,
      }),
    ).toThrow(/under investigation since 2024-01-01.*Quy định 41-QĐ\/TW.*art\. 7/);
  });

  it("on the record: a dismissal ends the post and withdraws its open re-appointment, not another post's; a suspension records its period", () => {
    const decided = (definitionId: string): ExistingCase => ({
      ...(givenStream(caseDecider, ...dismissalUpToBallot(6)).state as ExistingCase),
      status: 'decided',
      definitionId,
      decision: {
        number: '9-QĐ',
        heldOn: today,
        effectiveFrom: '2026-12-01',
        termEnd: '2026-12-15',
      } as never,
    });
    const person = {
      status: 'registered',
      posts: record().posts,
      pastPosts: [],
    } as unknown as PersonState;
    const openCases = [
      {
        caseId: 'r-1',
        procedure: 'reappointment',
        status: 'open',
        orgUnitId: 'ou-t',
        positionId: 'pos-head',
        withdrawnWhenPostEnds: true,
      },
      // The re-appointment of another post the person holds: it renews a post not ended.
      {
        caseId: 'r-2',
        procedure: 'reappointment',
        status: 'open',
        orgUnitId: 'ou-t',
        positionId: 'pos-other',
        withdrawnWhenPostEnds: true,
      },
      // Its definition does not run on the post: an appointment elsewhere stays open.
      {
        caseId: 'a-1',
        procedure: 'appointment',
        status: 'open',
        orgUnitId: 'ou-t',
        positionId: 'pos-elsewhere',
        withdrawnWhenPostEnds: false,
      },
    ];
    const writes = applyRemovalDecision(decided('removal.dismissal'), person, openCases);
    expect(
      writes.map((w) => (w.to === 'person' ? w.command.type : `${w.command.type} ${w.caseId}`)),
    ).toEqual(['EndPost', 'WithdrawCase r-1']);
    const [suspended] = applyRemovalDecision(decided('removal.suspension'), person, []);
    expect(suspended).toMatchObject({
      command: {
        type: 'RecordPersonStatus',
        data: { status: 'suspended', from: '2026-12-01', until: '2026-12-15' },
      },
    });
  });

  it('on the record: a removal decided for after the term ends ends the post when the term does, never later', () => {
    const decidedOn = (heldOn: string, effectiveFrom: string): ExistingCase => ({
      ...(givenStream(caseDecider, ...dismissalUpToBallot(6)).state as ExistingCase),
      status: 'decided',
      definitionId: 'removal.relief',
      decision: { number: '99-QĐ/TU', heldOn, effectiveFrom } as never,
    });
    const person = { status: 'registered', posts: record().posts, pastPosts: [] };
    const endOf = (decision: ExistingCase) =>
      applyRemovalDecision(decision, person as unknown as PersonState, []).map(
        (write) => write.command.data as { on?: string },
      )[0]?.on;
    // Before: the post ended on 9999-12-31, held 7,972 years past its term's end on 2028-01-01.
    expect(endOf(decidedOn(today, '9999-12-31'))).toBe('2028-01-01');
    expect(endOf(decidedOn(today, '2027-06-01'))).toBe('2027-06-01');
    // Taken after the term ran out, it ends the post on its own day at the latest.
    expect(endOf(decidedOn('2028-02-01', '2028-05-01'))).toBe('2028-02-01');
  });

  it('given an open dismissal, when a discipline decision flags the record, nothing is recorded that could block its decision', () => {
    givenStream(caseDecider, ...dismissalUpToBallot(6))
      .when(
        {
          type: 'FlagVettingItemFromRecord',
          data: { item: 'discipline_bar', note: 'discipline decided: warning', causeRef: 'k-1' },
        },
        context('removal.dismissal@1', staff),
      )
      .then([]);
  });

  it.each(['removal.dismissal', 'removal.relief'])(
    'a %s opened under Quy định 377-QĐ/TW gives the authority 10 working days to consider and decide: its ballot and its decision share them',
    (id) => {
      const definition = new WorkflowCatalog(definitions, ruleSets, calendar).resolveDefinitionOn(
        id,
        today,
      )!;
      const key = `${id}@${definition.version}`;
      const talk = step(key, staff, 'talk', { kind: 'meeting', heldOn: today, conclusion: 'ok' });
      const talked = givenStream(caseDecider, ...historyOf(caseDecider, opening(key), talk))
        .state as ExistingCase;
      const balloted = givenStream(
        caseDecider,
        ...historyOf(
          caseDecider,
          opening(key),
          talk,
          step(key, secretary, 'leadership-ballot', ballot(6)),
        ),
      ).state as ExistingCase;
      // Fri 20 Nov 2026: the ballot is due 7 working days on; taken that day, the decision 3 later.
      expect(talked.currentStepDueOn).toBe(calendar.addWorkingDays(today, 7));
      expect(balloted.currentStepDueOn).toBe(calendar.addWorkingDays(today, 3));
      const authority = definition.steps.filter((s) => s.id !== 'talk');
      expect(authority.reduce((days, s) => days + (s.deadline?.workingDays ?? 0), 0)).toBe(10);
    },
  );
});
