import * as path from 'node:path';
import { Actor } from '../../../identity/actor';
import { loadCalendar } from '../../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../../workflow/rule-sets/rule-set-loader';
import { givenStream, historyOf } from '../../../workflow/testing/decider-spec';
import { CaseCommand, StepBody } from './case.commands';
import { CaseContext, PersonFactsForVetting } from './case.context';
import { caseDecider } from './case.decider';
import { VettingEntry } from './case.events';

/** The case was opened before its first meeting (a step is not held before the case opened). */
const openedEarlier = (context: CaseContext): CaseContext => ({ ...context, today: '2026-10-01' });

const seeds = path.resolve(__dirname, '../../../../seeds');
const definition = loadDefinitions(path.join(seeds, 'definitions')).get('appointment.external@2')!;
const stateNow = loadRuleSets(path.join(seeds, 'rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const staff = { userId: 'u-staff', roles: ['organization_staff'], orgUnit: 'ou-1' } as Actor;
const secretary = { userId: 'u-sec', roles: ['ballot_secretary'], orgUnit: 'ou-1' } as Actor;

/** A deputy head (rank 3) post; the person's record varies per spec. */
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
const at = (actor: Actor, facts: Partial<PersonFactsForVetting> = {}): CaseContext => ({
  definition,
  ruleSet: stateNow,
  calendar,
  actor,
  today: '2026-11-20',
  actorReachesCaseUnit: true,
  personFacts: { ...record, ...facts },
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
    conclusion: 'ok',
  });

/** An external-source case up to its vetting. */
const atVetting = historyOf(
  caseDecider,
  [
    {
      type: 'OpenCase',
      data: {
        caseId: 'c-1',
        procedure: 'appointment',
        personId: 'p-1',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-1',
        summary: 'from another unit',
      },
    },
    openedEarlier(at(staff)),
  ],
  [meeting('consult-receiving-unit'), at(staff)],
  [
    step('candidate-unit-ballot', {
      kind: 'ballot',
      heldOn: '2026-11-05',
      minutesRef: 'BB-2',
      tally: { members: 9, summoned: 9, present: 9, for: 7, against: 2, abstain: 0, invalid: 0 },
    }),
    at(secretary),
  ],
  [meeting('evaluation-and-meeting'), at(staff)],
);
const vet = step('vetting', { kind: 'vetting', heldOn: '2026-11-10', items: [] });

/** The record items vetting computed for a person whose record has these facts. */
function vettedWith(facts: Partial<PersonFactsForVetting>): Record<string, VettingEntry> {
  const [recorded] = givenStream(caseDecider, ...atVetting)
    .when(vet, at(staff, facts))
    .then(['VettingItemsRecorded']);
  const items = (recorded.data as { items: VettingEntry[] }).items;
  return Object.fromEntries(items.map((entry) => [entry.item, entry]));
}

describe('years in post (appointment.minYearsInPost: 2 under Quy định 377-QĐ/TW)', () => {
  it('exempts a first appointment (no post held now or before)', () => {
    expect(vettedWith({ posts: [] }).years_in_post).toMatchObject({
      result: 'cleared',
      note: expect.stringMatching(/^first appointment \(bổ nhiệm lần đầu\): exempt from 2 years/),
    });
  });

  it('adds up time in equivalent posts (same rank): 11 + 14 months clears, the current 11 alone do not', () => {
    const current = { positionId: 'pos-head-b', rank: 2, from: '2025-12-20', until: null };
    const earlier = { positionId: 'pos-head-a', rank: 2, from: '2023-01-10', until: '2024-03-10' };
    expect(vettedWith({ posts: [current, earlier] }).years_in_post).toMatchObject({
      result: 'cleared',
      note: expect.stringMatching(/^25 months in posts of rank 2 .*needs 24 months \(2 years;/),
    });
    expect(vettedWith({ posts: [current] }).years_in_post).toMatchObject({
      result: 'flagged',
      note: expect.stringMatching(/^11 months in posts of rank 2/),
    });
  });

  it('does not add a lower post: 11 months at rank 2 after years at rank 1 is flagged', () => {
    const posts = [
      { positionId: 'pos-head-b', rank: 2, from: '2025-12-20', until: null },
      { positionId: 'pos-staff-lead', rank: 1, from: '2015-01-01', until: '2025-12-19' },
    ];
    expect(vettedWith({ posts }).years_in_post.result).toBe('flagged');
  });
});

describe('years to retirement (appointment.minYearsToRetirement: 5) only for a higher post', () => {
  // Retires 2029-01-31 (62 for a man born in 1967): 2 whole years left on 20 Nov 2026. Before,
  // these specs used a man born in 1965, who retired on 2026-07-31 and was cleared all the same.
  const nearRetirement = { dateOfBirth: '1967-01-01' };

  it('flags a person with 2 years left moving to a higher post', () => {
    expect(vettedWith(nearRetirement).years_to_retirement).toMatchObject({
      result: 'flagged',
      note: expect.stringMatching(/whole years left, needs 5 for a full term/),
    });
  });

  it('clears the same person moving to a post of the same rank', () => {
    const sameRank = { positionId: 'pos-deputy-b', rank: 3, from: '2020-01-01', until: null };
    expect(vettedWith({ ...nearRetirement, posts: [sameRank] }).years_to_retirement).toMatchObject({
      result: 'cleared',
      note: expect.stringMatching(/^not a higher post \(pos-deputy rank 3, holds rank 3\)/),
    });
  });

  it('checks a first appointment', () => {
    expect(vettedWith({ ...nearRetirement, posts: [] }).years_to_retirement.result).toBe('flagged');
  });
});

describe('the retirement age reached by the vetting day, whatever the post (retirement.age)', () => {
  const retired = {
    dateOfBirth: '1960-01-01',
    posts: [{ positionId: 'pos-director', rank: 4, from: '2015-01-01', until: null }],
  };

  it('flags a person past retirement moving to a lower post (before: cleared as "not a higher post")', () => {
    expect(vettedWith(retired).years_to_retirement).toMatchObject({
      result: 'flagged',
      rule: 'age.retirement_reached',
      note: expect.stringMatching(
        /^reached the retirement age: retires on 2020-01-31, on or before 2026-11-20; no appointment takes effect on or after the retirement day \(Bộ luật Lao động 2019/,
      ),
    });
  });

  it('keeps vetting staff from setting the flag aside', () => {
    const vetted = givenStream(caseDecider, ...atVetting)
      .when(vet, at(staff, retired))
      .then(['VettingItemsRecorded']);
    const history = [...atVetting, ...vetted];
    const resolve: CaseCommand = {
      type: 'ResolveVettingItem',
      data: { item: 'years_to_retirement', note: 'the authority agrees' },
    };
    givenStream(caseDecider, ...history)
      .when(resolve, at(staff, retired))
      .refuses(
        'vetting.years_to_retirement_unresolvable',
        /^years to retirement cannot be set aside: reached the retirement age: retires on 2020-01-31/,
      );
  });
});

describe('planning pool: an entry whose planning term ended before the case day does not qualify', () => {
  it('flags an entry for 2020-2025 on 20 Nov 2026, naming the day it ended', () => {
    const expired = [
      { positionId: 'pos-deputy', rank: 3, term: '2020-2025', decisionRef: '9-QĐ/TU' },
    ];
    expect(vettedWith({ planningPool: expired }).planning_pool).toMatchObject({
      result: 'flagged',
      note: expect.stringMatching(
        /^planning term over: pos-deputy 2020-2025 \(9-QĐ\/TU\) ended 2025-12-31, before 2026-11-20/,
      ),
    });
  });

  it('clears an entry of the current term for a higher post', () => {
    const higher = [
      { positionId: 'pos-head', rank: 4, term: '2025-2030', decisionRef: '10-QĐ/TU' },
    ];
    expect(vettedWith({ planningPool: higher }).planning_pool).toMatchObject({
      result: 'cleared',
      note: 'planning pool 2025-2030 for pos-head (10-QĐ/TU)',
    });
  });
});
