import * as path from 'node:path';
import { loadDefinitions } from '../workflow/definitions/definition-loader';
import { loadRuleSets } from '../workflow/rule-sets/rule-set-loader';
import { withParams } from '../workflow/testing/decider-spec';
import { event, fold, given } from '../workflow/testing/process-spec';
import { appointmentEligibility } from './eligibility';
import { personDecider } from './person/person.decider';
import { PersonState } from './person/person.state';

const stateNow = loadRuleSets(path.resolve(__dirname, '../../seeds/rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;
const person = fold(personDecider, [
  event('PersonRegistered', {
    personId: 'p-1',
    fullName: 'Nguyễn Văn A',
    dateOfBirth: '1980-04-12',
    gender: 'male',
    orgUnitId: 'ou-1',
  }),
  event('PlanningPoolEntryAdded', {
    personId: 'p-1',
    positionId: 'pos-1',
    term: '2025-2030',
    decisionRef: 'QĐ 3',
  }),
  event('PersonStatusRecorded', {
    personId: 'p-1',
    status: 'under_investigation',
    from: '2026-10-01',
    until: null,
    note: '',
  }),
]) as Extract<PersonState, { status: 'registered' }>;
const target = { id: 'pos-1', rank: 3 };
const eligibility = (ruleSet = stateNow) =>
  appointmentEligibility(person, target, new Map(), ruleSet, '2026-11-20');

describe('statuses that hold an appointment back (appointment.blockingStatuses)', () => {
  it('a person under investigation is not eligible under the seeded rules, and the reason cites the rule', () => {
    const { eligible, reasons } = eligibility();
    expect(eligible).toBe(false);
    expect(reasons).toEqual([
      {
        rule: 'status.under_investigation',
        reason: expect.stringMatching(
          /^under investigation since 2026-10-01 \(Quy định 377-QĐ\/TW, art\. 20/,
        ),
      },
    ]);
  });

  it('is eligible under a rule set that lists no blocking status', () => {
    const none = withParams(stateNow, { 'appointment.blockingStatuses': [] });
    given(none)
      .when((ruleSet) => eligibility(ruleSet).eligible)
      .then(true);
  });
});

describe('eligibility follows what vetting checks (issue 19)', () => {
  const free = withParams(stateNow, { 'appointment.blockingStatuses': [] });
  const rules = (reasons: { rule: string }[]) => reasons.map((r) => r.rule);

  it('a planning-pool entry whose term ended (2020-2025, on 20 Nov 2026) does not qualify', () => {
    const expired = { ...person, planningPool: [{ ...person.planningPool[0], term: '2020-2025' }] };
    const { reasons } = appointmentEligibility(expired, target, new Map(), free, '2026-11-20');
    expect(rules(reasons)).toEqual(['planning_pool.missing']);
  });

  it('asks the 5 years to retirement for a higher post only', () => {
    const older = {
      ...person,
      profile: { ...person.profile, dateOfBirth: '1967-01-01' },
      posts: [{ positionId: 'pos-same', from: '2020-01-01', termEnd: null, decisionRef: 'QĐ 1' }],
    };
    const sameRank = new Map([['pos-same', 3]]);
    const lower = new Map([['pos-same', 2]]);
    expect(
      rules(appointmentEligibility(older, target, sameRank, free, '2026-11-20').reasons),
    ).toEqual([]);
    expect(rules(appointmentEligibility(older, target, lower, free, '2026-11-20').reasons)).toEqual(
      ['age.over_limit'],
    );
  });

  it('says the retirement age reached on or before the day asked, whatever the post (before: eligible for a lower post)', () => {
    const retired = {
      ...person,
      profile: { ...person.profile, dateOfBirth: '1960-01-01' },
      posts: [{ positionId: 'pos-higher', from: '2015-01-01', termEnd: null, decisionRef: 'QĐ 1' }],
    };
    const higherHeld = new Map([['pos-higher', 4]]);
    const verdict = appointmentEligibility(retired, target, higherHeld, free, '2026-11-20');
    expect(verdict.eligible).toBe(false);
    expect(rules(verdict.reasons)).toEqual(['age.retirement_reached']);
    expect(verdict.reasons[0].reason).toMatch(
      /^reached the retirement age: retires on 2020-01-31, on or before 2026-11-20; /,
    );
    // On the retirement day itself no appointment takes effect; the day before, it is not reached.
    const onTheDay = appointmentEligibility(retired, target, higherHeld, free, '2020-01-31');
    expect(rules(onTheDay.reasons)).toContain('age.retirement_reached');
    const dayBefore = appointmentEligibility(retired, target, higherHeld, free, '2020-01-30');
    expect(rules(dayBefore.reasons)).not.toContain('age.retirement_reached');
  });
});

describe('a post the person already holds (postAlreadyHeld of the appointment definition)', () => {
  const definition = loadDefinitions(path.resolve(__dirname, '../../seeds/definitions')).get(
    'appointment.internal@3',
  )!;
  const holder = personDecider.evolve(
    person,
    event('PostAssigned', {
      personId: 'p-1',
      positionId: 'pos-1',
      from: '2024-01-01',
      termEnd: null,
      decisionRef: 'QĐ 9',
    }),
  ) as Extract<PersonState, { status: 'registered' }>;

  it('names the route the definition gives for it', () => {
    const { reasons } = appointmentEligibility(
      holder,
      target,
      new Map(),
      stateNow,
      '2026-11-20',
      definition.postAlreadyHeld,
    );
    expect(reasons).toContainEqual({
      rule: 'appointment.already_holds_post',
      reason: 'already holds pos-1; use re-appointment',
    });
  });
});

describe('a decided discipline bars a higher post only (Quy định 80/377; Luật CBCC art. 82(2))', () => {
  const disciplined = fold(personDecider, [
    event('PersonRegistered', {
      personId: 'p-2',
      fullName: 'Trần Thị B',
      dateOfBirth: '1980-04-12',
      gender: 'female',
      orgUnitId: 'ou-1',
    }),
    event('PostAssigned', {
      personId: 'p-2',
      positionId: 'pos-held',
      from: '2024-01-01',
      termEnd: '2029-01-01',
      decisionRef: 'QĐ 1',
    }),
    event('PlanningPoolEntryAdded', {
      personId: 'p-2',
      positionId: 'pos-up',
      term: '2025-2030',
      decisionRef: 'QĐ 3',
    }),
    event('DisciplineRecorded', {
      personId: 'p-2',
      caseId: 'd-1',
      track: 'party',
      form: 'reprimand',
      decisionRef: '12-QĐ/UBKT',
      decidedOn: '2026-10-01',
      effectiveFrom: '2026-10-01',
      barEndsOn: '2028-10-01',
      ruleSetId: 'party-2025-10-08',
      violationCategory: 'economic',
      orgUnitId: 'ou-1',
    }),
  ]) as Extract<PersonState, { status: 'registered' }>;
  const ranks = new Map([
    ['pos-held', 4],
    ['pos-same', 4],
    ['pos-up', 5],
  ]);
  const reasonsFor = (id: string) =>
    appointmentEligibility(disciplined, { id, rank: ranks.get(id)! }, ranks, stateNow, '2026-11-20')
      .reasons;

  it('a higher post is barred until the bar ends, and the reason names the bar', () => {
    expect(reasonsFor('pos-up')).toEqual([
      {
        rule: 'discipline.in_effect',
        reason: 'discipline (reprimand, 12-QĐ/UBKT) bars a higher post until 2028-10-01',
      },
    ]);
  });

  it('a post of the same rank is not (before: barred as if it were higher)', () => {
    expect(reasonsFor('pos-same').map((r) => r.rule)).not.toContain('discipline.in_effect');
  });
});

describe('the minimum age for a cadre or civil servant (registry.minimumAge)', () => {
  const free = withParams(stateNow, { 'appointment.blockingStatuses': [] });
  const bornOn = (dateOfBirth: string) => ({
    ...person,
    profile: { ...person.profile, dateOfBirth },
  });

  it('a two-year-old in the planning pool is not eligible, and the reason cites the law', () => {
    // Before: eligible (a record made before registrations were checked).
    const { eligible, reasons } = appointmentEligibility(
      bornOn('2024-01-01'),
      target,
      new Map(),
      free,
      '2026-11-20',
    );
    expect(eligible).toBe(false);
    expect(reasons).toEqual([
      {
        rule: 'age.under_minimum',
        reason: expect.stringMatching(
          /^under the minimum age of state-2025-10-08\S*: 2 years old on 2026-11-20 \(born 2024-01-01\), needs 18 \(Luật Cán bộ, công chức 2025/,
        ),
      },
    ]);
  });

  it('eighteen on the day is old enough', () => {
    const { reasons } = appointmentEligibility(
      bornOn('2008-11-20'),
      target,
      new Map(),
      free,
      '2026-11-20',
    );
    expect(reasons.map((r) => r.rule)).toEqual([]);
  });
});
