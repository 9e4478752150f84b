import { DomainEvent } from '../../common/stream-decider';
import { PersonDecideContext } from '../person/person.commands';
import { personDecider } from '../person/person.decider';

const registered: DomainEvent = {
  type: 'PersonRegistered',
  data: { personId: 'p-an', fullName: 'Nguyễn Văn An', dateOfBirth: '1978-04-12' },
};
const planned: DomainEvent = {
  type: 'PlanningPoolEntryAdded',
  data: { personId: 'p-an', positionId: 'pos-head', term: '2025-2030', decisionRef: '112-QĐ/TU' },
};
const removedByDiscipline: DomainEvent = {
  type: 'PlanningPoolEntryRemoved',
  data: {
    personId: 'p-an',
    positionId: 'pos-head',
    decisionRef: '7-QĐ (2026-11-20)',
    reason: 'discipline: warning (case d-1)',
    caseId: 'd-1',
  },
};
const restore = {
  type: 'RestorePlanningPoolEntry' as const,
  data: {
    personId: 'p-an',
    positionId: 'pos-head',
    term: '2025-2030',
    decisionRef: '112-QĐ/TU',
    caseId: 'd-1',
    revisedBy: '20-QĐ (2026-12-01)',
  },
};
const limit = { value: 3, citation: 'Quy định 50-QĐ/TW (text not checked)' };
const planning = {
  maxPostsPerLevel: limit,
  levelOf: { 'pos-head': 5 },
  termYears: { value: 5, citation: 'x' },
  plannableTerms: { value: { termOfOffice: '2025-2030', termsAhead: 1 }, citation: 'x' },
  workingTime: { minTerms: { value: 1, citation: 'x' }, retiresOn: () => '2050-12-31' },
  day: '2026-12-01',
};
const withSeats = (...plannedOthers: string[]): PersonDecideContext => ({
  planning,
  seats: { plannedOthers, limit },
});

const stateOf = (...events: DomainEvent[]) =>
  events.reduce(personDecider.evolve, personDecider.initialState());

describe('an annulled discipline decision puts back the pool entries it removed', () => {
  it('puts the entry back while the post has a free seat, once', () => {
    const state = stateOf(registered, planned, removedByDiscipline);
    const decided = personDecider.decide(state, restore, withSeats('p-b', 'p-c'));
    expect(decided).toEqual([
      {
        type: 'PlanningPoolEntryAdded',
        data: {
          personId: 'p-an',
          positionId: 'pos-head',
          term: '2025-2030',
          decisionRef: '112-QĐ/TU',
          restoredAfter: { caseId: 'd-1', decisionRef: '20-QĐ (2026-12-01)' },
        },
      },
    ]);
    const after = stateOf(registered, planned, removedByDiscipline, ...decided);
    expect(after).toMatchObject({
      planningPool: [{ positionId: 'pos-head', term: '2025-2030', decisionRef: '112-QĐ/TU' }],
      planningRestorations: [{ caseId: 'd-1', positionId: 'pos-head', restored: true }],
    });
    // Delivered again (the seat since taken or not): nothing more.
    expect(personDecider.decide(after, restore, withSeats('p-b', 'p-c', 'p-d'))).toEqual([]);
  });

  it('records why not when the seat went to someone else, and stays within the limit', () => {
    const state = stateOf(registered, planned, removedByDiscipline);
    const decided = personDecider.decide(state, restore, withSeats('p-b', 'p-c', 'p-d'));
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({
      type: 'PlanningPoolEntryNotRestored',
      data: { positionId: 'pos-head', term: '2025-2030', caseId: 'd-1' },
    });
    const reason = (decided[0].data as { reason: string }).reason;
    expect(reason).toContain('planning_pool.post_full');
    expect(reason).toContain('3 of 3 people in term 2025-2030 (p-b, p-c, p-d)');
    expect(reason).toContain(limit.citation);
    const after = stateOf(registered, planned, removedByDiscipline, ...decided);
    expect(after).toMatchObject({
      planningPool: [],
      planningRestorations: [{ positionId: 'pos-head', restored: false, reason }],
    });
    // A seat freed later does not turn a redelivery into a second outcome.
    expect(personDecider.decide(after, restore, withSeats('p-b'))).toEqual([]);
  });

  it('does not replace an entry the person was given again for the post meanwhile', () => {
    const again: DomainEvent = {
      ...planned,
      data: { ...planned.data, term: '2030-2035', decisionRef: '9-QĐ/TU' },
    };
    const state = stateOf(registered, planned, removedByDiscipline, again);
    expect(personDecider.decide(state, restore, withSeats())).toMatchObject([
      {
        type: 'PlanningPoolEntryNotRestored',
        data: { reason: 'the person is planned for pos-head again (2030-2035, 9-QĐ/TU)' },
      },
    ]);
  });
});
