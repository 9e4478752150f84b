import { DomainEvent } from '../../common/stream-decider';
import { RegistryRuleViolation } from '../registry-rule-violation';
import { PersonCommand, personDecider } from './person.decider';

const registered: DomainEvent = {
  type: 'PersonRegistered',
  data: {
    personId: 'p-an',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1978-04-12',
    gender: 'male',
    ethnicity: 'Kinh',
    partyMember: true,
    educationLevel: 'Thạc sĩ',
    politicalTheoryLevel: 'Cao cấp',
    orgUnitId: 'ou-ha-noi',
  },
};

function given(...events: DomainEvent[]) {
  const state = events.reduce(personDecider.evolve, personDecider.initialState());
  return {
    when: (command: PersonCommand) => ({
      then: (expected: DomainEvent[]) =>
        expect(personDecider.decide(state, command)).toEqual(expected),
      thenRefuses: (rule: string) => {
        let caught: unknown;
        try {
          personDecider.decide(state, command);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(RegistryRuleViolation);
        expect((caught as RegistryRuleViolation).rule).toBe(rule);
      },
    }),
  };
}

describe('person record (cadre-<id>)', () => {
  it('registers a person once', () => {
    given()
      .when({ type: 'RegisterPerson', data: registered.data as never })
      .then([registered]);
    given(registered)
      .when({ type: 'RegisterPerson', data: registered.data as never })
      .thenRefuses('person.already_registered');
  });

  it('refuses a term that ends the day it starts: a term ends after it starts', () => {
    const assign = (termEnd: string): PersonCommand => ({
      type: 'AssignPost',
      data: {
        personId: 'p-an',
        positionId: 'pos-1',
        from: '2026-01-01',
        termEnd,
        decisionRef: '1',
      },
    });
    // Before: taken, a term held no day.
    given(registered).when(assign('2026-01-01')).thenRefuses('person.dates_out_of_order');
    given(registered)
      .when(assign('2026-01-02'))
      .then([{ type: 'PostAssigned', data: assign('2026-01-02').data }]);
  });

  it('refuses a term of a post running into another term of it on record', () => {
    const assign = (from: string, termEnd: string | null): PersonCommand => ({
      type: 'AssignPost',
      data: { personId: 'p-an', positionId: 'pos-1', from, termEnd, decisionRef: from },
    });
    const later: DomainEvent = { type: 'PostAssigned', data: assign('2040-01-01', null).data };
    given(registered, later)
      .when(assign('2026-01-01', '2099-01-01'))
      .thenRefuses('post.term_overlaps');
    given(registered, later)
      .when(assign('2026-01-01', '2031-01-01'))
      .then([{ type: 'PostAssigned', data: assign('2026-01-01', '2031-01-01').data }]);
  });

  it('refuses changes to a person who is not registered', () => {
    given()
      .when({
        type: 'AssignPost',
        data: {
          personId: 'p-x',
          positionId: 'pos-1',
          from: '2024-01-01',
          termEnd: null,
          decisionRef: '1',
        },
      })
      .thenRefuses('person.not_found');
  });

  it('ends only a post the person holds', () => {
    const assigned: DomainEvent = {
      type: 'PostAssigned',
      data: {
        personId: 'p-an',
        positionId: 'pos-1',
        from: '2024-01-01',
        termEnd: '2029-01-01',
        decisionRef: '12-QĐ',
      },
    };
    const end = {
      type: 'EndPost' as const,
      data: {
        personId: 'p-an',
        positionId: 'pos-1',
        on: '2026-01-01',
        reason: 'removed from post',
        decisionRef: '3-QĐ',
      },
    };
    given(registered, assigned)
      .when(end)
      .then([{ type: 'PostEnded', data: end.data }]);
    given(registered).when(end).thenRefuses('post.not_held');
    // Ended by another decision on a later day: still held on the day, so it ends sooner.
    const endsLater: DomainEvent = {
      type: 'PostEnded',
      data: { ...end.data, on: '2026-06-01', decisionRef: '2-QĐ' },
    };
    given(registered, assigned, endsLater)
      .when(end)
      .then([{ type: 'PostEnded', data: end.data }]);
    // Ended on that day or before: no longer held.
    given(registered, assigned, { ...endsLater, data: { ...endsLater.data, on: '2026-01-01' } })
      .when(end)
      .thenRefuses('post.not_held');
  });

  it('keeps an ended post ended: the very term writes nothing, another term end is refused, a new term or a review writes', () => {
    const term = {
      personId: 'p-an',
      positionId: 'pos-1',
      from: '2024-01-01',
      termEnd: '2029-01-01',
      decisionRef: '12-QĐ',
    };
    const ended: DomainEvent[] = [
      registered,
      { type: 'PostAssigned', data: term },
      {
        type: 'PostEnded',
        data: { ...term, on: '2026-01-01', reason: 'removed from post', decisionRef: '3-QĐ' },
      },
    ];
    // Before: both were written, and the post was held again.
    given(...ended)
      .when({ type: 'AssignPost', data: term })
      .then([]);
    given(...ended)
      .when({ type: 'AssignPost', data: { ...term, termEnd: '2030-01-01' } })
      .thenRefuses('post.ended');
    const renewed = { ...term, from: '2027-01-01', decisionRef: '20-QĐ' };
    given(...ended)
      .when({ type: 'AssignPost', data: renewed })
      .then([{ type: 'PostAssigned', data: renewed }]);
    // A re-appointment decided before the removal, its term reaching the record after the end:
    // the end took the renewed term too. Before, the record showed it to come after the end.
    const reappointed = { ...renewed, caseId: 'r-1', procedure: 'reappointment' };
    given(...ended)
      .when({ type: 'AssignPost', data: reappointed })
      .then([]);
    // A complaint review gives back the term that ended: decided as such, not refused.
    const restored = { ...term, restoredAfter: { caseId: 'kl-1', decisionRef: '9-QĐ' } };
    given(...ended)
      .when({ type: 'AssignPost', data: restored })
      .then([{ type: 'PostAssigned', data: restored }]);
  });

  it('adds a planning-pool entry once and removes only an existing one', () => {
    const entry = {
      personId: 'p-an',
      positionId: 'pos-2',
      term: '2025-2030',
      decisionRef: '88-QĐ/TU',
    };
    given(registered)
      .when({ type: 'AddPlanningPoolEntry', data: entry })
      .then([{ type: 'PlanningPoolEntryAdded', data: entry }]);
    given(registered, { type: 'PlanningPoolEntryAdded', data: entry })
      .when({ type: 'AddPlanningPoolEntry', data: entry })
      .then([]);
    given(registered)
      .when({
        type: 'RemovePlanningPoolEntry',
        data: { personId: 'p-an', positionId: 'pos-2', decisionRef: '9', reason: 'x' },
      })
      .thenRefuses('planning_pool.no_entry');
  });

  it('moves the registration once per case, and not into the unit that manages the record', () => {
    const move = {
      type: 'MoveRegistration' as const,
      data: {
        personId: 'p-an',
        orgUnitId: 'ou-so-noi-vu',
        from: '2026-05-01',
        caseId: 'rot-1',
        decisionRef: '9-QĐ (2026-04-20)',
      },
    };
    const moved: DomainEvent = {
      type: 'RegistrationMoved',
      data: { ...move.data, previousOrgUnitId: 'ou-ha-noi' },
    };
    given(registered).when(move).then([moved]);
    // A redelivered decision moves nothing twice.
    given(registered, moved).when(move).then([]);
    given(registered)
      .when({ ...move, data: { ...move.data, orgUnitId: 'ou-ha-noi' } })
      .then([]);
  });

  it('refuses a status period that ends before it starts', () => {
    given(registered)
      .when({
        type: 'RecordPersonStatus',
        data: {
          personId: 'p-an',
          status: 'abroad',
          from: '2026-05-01',
          until: '2026-04-01',
          note: '',
        },
      })
      .thenRefuses('status.period_reversed');
  });

  it('keeps a father’s ground for a child under 12 months, on a man’s child period only', () => {
    const child = {
      personId: 'p-an',
      status: 'child_under_12_months' as const,
      from: '2026-05-01',
      until: null,
      note: 'vợ mất',
      fatherCareGround: 'wife_died' as const,
    };
    given(registered)
      .when({ type: 'RecordPersonStatus', data: child })
      .then([{ type: 'PersonStatusRecorded', data: child }]);
    given(registered)
      .when({ type: 'RecordPersonStatus', data: { ...child, status: 'abroad' } })
      .thenRefuses('status.father_care_ground_without_child');
    const woman = { ...registered, data: { ...registered.data, gender: 'female' } };
    given(woman)
      .when({ type: 'RecordPersonStatus', data: child })
      .thenRefuses('status.father_care_ground_for_a_woman');
  });

  it('refuses a man’s pregnancy or maternity leave on the status, and takes them for a woman', () => {
    const period = { personId: 'p-an', from: '2026-03-01', until: null, note: 'x' };
    for (const status of ['pregnant', 'maternity_leave'] as const) {
      given(registered)
        .when({ type: 'RecordPersonStatus', data: { ...period, status } })
        .thenRefuses('status.women_only');
      const woman = { ...registered, data: { ...registered.data, gender: 'female' } };
      given(woman)
        .when({ type: 'RecordPersonStatus', data: { ...period, status } })
        .then([{ type: 'PersonStatusRecorded', data: { ...period, status } }]);
    }
  });

  it('folds posts, ended posts and planning pool into the record', () => {
    const state = [
      registered,
      {
        type: 'PostAssigned',
        data: {
          personId: 'p-an',
          positionId: 'pos-1',
          from: '2024-01-01',
          termEnd: '2029-01-01',
          decisionRef: 'a',
        },
      },
      {
        type: 'PlanningPoolEntryAdded',
        data: { personId: 'p-an', positionId: 'pos-2', term: '2025-2030', decisionRef: 'b' },
      },
      {
        type: 'PostEnded',
        data: {
          personId: 'p-an',
          positionId: 'pos-1',
          on: '2026-01-01',
          reason: 'rotation',
          decisionRef: 'c',
        },
      },
    ].reduce(personDecider.evolve, personDecider.initialState());
    expect(state.status).toBe('registered');
    if (state.status !== 'registered') return;
    expect(state.posts).toEqual([]);
    expect(state.pastPosts).toEqual([
      expect.objectContaining({ positionId: 'pos-1', endedOn: '2026-01-01', reason: 'rotation' }),
    ]);
    expect(state.planningPool).toEqual([
      { positionId: 'pos-2', term: '2025-2030', decisionRef: 'b' },
    ]);
  });
  it('keeps the term held when a re-appointment assigns the post again, and an extension as one term', () => {
    const assigned = (from: string, termEnd: string, decisionRef: string) => ({
      type: 'PostAssigned' as const,
      data: { personId: 'p-an', positionId: 'pos-1', from, termEnd, decisionRef },
    });
    const state = [
      registered,
      assigned('2022-03-01', '2027-03-01', '45-QĐ/TU'),
      // The re-appointment: a new term from the old one's end. Before: the 2022 term was dropped.
      assigned('2027-03-01', '2032-03-01', '77-QĐ/TU'),
      // An extension keeps the start and moves the end: the same term.
      assigned('2027-03-01', '2033-06-30', '80-QĐ/TU'),
    ].reduce(personDecider.evolve, personDecider.initialState());
    if (state.status !== 'registered') throw new Error('not registered');
    expect(state.posts).toEqual([
      { positionId: 'pos-1', from: '2027-03-01', termEnd: '2033-06-30', decisionRef: '80-QĐ/TU' },
    ]);
    expect(state.pastPosts).toEqual([
      {
        positionId: 'pos-1',
        from: '2022-03-01',
        termEnd: '2027-03-01',
        decisionRef: '45-QĐ/TU',
        endedOn: '2027-03-01',
        reason: 're-appointed: new term from 2027-03-01 by 77-QĐ/TU',
        endedBy: '77-QĐ/TU',
        caseId: null,
      },
    ]);
  });
  it("ends a re-elected person's old term at its own end when the council's term ran out before the new one began", () => {
    const state = [
      registered,
      {
        type: 'PostAssigned' as const,
        data: {
          personId: 'p-an',
          positionId: 'pos-1',
          from: '2021-03-27',
          termEnd: '2026-03-27',
          decisionRef: '12/NQ-HĐND',
          electedOn: '2021-03-27',
        },
      },
      // The election case's decision: its reference carries its own day, the new term's first.
      {
        type: 'PostAssigned' as const,
        data: {
          personId: 'p-an',
          positionId: 'pos-1',
          from: '2026-12-06',
          termEnd: '2031-03-27',
          decisionRef: '99/QĐ-UBND (2026-12-06)',
          caseId: 'c-el',
          procedure: 'election',
        },
      },
    ].reduce(personDecider.evolve, personDecider.initialState());
    if (state.status !== 'registered') throw new Error('not registered');
    // Before: ended 2026-12-06, 'new term from 2026-12-06 (99/QĐ-UBND (2026-12-06))' (read as a
    // re-appointment, the day twice, brackets nested).
    expect(state.pastPosts).toEqual([
      expect.objectContaining({
        from: '2021-03-27',
        endedOn: '2026-03-27',
        reason: 're-elected: new term from 2026-12-06 by 99/QĐ-UBND',
        endedBy: '99/QĐ-UBND (2026-12-06)',
      }),
    ]);
  });

  describe('Party membership and expulsion (khai trừ)', () => {
    const reprimand = {
      personId: 'p-an',
      caseId: 'd-1',
      track: 'party' as const,
      form: 'reprimand',
      decidedOn: '2026-05-01',
      effectiveFrom: '2026-05-02',
      decisionRef: '45-QĐ/UBKT',
      barEndsOn: null,
      ruleSetId: 'party-2025-10-08',
      violationCategory: 'finance',
      orgUnitId: 'ou-ha-noi',
    };
    const expulsion = { ...reprimand, form: 'expulsion' };
    const review = {
      personId: 'p-an',
      caseId: 'd-1',
      barEndsOn: null,
      decisionRef: '10-QĐ/TU',
      revisedOn: '2026-07-01',
    };

    it('given a member, when an expulsion is recorded, the membership ends on its effective day', () => {
      given(registered)
        .when({ type: 'RecordDiscipline', data: expulsion })
        .then([
          { type: 'DisciplineRecorded', data: expulsion },
          {
            type: 'PartyMembershipEnded',
            data: { personId: 'p-an', on: '2026-05-02', caseId: 'd-1', decisionRef: '45-QĐ/UBKT' },
          },
        ]);
    });

    it('given a reprimand, when a review changes it to expulsion, the membership ends on the review’s day', () => {
      const changed = { ...review, outcome: 'changed' as const, form: 'expulsion' };
      given(registered, { type: 'DisciplineRecorded', data: reprimand })
        .when({ type: 'ReviseDiscipline', data: changed })
        .then([
          { type: 'DisciplineRevised', data: changed },
          {
            type: 'PartyMembershipEnded',
            data: { personId: 'p-an', on: '2026-07-01', caseId: 'd-1', decisionRef: '10-QĐ/TU' },
          },
        ]);
    });

    it('given an expulsion, when a review lightens it to a warning, the membership is given back', () => {
      const ended = {
        type: 'PartyMembershipEnded',
        data: { personId: 'p-an', on: '2026-05-02', caseId: 'd-1', decisionRef: '45-QĐ/UBKT' },
      };
      const lightened = { ...review, outcome: 'changed' as const, form: 'warning' };
      given(registered, { type: 'DisciplineRecorded', data: expulsion }, ended)
        .when({ type: 'ReviseDiscipline', data: lightened })
        .then([
          { type: 'DisciplineRevised', data: lightened },
          {
            type: 'PartyMembershipRestored',
            data: {
              personId: 'p-an',
              on: '2026-07-01',
              caseId: 'd-1',
              decisionRef: '10-QĐ/TU',
              endedBy: '45-QĐ/UBKT',
            },
          },
        ]);
    });
  });
});
