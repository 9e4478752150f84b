import * as path from 'node:path';
import { Actor } from '../../../identity/actor';
import { loadCalendar } from '../../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../../workflow/rule-sets/rule-set-loader';
import { givenStream, historyOf } from '../../../workflow/testing/decider-spec';
import { BallotTally } from '../../../workflow/vote-rules/tally';
import { CaseCommand, NomineeTally, StepBody } from './case.commands';
import { CaseContext } from './case.context';
import { caseDecider } from './case.decider';

const seeds = path.resolve(__dirname, '../../../../seeds');
const definitions = loadDefinitions(path.join(seeds, 'definitions'));
const fillsPost = definitions.get('appointment.internal@3')!;
// The State track's set composed from the instruments in force on 20 Nov 2026 (Quy định 377-QĐ/TW).
const ruleSet = loadRuleSets(path.join(seeds, 'rule-sets')).find(
  (set) =>
    set.track === 'state' &&
    set.effectiveFrom <= '2026-11-20' &&
    (!set.effectiveTo || '2026-11-20' <= set.effectiveTo),
)!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));

const actor = (userId: string, role: string): Actor => ({ userId, roles: [role], orgUnit: 'ou-1' });
const staff = actor('u-staff', 'organization_staff');
const secretary = actor('u-secretary', 'ballot_secretary');
const leader = actor('u-leader', 'leadership');

const context = (who: Actor): CaseContext => ({
  definition: fillsPost,
  ruleSet,
  calendar,
  actor: who,
  today: '2026-11-20',
  actorReachesCaseUnit: true,
  personFacts: {
    dateOfBirth: '1980-04-12',
    gender: 'male',
    target: { positionId: 'pos-head', rank: 4 },
    planningPool: [
      { positionId: 'pos-head', rank: 4, term: '2025-2030', decisionRef: '112-QĐ/TU' },
    ],
    posts: [{ positionId: 'pos-deputy', rank: 3, from: '2021-03-01', until: null }],
    disciplineBars: [],
    openDisciplineCases: [],
  },
});

const open = (personId = ''): CaseCommand => ({
  type: 'OpenCase',
  data: {
    caseId: 'c-post',
    procedure: 'appointment',
    personId,
    positionId: 'pos-head',
    orgUnitId: 'ou-1',
    summary: 'Fill the post of head',
  },
});
const step = (stepId: string, body: StepBody): CaseCommand => ({
  type: 'PerformStep',
  data: { stepId, body },
});
const heldOn = '2026-11-20';
const meeting = step('leadership-round-1', {
  kind: 'meeting',
  heldOn,
  minutesRef: 'BB-1',
  conclusion: 'post, standards and planning pool agreed',
});
const nominate = (stepId: string, candidates: { personId: string; votes: number }[]) =>
  step(stepId, {
    kind: 'nomination',
    heldOn,
    minutesRef: 'BB-2',
    members: 15,
    summoned: 15,
    present: 15,
    invalid: 0,
    candidates,
  });
/** A tally of 9 members, all present: `yes` for, the rest against. */
const tally = (yes: number): BallotTally => ({
  members: 9,
  summoned: 9,
  present: 9,
  for: yes,
  against: 9 - yes,
  abstain: 0,
  invalid: 0,
});
const ballot = (stepId: string, tallies: NomineeTally[], headChoice?: string) =>
  step(stepId, {
    kind: 'ballot',
    heldOn,
    minutesRef: 'BB-3',
    tallies,
    ...(headChoice ? { headChoice } : {}),
  });
const both = (a: number, b: number): NomineeTally[] => [
  { personId: 'p-an', tally: tally(a) },
  { personId: 'p-binh', tally: tally(b) },
];

/** Opened for the post, the two nominees carried to round 3 (nobody passed the first nomination). */
const toRound3: [CaseCommand, CaseContext][] = [
  [open(), context(staff)],
  [meeting, context(staff)],
  [
    nominate('expanded-nomination', [
      { personId: 'p-an', votes: 7 },
      { personId: 'p-binh', votes: 6 },
      { personId: 'p-cuong', votes: 2 },
    ]),
    context(secretary),
  ],
  [ballot('leadership-round-2', both(7, 6)), context(secretary)],
  [
    nominate('key-officials-nomination', [
      { personId: 'p-an', votes: 7 },
      { personId: 'p-binh', votes: 7 },
    ]),
    context(secretary),
  ],
];
const upToRound3 = historyOf(caseDecider, ...toRound3);

describe('an internal appointment that fills a post (appointment.internal@3)', () => {
  it('opens for the post without a person', () => {
    const [opened] = givenStream(caseDecider).when(open(), context(staff)).then(['CaseOpened']);
    expect(opened.data).toMatchObject({ personId: '', positionId: 'pos-head', fillsPost: true });
  });

  it('carries the two a nomination brought up, even when the proposed person is not among them', () => {
    const given = givenStream(
      caseDecider,
      ...historyOf(caseDecider, [open('p-dung'), context(staff)], [meeting, context(staff)]),
    );
    const events = given
      .when(
        nominate('expanded-nomination', [
          { personId: 'p-an', votes: 7 },
          { personId: 'p-binh', votes: 6 },
        ]),
        context(secretary),
      )
      .then(['NominationTallied']);
    expect(events[0].data).toMatchObject({ outcome: 'fallback', selected: ['p-an', 'p-binh'] });
  });

  it('tallies each nominee at round 2; those who pass go on', () => {
    const state = givenStream(caseDecider, ...upToRound3).state;
    expect(state).toMatchObject({ status: 'open', nominees: ['p-an', 'p-binh'], appointee: null });
  });

  it('the final ballot chooses the only nominee who passed; the decision names them', () => {
    const [tallied] = givenStream(caseDecider, ...upToRound3)
      .when(ballot('leadership-round-3', both(6, 4)), context(secretary))
      .then(['BallotTallied']);
    expect(tallied.data).toMatchObject({
      passed: ['p-an'],
      appointee: { personId: 'p-an', by: 'only_one_passed', rule: null },
    });
  });

  it('two passing: the one with more votes for', () => {
    const [tallied] = givenStream(caseDecider, ...upToRound3)
      .when(ballot('leadership-round-3', both(6, 7)), context(secretary))
      .then(['BallotTallied']);
    expect(tallied.data).toMatchObject({ appointee: { personId: 'p-binh', by: 'most_votes' } });
  });

  it('two passing level: refused until the head of the collective chooses, citing the rule', () => {
    const given = givenStream(caseDecider, ...upToRound3);
    given
      .when(ballot('leadership-round-3', both(6, 6)), context(secretary))
      .refuses('ballot.level_nominees_need_head', /p-an \(6 for\), p-binh \(6 for\).*377/);
    const [tallied] = given
      .when(ballot('leadership-round-3', both(6, 6), 'p-binh'), context(secretary))
      .then(['BallotTallied']);
    expect(tallied.data).toMatchObject({
      appointee: { personId: 'p-binh', by: 'head_choice', rule: expect.stringMatching(/377/) },
    });
  });

  it('neither passes: the case is rejected with the rule and each figure', () => {
    const events = givenStream(caseDecider, ...upToRound3)
      .when(ballot('leadership-round-3', both(4, 3)), context(secretary))
      .then(['BallotTallied', 'CaseRejected']);
    expect(events[1].data).toMatchObject({
      rule: 'ballot.no_nominee_passed',
      reason: expect.stringMatching(/p-an failed: 4 of 9 members for.*p-binh failed: 3 of 9/),
    });
  });

  it('refuses a ballot that leaves out a nominee or names someone else', () => {
    const given = givenStream(caseDecider, ...upToRound3);
    given
      .when(ballot('leadership-round-3', [both(6, 4)[0]]), context(secretary))
      .refuses('ballot.nominee_missing', /missing p-binh/);
    given
      .when(
        ballot('leadership-round-3', [...both(6, 4), { personId: 'p-cuong', tally: tally(9) }]),
        context(secretary),
      )
      .refuses('ballot.not_a_nominee', /tallies\[2\]\.personId: p-cuong/);
  });

  it('the decision appoints the nominee the final ballot chose, with kiêm nhiệm when it says so', () => {
    const decided = historyOf(
      caseDecider,
      ...toRound3,
      [ballot('leadership-round-3', both(4, 6)), context(secretary)],
      [
        step('vetting', {
          kind: 'vetting',
          heldOn,
          items: [
            'background',
            'asset_declaration',
            'political_standards',
            'residence_party_cell_opinion',
            'health',
          ].map((item) => ({ item, result: 'cleared' }) as never),
        }),
        context(staff),
      ],
    );
    const [issued] = givenStream(caseDecider, ...decided)
      .when(
        step('decision', {
          kind: 'decision',
          heldOn,
          number: '15/QĐ-UBND',
          signer: 'Chủ tịch',
          effectiveFrom: '2026-12-01',
          keepsPreviousPost: true,
        }),
        context(leader),
      )
      .then(['DecisionIssued']);
    expect(issued.data).toMatchObject({ appointee: 'p-binh', keepsPreviousPost: true });
  });

  // The agreement (hiệp y) and the approval in principle were asked for p-an.
  const askedForAn = (rule: string, field: string): CaseContext['prerequisitePeople'] => [
    { rule, field, caseId: 'c-asked', asks: 'agreement', personId: 'p-an' },
  ];

  it('refuses a nomination bringing up someone the agreement was not asked for, naming the candidate', () => {
    const given = givenStream(
      caseDecider,
      ...historyOf(caseDecider, [open(), context(staff)], [meeting, context(staff)]),
    );
    const asked = {
      ...context(secretary),
      prerequisitePeople: askedForAn('appointment.consultation', 'consultationCaseId'),
    };
    const refusal = given
      .when(
        nominate('expanded-nomination', [
          { personId: 'p-an', votes: 7 },
          { personId: 'p-binh', votes: 6 },
        ]),
        asked,
      )
      .refuses(
        'appointment.consultation_other_person',
        /candidates\[1\]\.personId: p-binh would become a nominee, but consultationCaseId c-asked asks agreement for p-an, not p-binh/,
      );
    expect(refusal.field).toBe('candidates[1].personId');
    // Someone else among the candidates whom the nomination does not bring up is no nominee.
    given
      .when(
        nominate('expanded-nomination', [
          { personId: 'p-an', votes: 12 },
          { personId: 'p-binh', votes: 3 },
        ]),
        asked,
      )
      .then(['NominationTallied']);
  });

  it('refuses the decision for an appointee the approval was not asked for (a case nominated before the check)', () => {
    const vetted = historyOf(
      caseDecider,
      ...toRound3,
      [ballot('leadership-round-3', both(4, 6)), context(secretary)],
      [
        step('vetting', {
          kind: 'vetting',
          heldOn,
          items: [
            'background',
            'asset_declaration',
            'political_standards',
            'residence_party_cell_opinion',
            'health',
          ].map((item) => ({ item, result: 'cleared' }) as never),
        }),
        context(staff),
      ],
    );
    const refusal = givenStream(caseDecider, ...vetted)
      .when(
        step('decision', {
          kind: 'decision',
          heldOn,
          number: '15/QĐ-UBND',
          signer: 'Chủ tịch',
          effectiveFrom: '2026-12-01',
        }),
        {
          ...context(leader),
          prerequisitePeople: askedForAn(
            'appointment.approval_in_principle',
            'approvalInPrincipleCaseId',
          ),
        },
      )
      .refuses(
        'appointment.approval_in_principle_other_person',
        /p-binh would become the appointee/,
      );
    expect(refusal.field).toBe('approvalInPrincipleCaseId');
  });

  it("a sole nominee's single tally is refused on the fields it was sent in", () => {
    const given = givenStream(
      caseDecider,
      ...historyOf(
        caseDecider,
        [open('p-an'), context(staff)],
        [meeting, context(staff)],
        [nominate('expanded-nomination', [{ personId: 'p-an', votes: 12 }]), context(secretary)],
      ),
    );
    const refusal = given
      .when(
        step('leadership-round-2', {
          kind: 'ballot',
          heldOn,
          minutesRef: 'BB-3',
          tally: { ...tally(5), present: 5, against: 0 },
        }),
        context(secretary),
      )
      .refuses('ballot.no_quorum');
    expect(refusal.field).toBe('tally.present');
  });

  it('a definition that does not fill a post still needs a person', () => {
    givenStream(caseDecider)
      .when(open(), { ...context(staff), definition: definitions.get('appointment.internal@1')! })
      .refuses('field.required', /personId/);
  });
});
