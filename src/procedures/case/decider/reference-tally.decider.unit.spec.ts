import * as path from 'node:path';
import { Actor } from '../../../identity/actor';
import { loadCalendar } from '../../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../../workflow/definitions/definition-loader';
import { ProcedureDefinition } from '../../../workflow/definitions/procedure-definition';
import { loadRuleSets } from '../../../workflow/rule-sets/rule-set-loader';
import { givenStream, historyOf } from '../../../workflow/testing/decider-spec';
import { CaseCommand, StepBody } from './case.commands';
import { CaseContext } from './case.context';
import { caseDecider } from './case.decider';

/** The case was opened before its first meeting (a step is not held before the case opened). */
const openedEarlier = (context: CaseContext): CaseContext => ({ ...context, today: '2026-10-01' });

const seeds = path.resolve(__dirname, '../../../../seeds');
const definitions = loadDefinitions(path.join(seeds, 'definitions'));
const stateNow = loadRuleSets(path.join(seeds, 'rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const staff = { userId: 'u-staff', roles: ['organization_staff'], orgUnit: 'ou-1' } as Actor;
const secretary = { userId: 'u-sec', roles: ['ballot_secretary'], orgUnit: 'ou-1' } as Actor;
const leader = { userId: 'u-leader', roles: ['leadership'], orgUnit: 'ou-1' } as Actor;

const at = (definition: ProcedureDefinition, actor: Actor): CaseContext => ({
  definition,
  ruleSet: stateNow,
  calendar,
  actor,
  today: '2026-11-20',
  actorReachesCaseUnit: true,
});
const step = (stepId: string, body: StepBody): CaseCommand => ({
  type: 'PerformStep',
  data: { stepId, body },
});
const open = (procedure: string): CaseCommand => ({
  type: 'OpenCase',
  data: {
    caseId: 'c-1',
    procedure,
    personId: 'p-an',
    positionId: 'pos-head',
    orgUnitId: 'ou-1',
    summary: 'fill the post',
  },
});
/** Steps that come after a ballot (6 Nov) are held on its day; the others before it. */
const AFTER_A_BALLOT = new Set(['key-officials-nomination', 'head-evaluation']);
const meeting = (stepId: string, conclusion = 'agreed') =>
  step(stepId, {
    kind: 'meeting',
    heldOn: AFTER_A_BALLOT.has(stepId) ? '2026-11-06' : '2026-11-02',
    minutesRef: 'BB-1',
    conclusion,
  });
/** 25 summoned, 24 present: p-an gets `an` votes, p-binh the rest. */
const nominate = (stepId: string, an: number) =>
  step(stepId, {
    kind: 'nomination',
    heldOn: AFTER_A_BALLOT.has(stepId) ? '2026-11-06' : '2026-11-05',
    minutesRef: 'BB-2',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId: 'p-an', votes: an },
      { personId: 'p-binh', votes: 24 - an },
    ],
  });
/** A tally of `summoned` with `present` there and `forVotes` for. */
const ballot = (stepId: string, summoned: number, present: number, forVotes: number) =>
  step(stepId, {
    kind: 'ballot',
    heldOn: '2026-11-06',
    minutesRef: 'BB-3',
    tally: {
      members: summoned,
      summoned,
      present,
      for: forVotes,
      against: present - forVotes,
      abstain: 0,
      invalid: 0,
    },
  });

describe('key-officials nomination (appointment.internal@2): one basis, not a pass mark', () => {
  const v2 = definitions.get('appointment.internal@2')!;
  const v1 = definitions.get('appointment.internal@1')!;
  const upToKeyOfficials = (definition: ProcedureDefinition) =>
    historyOf(
      caseDecider,
      [open('appointment'), openedEarlier(at(definition, staff))],
      [meeting('leadership-round-1'), at(definition, staff)],
      [nominate('expanded-nomination', 16), at(definition, secretary)],
      [ballot('leadership-round-2', 13, 12, 9), at(definition, secretary)],
    );

  it('records 7 of 25 summoned (28 %) for p-an with the share, rejects no one, moves to round 3', () => {
    const spec = givenStream(caseDecider, ...upToKeyOfficials(v2));
    const [tallied] = spec
      .when(nominate('key-officials-nomination', 7), at(v2, secretary))
      .then(['NominationTallied']);
    expect(tallied.data).toMatchObject({
      outcome: 'reference',
      selected: [],
      share: { votes: 7, base: 25, baseName: 'summoned', percent: 28 },
      reason: expect.stringMatching(
        /^reference: p-an 7 of 25 summoned \(28 %\); the most votes: p-binh \(17\)/,
      ),
      rule: { reference: true, base: 'summoned' },
      nextStepId: 'leadership-round-3',
    });
    const after = givenStream(caseDecider, ...upToKeyOfficials(v2), tallied);
    expect(after.state).toMatchObject({ status: 'open', nominees: ['p-an'] });
  });

  it('still needs a valid conference: 16 of 25 present is no quorum (2/3 = 16.67)', () => {
    givenStream(caseDecider, ...upToKeyOfficials(v2))
      .when(
        step('key-officials-nomination', {
          kind: 'nomination',
          heldOn: '2026-11-06',
          minutesRef: 'BB-2',
          members: 25,
          summoned: 25,
          present: 16,
          invalid: 0,
          candidates: [{ personId: 'p-an', votes: 16 }],
        }),
        at(v2, secretary),
      )
      .refuses('ballot.no_quorum', /16 of 25 summoned present, needs at least 17 \(2\/3 of 25\)$/);
  });

  it('keeps the leadership round 3 decisive: 6 of 13 members for rejects the case', () => {
    const history = [
      ...upToKeyOfficials(v2),
      ...givenStream(caseDecider, ...upToKeyOfficials(v2))
        .when(nominate('key-officials-nomination', 7), at(v2, secretary))
        .events(),
    ];
    givenStream(caseDecider, ...history)
      .when(ballot('leadership-round-3', 13, 12, 6), at(v2, secretary))
      .then(['BallotTallied', 'CaseRejected']);
  });

  it('cases pinned to version 1 keep its rule: 7 of 25 rejects there', () => {
    givenStream(caseDecider, ...upToKeyOfficials(v1))
      .when(nominate('key-officials-nomination', 7), at(v1, secretary))
      .then(['NominationTallied', 'CaseRejected']);
  });
});

describe('re-appointment confidence ballot (reappointment.standard@2): one basis, not a pass mark', () => {
  const v2 = definitions.get('reappointment.standard@2')!;
  const v1 = definitions.get('reappointment.standard@1')!;
  const assessed = (definition: ProcedureDefinition) =>
    historyOf(
      caseDecider,
      [open('reappointment'), openedEarlier(at(definition, staff))],
      [meeting('self-assessment', 'targets met'), at(definition, staff)],
    );

  it('records 15 of 40 summoned for (37.5 %), not announced, and goes on to the head', () => {
    const [tallied] = givenStream(caseDecider, ...assessed(v2))
      .when(ballot('key-officials-confidence', 40, 38, 15), at(v2, secretary))
      .then(['BallotTallied']);
    expect(tallied.data).toMatchObject({
      outcome: 'reference',
      share: { votes: 15, base: 40, baseName: 'summoned', percent: 37.5 },
      reason: expect.stringMatching(/^reference: 15 of 40 summoned for \(37.5 %\), 23 against/),
      announced: false,
      nextStepId: 'head-evaluation',
    });
  });

  it('lets the leadership ballot decide: 7 of 13 members for passes after a 37.5 % confidence', () => {
    const v2History = [
      ...assessed(v2),
      ...givenStream(caseDecider, ...assessed(v2))
        .when(ballot('key-officials-confidence', 40, 38, 15), at(v2, secretary))
        .events(),
    ];
    const spec = givenStream(
      caseDecider,
      ...v2History,
      ...givenStream(caseDecider, ...v2History)
        .when(meeting('head-evaluation'), at(v2, leader))
        .events(),
    );
    spec.when(ballot('leadership-ballot', 13, 12, 7), at(v2, secretary)).then(['BallotTallied']);
  });

  it('cases pinned to version 1 keep its rule: 15 of 40 fails there', () => {
    givenStream(caseDecider, ...assessed(v1))
      .when(ballot('key-officials-confidence', 40, 38, 15), at(v1, secretary))
      .then(['BallotTallied', 'CaseRejected']);
  });
});
