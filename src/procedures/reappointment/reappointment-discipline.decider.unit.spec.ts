import * as path from 'node:path';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { givenStream, historyOf } from '../../workflow/testing/decider-spec';
import { CaseCommand, StepBody } from '../case/decider/case.commands';
import { CaseContext, PersonFactsForVetting } from '../case/decider/case.context';
import { caseDecider } from '../case/decider/case.decider';

/** The case was opened before its first meeting (a step is not held before the case opened). */
const openedEarlier = (context: CaseContext): CaseContext => ({ ...context, today: '2026-10-01' });

const seeds = path.resolve(__dirname, '../../../seeds');
const definition = loadDefinitions(path.join(seeds, 'definitions')).get(
  'reappointment.standard@1',
)!;
const stateNow = loadRuleSets(path.join(seeds, 'rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));

const actor = (userId: string, role: string): Actor =>
  ({ userId, roles: [role], orgUnit: 'ou-1' }) as Actor;
const staff = actor('u-staff', 'organization_staff');
const secretary = actor('u-secretary', 'ballot_secretary');
const leader = actor('u-leader', 'leadership');

/** The holder of the post, re-appointed to it: a warning decided in 2026 bars a higher post until 2029. */
const holder: PersonFactsForVetting = {
  dateOfBirth: '1975-04-12',
  gender: 'male',
  target: { positionId: 'pos-1', rank: 3 },
  planningPool: [],
  posts: [{ positionId: 'pos-1', rank: 3, from: '2021-12-01', until: null }],
  disciplineBars: [{ form: 'warning', endsOn: '2029-10-01', decisionRef: '45-QĐ/UBKT' }],
  openDisciplineCases: [],
  holdsTargetPost: true,
  pendingDisciplineCases: [],
  statuses: [],
};
const at = (who: Actor, personFacts = holder): CaseContext => ({
  definition,
  ruleSet: stateNow,
  calendar,
  actor: who,
  today: '2026-11-20',
  actorReachesCaseUnit: true,
  personFacts,
});
const step = (stepId: string, body: StepBody): CaseCommand => ({
  type: 'PerformStep',
  data: { stepId, body },
});
const tally = {
  members: 13,
  summoned: 13,
  present: 13,
  for: 11,
  against: 2,
  abstain: 0,
  invalid: 0,
};
const toVetting = historyOf(
  caseDecider,
  [
    {
      type: 'OpenCase',
      data: {
        caseId: 'r-1',
        procedure: 'reappointment',
        personId: 'p-1',
        positionId: 'pos-1',
        orgUnitId: 'ou-1',
        summary: 'end of term',
      },
    },
    openedEarlier(at(staff)),
  ],
  [
    step('self-assessment', { kind: 'meeting', heldOn: '2026-11-02', conclusion: 'done' }),
    at(staff),
  ],
  [
    step('key-officials-confidence', {
      kind: 'ballot',
      heldOn: '2026-11-03',
      minutesRef: 'B1',
      tally,
    }),
    at(secretary),
  ],
  [
    step('head-evaluation', { kind: 'meeting', heldOn: '2026-11-04', conclusion: 'ok' }),
    at(leader),
  ],
  [
    step('leadership-ballot', { kind: 'ballot', heldOn: '2026-11-05', minutesRef: 'B2', tally }),
    at(secretary),
  ],
);
const vetting = step('vetting', {
  kind: 'vetting',
  heldOn: '2026-11-10',
  items: ['background', 'asset_declaration', 'political_standards', 'health'].map((item) => ({
    item: item as never,
    result: 'cleared' as const,
  })),
});
const disciplineEntry = (personFacts: PersonFactsForVetting) => {
  const [vetted] = givenStream(caseDecider, ...toVetting)
    .when(vetting, at(staff, personFacts))
    .then(['VettingItemsRecorded']);
  return (vetted.data as { items: { item: string }[] }).items.find(
    (entry) => entry.item === 'discipline_bar',
  );
};

describe('re-appointment vetting and discipline (reappointment.blockedWhile; NĐ 138/2020 art. 49(5)(a), NĐ 170/2025)', () => {
  it('given a decided warning whose bar on a higher post still runs, the post already held is cleared', () => {
    expect(disciplineEntry(holder)).toMatchObject({
      result: 'cleared',
      note: expect.stringContaining("a decided discipline's bar on a higher post does not apply"),
    });
  });

  it('given a discipline case pending from its opening (before verification), the item is flagged', () => {
    expect(disciplineEntry({ ...holder, pendingDisciplineCases: ['d-9'] })).toMatchObject({
      result: 'flagged',
      note: expect.stringMatching(/discipline case d-9 is pending \(Nghị định 170\/2025/),
    });
  });

  it('given the holder under investigation, the item is flagged', () => {
    const investigated = {
      ...holder,
      statuses: [
        { status: 'under_investigation' as const, from: '2026-10-01', until: null, note: '' },
      ],
    };
    expect(disciplineEntry(investigated)).toMatchObject({
      result: 'flagged',
      note: expect.stringContaining('under investigation since 2026-10-01'),
    });
  });

  it('an appointment to a higher post still reads the running bar', () => {
    const higher = { positionId: 'pos-2', rank: 4 };
    expect(disciplineEntry({ ...holder, target: higher, holdsTargetPost: false })).toMatchObject({
      result: 'flagged',
      note: expect.stringContaining('bars a higher post until 2029-10-01'),
    });
  });

  it('a post of the same rank is clear of the bar (before: flagged as if it were higher)', () => {
    const same = { positionId: 'pos-2', rank: 3 };
    expect(disciplineEntry({ ...holder, target: same, holdsTargetPost: false })).toMatchObject({
      result: 'cleared',
    });
  });
});
