import * as path from 'node:path';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { ruleSetInForce } from '../../workflow/rule-sets/rule-set';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { givenStream, historyOf } from '../../workflow/testing/decider-spec';
import { CaseCommand } from '../case/decider/case.commands';
import { CaseContext, PersonFactsForVetting } from '../case/decider/case.context';
import { caseDecider } from '../case/decider/case.decider';
import { electedPostTerm, electionOpening } from './election-rules';

const seeds = path.resolve(__dirname, '../../../seeds');
const definition = loadDefinitions(path.join(seeds, 'definitions')).get('election.nomination@1')!;
const ruleSet = ruleSetInForce(loadRuleSets(path.join(seeds, 'rule-sets')), '2026-11-20', 'state')!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const today = '2026-11-20';
const councilTermFrom = '2026-06-20';

const personFacts: PersonFactsForVetting = {
  dateOfBirth: '1978-03-01',
  gender: 'female',
  target: { positionId: 'pos-chair', rank: 6 },
  planningPool: [],
  posts: [],
  disciplineBars: [],
  openDisciplineCases: [],
};
const who = (userId: string, role: string): Actor => ({ userId, roles: [role], orgUnit: 'ou-x' });
const staff = who('u-staff', 'organization_staff');
const secretary = who('u-sec', 'ballot_secretary');
const leader = who('u-leader', 'leadership');
const context = (actor: Actor): CaseContext => ({
  definition,
  ruleSet,
  calendar,
  actor,
  today,
  actorReachesCaseUnit: true,
  personFacts,
  postHolders: [],
  decisionTerm: (state, effectiveFrom, years) =>
    electedPostTerm(ruleSet, state, effectiveFrom, years),
});
const perform = (actor: Actor, stepId: string, body: object): [CaseCommand, CaseContext] => [
  { type: 'PerformStep', data: { stepId, body: body as never } },
  context(actor),
];
const tally = {
  members: 11,
  summoned: 11,
  present: 11,
  for: 8,
  against: 3,
  abstain: 0,
  invalid: 0,
};
const untilElection = historyOf(
  caseDecider,
  [
    {
      type: 'OpenCase',
      data: {
        caseId: 'e-1',
        procedure: 'election',
        personId: 'p-1',
        positionId: 'pos-chair',
        orgUnitId: 'ou-x',
        summary: 'x',
      },
    },
    context(staff),
  ],
  perform(staff, 'proposal', { kind: 'proposal', heldOn: today, summary: 'Giới thiệu' }),
  perform(secretary, 'leadership-ballot', {
    kind: 'ballot',
    heldOn: today,
    minutesRef: 'BB',
    tally,
  }),
  perform(staff, 'vetting', {
    kind: 'vetting',
    heldOn: today,
    items: ['background', 'asset_declaration', 'political_standards', 'health'].map((item) => ({
      item,
      result: 'cleared',
    })),
  }),
  perform(secretary, 'party-committee', { kind: 'ballot', heldOn: today, minutesRef: 'BB', tally }),
);
const election = (vote: object) =>
  perform(secretary, 'council-election', {
    kind: 'election',
    heldOn: today,
    minutesRef: 'NQ-5',
    councilTermFrom,
    vote,
  });

describe('nomination for election (giới thiệu nhân sự ứng cử)', () => {
  it('given the council elected with more than half of all delegates, the confirmation gives the post the council’s term', () => {
    const history = [
      ...untilElection,
      ...givenStream(caseDecider, ...untilElection)
        .when(...election({ delegates: 30, present: 28, for: 16, against: 11, invalid: 1 }))
        .then(['ElectionResultRecorded']),
    ];
    const [confirmed] = givenStream(caseDecider, ...history)
      .when(
        ...perform(leader, 'confirmation', {
          kind: 'decision',
          heldOn: today,
          number: '12/QĐ-UBND',
          signer: 'Chủ tịch UBND tỉnh',
          effectiveFrom: today,
        }),
      )
      .then(['DecisionIssued']);
    expect(confirmed.data).toMatchObject({
      termEnd: '2031-06-20',
      termYears: 5,
      details: { applied: 'council_term', councilTermFrom },
    });
  });

  it('ends the case under election.not_elected when the votes for are exactly half of all delegates', () => {
    const [recorded, rejected] = givenStream(caseDecider, ...untilElection)
      .when(...election({ delegates: 30, present: 30, for: 15, against: 15, invalid: 0 }))
      .then(['ElectionResultRecorded', 'CaseRejected']);
    expect(recorded.data).toMatchObject({ outcome: 'not_elected', nextStepId: 'council-election' });
    expect(rejected.data).toMatchObject({
      rule: 'election.not_elected',
      reason: expect.stringMatching(/15 of 30 delegates for, needs more than 15/),
    });
  });

  it('refuses a session without two thirds of the delegates and counts that do not add up', () => {
    const given = givenStream(caseDecider, ...untilElection);
    given
      .when(...election({ delegates: 30, present: 19, for: 19, against: 0, invalid: 0 }))
      .refuses('ballot.no_quorum', /19 of 30 delegates present, needs at least 20/);
    given
      .when(...election({ delegates: 30, present: 28, for: 20, against: 3, invalid: 0 }))
      .refuses(
        'tally.inconsistent',
        /vote.present: for \+ against \+ invalid = 23, but 28 present/,
      );
  });

  it('refuses the election step out of order, naming the current step', () => {
    const opened = untilElection.slice(0, 2);
    givenStream(caseDecider, ...opened)
      .when(...election({ delegates: 30, present: 28, for: 20, against: 8, invalid: 0 }))
      .refuses('step.out_of_order', /current step is leadership-ballot/);
  });

  it('opens only for a post the People’s Council fills by election', () => {
    const post = { id: 'pos-x', title: 'Chủ tịch UBND xã', orgUnitId: 'ou-x', rank: 6 };
    const commune = [
      { id: 'ou-x', kind: 'peoples_committee' },
      { id: 'ou-commune', kind: 'commune' },
    ];
    expect(
      electionOpening({ ...post, filledBy: 'election' } as never, commune, ruleSet),
    ).toMatchObject({ confirmationRule: expect.stringMatching(/art\. 36/) });
    expect(() =>
      electionOpening({ ...post, filledBy: 'appointment' } as never, commune, ruleSet),
    ).toThrow(/filled by appointment, not by election/);
    // A deputy head of the Party's inspection commission: elected, but by the Party committee.
    const partyBody = [
      { id: 'ou-ubkt', kind: 'agency' },
      { id: 'ou-party', kind: 'party_committee' },
      { id: 'ou-commune', kind: 'commune' },
    ];
    expect(() =>
      electionOpening({ ...post, filledBy: 'election' } as never, partyBody, ruleSet),
    ).toThrow(/is a Party post \(ou-party is a Party committee\)/);
  });
});
