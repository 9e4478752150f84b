import * as path from 'node:path';
import { Actor } from '../../../identity/actor';
import { loadCalendar } from '../../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../../workflow/rule-sets/rule-set-loader';
import { givenStream, historyOf } from '../../../workflow/testing/decider-spec';
import { CaseCommand, StepBody } from './case.commands';
import { CaseContext } from './case.context';
import { caseDecider } from './case.decider';
import { CaseState } from './case.state';

/** The case was opened before its first meeting (a step is not held before the case opened). */
const openedEarlier = (context: CaseContext): CaseContext => ({ ...context, today: '2026-10-01' });

const seeds = path.resolve(__dirname, '../../../../seeds');
const internal = loadDefinitions(path.join(seeds, 'definitions')).get('appointment.internal@1')!;
const [, vn2025] = loadRuleSets(path.join(seeds, 'rule-sets'));
const calendar = loadCalendar(path.join(seeds, 'calendar'));

const actor = (userId: string, role: string): Actor => ({
  userId,
  roles: [role],
  orgUnit: 'ou-son-tay',
});
const staff = actor('u-staff', 'organization_staff');
const secretary = actor('u-secretary', 'ballot_secretary');
const leader = actor('u-leader', 'leadership');

const context = (who: Actor, overrides: Partial<CaseContext> = {}): CaseContext => ({
  definition: internal,
  ruleSet: vn2025,
  calendar,
  actor: who,
  today: '2026-11-20',
  actorReachesCaseUnit: true,
  personFacts: {
    dateOfBirth: '1980-04-12',
    gender: 'male',
    target: { positionId: 'pos-deputy', rank: 3 },
    planningPool: [
      { positionId: 'pos-deputy', rank: 3, term: '2025-2030', decisionRef: '112-QĐ/TU' },
    ],
    posts: [{ positionId: 'pos-head-office', rank: 2, from: '2021-03-01', until: null }],
    disciplineBars: [],
    openDisciplineCases: [],
  },
  ...overrides,
});

const step = (stepId: string, body: StepBody): CaseCommand => ({
  type: 'PerformStep',
  data: { stepId, body },
});
const correction = (
  stepId: string,
  body: StepBody,
  reason = 'typed 6 instead of 10',
): CaseCommand => ({
  type: 'CorrectStep',
  data: { stepId, body, reason },
});
const meetingBody: StepBody = {
  kind: 'meeting',
  heldOn: '2026-10-01',
  minutesRef: 'BB-1',
  conclusion: 'post and standards agreed',
};
const nominationBody = (anVotes: number): StepBody => ({
  kind: 'nomination',
  heldOn: '2026-10-05',
  minutesRef: 'BB-2',
  members: 25,
  summoned: 25,
  present: 24,
  invalid: 0,
  candidates: [
    { personId: 'p-an', votes: anVotes },
    { personId: 'p-binh', votes: 24 - anVotes },
  ],
});
/** The key officials' conference, held on the day of round 2's ballot (not before it). */
const keyOfficialsBody = (anVotes: number): StepBody => ({
  ...nominationBody(anVotes),
  heldOn: '2026-10-10',
});
const ballotBody = (forVotes: number, present = 13): StepBody => ({
  kind: 'ballot',
  heldOn: '2026-10-10',
  minutesRef: 'BB-3',
  tally: {
    members: 13,
    summoned: 13,
    present,
    for: forVotes,
    against: present - forVotes,
    abstain: 0,
    invalid: 0,
  },
});
const vettingBody: StepBody = {
  kind: 'vetting',
  heldOn: '2026-11-01',
  items: [
    'background',
    'asset_declaration',
    'political_standards',
    'residence_party_cell_opinion',
    'health',
  ].map((item) => ({ item: item as never, result: 'cleared' as const })),
};

const opened: [CaseCommand, CaseContext] = [
  {
    type: 'OpenCase',
    data: {
      caseId: 'c1',
      procedure: 'appointment',
      personId: 'p-an',
      positionId: 'pos-head',
      orgUnitId: 'ou-son-tay',
      summary: 'fill the post',
    },
  },
  openedEarlier(context(staff)),
];
const toRound3: [CaseCommand, CaseContext][] = [
  opened,
  [step('leadership-round-1', meetingBody), context(staff)],
  [step('expanded-nomination', nominationBody(16)), context(secretary)],
  [step('leadership-round-2', ballotBody(10)), context(secretary)],
  [step('key-officials-nomination', keyOfficialsBody(16)), context(secretary)],
];
const round3 = (forVotes: number): [CaseCommand, CaseContext] => [
  step('leadership-round-3', ballotBody(forVotes)),
  context(secretary),
];
const openOf = (state: CaseState) => state as Extract<CaseState, { status: 'open' }>;

/** The shared given/when/then over a history of commands, with the state after the events. */
function given(...commands: [CaseCommand, CaseContext][]) {
  const spec = givenStream(caseDecider, ...historyOf(caseDecider, ...commands));
  return {
    state: spec.state,
    when(command: CaseCommand, context: CaseContext) {
      const decided = spec.when(command, context);
      return {
        then(types: string[]) {
          const events = decided.then(types);
          return { events, state: events.reduce(caseDecider.evolve, spec.state) };
        },
        refuses(rule: string, category?: string) {
          const error = decided.refuses(rule);
          if (category) expect(error.category).toBe(category);
          return error;
        },
      };
    },
  };
}

describe('correcting a recorded step (sửa bước đã ghi)', () => {
  it('keeps the corrector’s name their token gave, for the screens to name them by', () => {
    const named = { ...staff, name: 'Cán bộ Ban Tổ chức Thành ủy' };
    const { events, state } = given(...toRound3, round3(6))
      .when(correction('leadership-round-3', ballotBody(10)), context(named))
      .then(['StepCorrected']);
    expect(events[0].data).toMatchObject({
      correctedBy: 'u-staff',
      correctedByName: 'Cán bộ Ban Tổ chức Thành ủy',
    });
    expect(openOf(state).corrections[0]).toMatchObject({
      correctedBy: 'u-staff',
      correctedByName: 'Cán bộ Ban Tổ chức Thành ủy',
    });
    // A token without a name: the id alone, no empty name.
    const unnamed = given(...toRound3, round3(6))
      .when(correction('leadership-round-3', ballotBody(10)), context(staff))
      .then(['StepCorrected']);
    expect(unnamed.events[0].data).not.toHaveProperty('correctedByName');
  });

  it('a ballot typed 6 of 13 rejected the case; corrected to 10 it is open and goes on', () => {
    const rejected = given(...toRound3, round3(6));
    expect(rejected.state.status).toBe('rejected');
    const { events, state } = rejected
      .when(correction('leadership-round-3', ballotBody(10)), context(staff))
      .then(['StepCorrected']);
    expect(events[0].data).toMatchObject({
      stepId: 'leadership-round-3',
      reason: 'typed 6 instead of 10',
      correctedBy: 'u-staff',
      correctedOn: '2026-11-20',
      replaces: 'BallotTallied',
      replacedNextStepId: 'leadership-round-3',
      corrected: {
        type: 'BallotTallied',
        data: { outcome: 'passed', nextStepId: 'vetting', recordedBy: 'u-staff' },
      },
    });
    expect(state.status).toBe('open');
    expect(internal.steps[openOf(state).currentStep].id).toBe('vetting');
    // Both the replaced version and the reason stay on the case.
    expect(openOf(state).corrections).toMatchObject([
      { stepId: 'leadership-round-3', correctedBy: 'u-staff', replaced: { type: 'BallotTallied' } },
    ]);
    given(...toRound3, round3(6), [
      correction('leadership-round-3', ballotBody(10)),
      context(staff),
    ])
      .when(step('vetting', vettingBody), context(staff))
      .then(['VettingItemsRecorded']);
  });

  it('judges the corrected tally again: a pass corrected to a failure rejects the case', () => {
    const { events, state } = given(...toRound3, round3(10))
      .when(correction('leadership-round-3', ballotBody(6), 'minutes say 6'), context(staff))
      .then(['StepCorrected', 'CaseRejected']);
    expect(events[1].data).toMatchObject({ rule: 'ballot.failed', stepId: 'leadership-round-3' });
    expect(state.status).toBe('rejected');
  });

  it('refuses a corrected tally the vote rule cannot judge, as it would the original', () => {
    given(...toRound3, round3(6))
      .when(correction('leadership-round-3', ballotBody(6, 8)), context(staff))
      .refuses('ballot.no_quorum', 'unprocessable');
  });

  it('refuses a correction once a later step is done, naming the rule', () => {
    const error = given(...toRound3, round3(10))
      .when(correction('key-officials-nomination', keyOfficialsBody(18)), context(staff))
      .refuses('step.correction_after_later_step', 'conflict');
    expect(error.details).toEqual({ lastStep: 'leadership-round-3' });
  });

  it('refuses a correction by a role the definition does not name', () => {
    given(...toRound3, round3(6))
      .when(correction('leadership-round-3', ballotBody(10)), context(secretary))
      .refuses('step.correction_role_not_allowed', 'forbidden');
  });

  it('refuses a correction where the definition names no corrector', () => {
    const { corrections: _none, ...uncorrectable } = internal;
    given(...toRound3, round3(6))
      .when(
        correction('leadership-round-3', ballotBody(10)),
        context(staff, { definition: uncorrectable }),
      )
      .refuses('step.corrections_not_provided', 'unprocessable');
  });

  it('refuses to correct an issued decision and a step not yet performed', () => {
    const decided = given(
      ...toRound3,
      round3(10),
      [step('vetting', vettingBody), context(staff)],
      [
        step('decision', {
          kind: 'decision',
          heldOn: '2026-11-15',
          number: '215-QĐ/TU',
          signer: 'Bí thư Thị ủy',
          effectiveFrom: '2026-12-01',
        }),
        context(leader),
      ],
    );
    expect(decided.state.status).toBe('decided');
    decided
      .when(
        correction('decision', {
          kind: 'decision',
          heldOn: '2026-11-15',
          number: '216-QĐ/TU',
          signer: 'Bí thư Thị ủy',
          effectiveFrom: '2026-12-01',
        }),
        context(staff),
      )
      .refuses('step.correction_of_decision', 'unprocessable');
    given(...toRound3)
      .when(correction('vetting', vettingBody), context(staff))
      .refuses('step.not_performed', 'conflict');
  });

  it('refuses once the case changed after the step, or staff rejected it', () => {
    const flagged: [CaseCommand, CaseContext] = [
      step('vetting', {
        ...vettingBody,
        items: [{ item: 'health', result: 'flagged', note: 'pending' }],
      } as StepBody),
      context(staff),
    ];
    const resolve: [CaseCommand, CaseContext] = [
      { type: 'ResolveVettingItem', data: { item: 'health', note: 'certificate received' } },
      context(staff),
    ];
    given(...toRound3, round3(10), flagged, resolve)
      .when(correction('vetting', vettingBody), context(staff))
      .refuses('step.correction_after_later_step', 'conflict');
    const reject: [CaseCommand, CaseContext] = [
      { type: 'RejectCase', data: { reason: 'post abolished' } },
      context(staff),
    ];
    given(...toRound3, round3(10), reject)
      .when(correction('leadership-round-3', ballotBody(11)), context(staff))
      .refuses('case.closed', 'conflict');
  });

  it('corrects a nomination that left the person out: the case is open with the nominees', () => {
    const { state } = given(
      opened,
      [step('leadership-round-1', meetingBody), context(staff)],
      [step('expanded-nomination', nominationBody(6)), context(secretary)],
    )
      .when(correction('expanded-nomination', nominationBody(16), 'votes swapped'), context(staff))
      .then(['StepCorrected']);
    expect(state.status).toBe('open');
    expect(openOf(state).nominees).toEqual(['p-an']);
  });

  it('keeps both the recorder and the corrector of a tally away from the decision', () => {
    const { state } = given(...toRound3, round3(6))
      .when(correction('leadership-round-3', ballotBody(10)), context(staff))
      .then(['StepCorrected']);
    expect(openOf(state).tallyRecorders).toEqual(['u-secretary', 'u-staff']);
  });
});
