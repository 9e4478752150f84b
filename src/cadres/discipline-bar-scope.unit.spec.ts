import * as path from 'node:path';
import { vettingFromRecord } from '../procedures/case/decider/vetting-from-record';
import { disciplineBar } from '../procedures/discipline/discipline.rules';
import { RuleTrack, ruleSetInForce } from '../workflow/rule-sets/rule-set';
import { loadRuleSets } from '../workflow/rule-sets/rule-set-loader';
import { withParams } from '../workflow/testing/decider-spec';
import { event, fold } from '../workflow/testing/process-spec';
import { disciplineStandingFrom } from './discipline-standing';
import { appointmentEligibility } from './eligibility';
import { personDecider } from './person/person.decider';
import { PersonState } from './person/person.state';

const sets = loadRuleSets(path.resolve(__dirname, '../../seeds/rule-sets'));
const ruleSetOn = (day: string, track: RuleTrack) => ruleSetInForce(sets, day, track)!;
const ranks = new Map([
  ['pos-held', 4],
  ['pos-same', 4],
  ['pos-lower', 3],
  ['pos-up', 5],
]);

/** Holds pos-held (rank 4) and was disciplined with the form's bar by the rule set of the day. */
const disciplined = (form: string, track: 'party' | 'civil_service', effectiveFrom: string) => {
  const ruleSet = ruleSetOn(effectiveFrom, track === 'party' ? 'party' : 'state');
  const { barEndsOn, barScope } = disciplineBar(ruleSet, form, effectiveFrom);
  return fold(personDecider, [
    event('PersonRegistered', {
      personId: 'p-1',
      fullName: 'Trần Thị B',
      dateOfBirth: '1980-04-12',
      gender: 'female',
      orgUnitId: 'ou-1',
    }),
    event('PostAssigned', {
      personId: 'p-1',
      positionId: 'pos-held',
      from: '2020-01-01',
      termEnd: null,
      decisionRef: 'QĐ 1',
    }),
    ...['pos-same', 'pos-lower', 'pos-up'].map((positionId) =>
      event('PlanningPoolEntryAdded', {
        personId: 'p-1',
        positionId,
        term: '2021-2026',
        decisionRef: 'QĐ 3',
      }),
    ),
    event('DisciplineRecorded', {
      personId: 'p-1',
      caseId: 'd-1',
      track,
      form,
      decisionRef: '12/QĐ',
      decidedOn: effectiveFrom,
      effectiveFrom,
      barEndsOn,
      ...(barScope ? { barScope } : {}),
      ruleSetId: ruleSet.id,
      violationCategory: 'economic',
      orgUnitId: 'ou-1',
    }),
  ]) as Extract<PersonState, { status: 'registered' }>;
};

/** The rules that refuse the appointment to the post on the day (status and pool rules set aside). */
const barredFrom = (person: ReturnType<typeof disciplined>, id: string, day: string) => {
  const ruleSet = withParams(ruleSetOn(day, 'state'), { 'appointment.blockingStatuses': [] });
  return appointmentEligibility(person, { id, rank: ranks.get(id)! }, ranks, ruleSet, day)
    .reasons.filter((reason) => reason.rule === 'discipline.in_effect')
    .map((reason) => reason.reason);
};

/** The vetting's discipline item for the post on the day, from the same record. */
const vetted = (person: ReturnType<typeof disciplined>, id: string, day: string) => {
  const standing = disciplineStandingFrom(person.discipline, [], day);
  const [entry] = vettingFromRecord(
    {
      dateOfBirth: '1980-04-12',
      gender: 'female',
      target: { positionId: id, rank: ranks.get(id)! },
      planningPool: [],
      posts: [{ positionId: 'pos-held', rank: 4, from: '2020-01-01', until: null }],
      disciplineBars: standing.bars,
      openDisciplineCases: [],
      pendingDisciplineCases: [],
    },
    ruleSetOn(day, 'state'),
    day,
    ['discipline_bar'],
  );
  return entry;
};

describe('a civil servant’s demotion or removal bars any appointment for 24 months (Luật CBCC art. 82(3))', () => {
  const demoted = disciplined('demotion', 'civil_service', '2024-03-01');

  it('refuses a post of the same or a lower rank too, naming the scope, until the bar ends; a reprimand a higher post only', () => {
    expect(barredFrom(demoted, 'pos-lower', '2025-01-10')).toEqual([
      'discipline (demotion, 12/QĐ) bars any appointment until 2026-03-01',
    ]);
    expect(barredFrom(demoted, 'pos-same', '2025-01-10')).toHaveLength(1);
    expect(barredFrom(demoted, 'pos-lower', '2026-03-02')).toEqual([]);
    const entry = vetted(demoted, 'pos-lower', '2025-01-10');
    expect(entry).toMatchObject({
      result: 'flagged',
      note: 'discipline (demotion, 12/QĐ) bars any appointment until 2026-03-01',
    });
    // A reprimand still bars a higher post only (art. 82(2)).
    const reprimanded = disciplined('reprimand', 'civil_service', '2024-03-01');
    expect(barredFrom(reprimanded, 'pos-lower', '2025-01-10')).toEqual([]);
    expect(barredFrom(reprimanded, 'pos-same', '2025-01-10')).toEqual([]);
    expect(barredFrom(reprimanded, 'pos-up', '2025-01-10')).toEqual([
      'discipline (reprimand, 12/QĐ) bars a higher post until 2025-03-01',
    ]);
  });

  it('from July 2025 a removal keeps the scope (Luật 80/2025, text not checked)', () => {
    const removed = disciplined('removal_from_post', 'civil_service', '2025-11-01');
    expect(barredFrom(removed, 'pos-lower', '2026-11-20')).toEqual([
      'discipline (removal_from_post, 12/QĐ) bars any appointment until 2027-11-01',
    ]);
  });
});

describe('the Party’s removal from post bars an equivalent post for a year (Điều lệ Đảng art. 40(3))', () => {
  const removed = disciplined('removal_from_post', 'party', '2023-03-01');

  it('an equivalent post within the year, a higher one for the whole 60 months, a lower one never', () => {
    expect(barredFrom(removed, 'pos-same', '2023-12-01')).toEqual([
      'discipline (removal_from_post, 12/QĐ) bars an equivalent or higher post (until 2024-03-01) until 2028-03-01',
    ]);
    expect(vetted(removed, 'pos-same', '2023-12-01').result).toBe('flagged');
    expect(barredFrom(removed, 'pos-same', '2024-03-01')).toEqual([]);
    expect(vetted(removed, 'pos-same', '2024-03-01').result).toBe('cleared');
    expect(barredFrom(removed, 'pos-up', '2026-03-01')).toEqual([
      'discipline (removal_from_post, 12/QĐ) bars a higher post until 2028-03-01',
    ]);
    expect(barredFrom(removed, 'pos-lower', '2023-12-01')).toEqual([]);
  });
});
