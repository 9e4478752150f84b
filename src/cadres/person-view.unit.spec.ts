import { DomainEvent } from '../common/stream-decider';
import { personDecider } from './person/person.decider';
import { personView } from './person-view';

const events: DomainEvent[] = [
  {
    type: 'PersonRegistered',
    data: {
      personId: 'p-quynh',
      fullName: 'Phan Thị Quỳnh',
      dateOfBirth: '1985-03-03',
      gender: 'female',
      ethnicity: 'Kinh',
      partyMember: true,
      educationLevel: 'Thạc sĩ',
      politicalTheoryLevel: 'Cao cấp',
      orgUnitId: 'ou-commune',
    },
  },
  {
    type: 'PostAssigned',
    data: {
      personId: 'p-quynh',
      positionId: 'pos-deputy',
      from: '2022-03-01',
      termEnd: null,
      decisionRef: 'QĐ 1/2022',
    },
  },
  {
    type: 'PostAssigned',
    data: {
      personId: 'p-quynh',
      positionId: 'pos-head',
      from: '2027-02-01',
      termEnd: null,
      decisionRef: 'QĐ 5/2026',
    },
  },
  // A record written before such decisions were refused: a transfer effective 2027-01-10 ended
  // the appointment to pos-head before it began, and the deputy post sooner.
  ...['pos-deputy', 'pos-head'].map((positionId): DomainEvent => ({
    type: 'PostEnded',
    data: {
      personId: 'p-quynh',
      positionId,
      on: '2027-01-10',
      reason: 'transferred',
      decisionRef: 'QĐ 9/2026',
    },
  })),
];

describe('the person view', () => {
  it('lists no post whose end comes on or before its start: it was never held', () => {
    const state = events.reduce(personDecider.evolve, personDecider.initialState());
    const view = personView('p-quynh', state, 4, '2027-03-01');
    // Before: pos-head listed among the past posts, from 2027-02-01 ended 2027-01-10.
    expect(view.pastPosts.map((post) => [post.positionId, post.from, post.endedOn])).toEqual([
      ['pos-deputy', '2022-03-01', '2027-01-10'],
    ]);
    expect(view.posts).toEqual([]);
    expect(view.upcomingPosts).toEqual([]);
  });
});

describe('the person view of terms of one post recorded out of order', () => {
  const registered = events[0];
  const assigned = (from: string, termEnd: string | null, decisionRef: string): DomainEvent => ({
    type: 'PostAssigned',
    data: { personId: 'p-quynh', positionId: 'pos-head', from, termEnd, decisionRef },
  });

  it('shows a term from 2040 that a term from 2026 recorded after it ran into (a record from before such terms were refused)', () => {
    const state = [
      registered,
      assigned('2040-01-01', null, 'QĐ 40'),
      assigned('2026-01-01', '2099-01-01', 'QĐ 26'),
    ].reduce(personDecider.evolve, personDecider.initialState());
    const view = personView('p-quynh', state, 3, '2026-12-06');
    // Before: the 2040 term went to the past "ended" 2026-01-01, before it began, and was in no list.
    expect(view.posts).toEqual([
      expect.objectContaining({
        from: '2026-01-01',
        endsOn: null,
        renewedBy: { from: '2040-01-01', termEnd: null, decisionRef: 'QĐ 40' },
      }),
    ]);
    expect(view.pastPosts).toEqual([]);
  });

  it('lists an earlier term recorded after a later one as past, the later one held on', () => {
    const state = [
      registered,
      assigned('2021-06-01', '2026-06-01', 'QĐ 21'),
      assigned('2016-06-01', '2021-06-01', 'QĐ 16'),
    ].reduce(personDecider.evolve, personDecider.initialState());
    const view = personView('p-quynh', state, 3, '2024-01-01');
    expect(view.posts).toEqual([expect.objectContaining({ from: '2021-06-01', endsOn: null })]);
    expect(view.pastPosts).toEqual([
      expect.objectContaining({ from: '2016-06-01', endedOn: '2021-06-01', endedBy: 'QĐ 21' }),
    ]);
  });

  it('lists as upcoming a term to begin later that a new term decided ahead renews, with its end', () => {
    const state = [
      registered,
      assigned('2030-01-01', '2035-01-01', 'QĐ 30'),
      assigned('2035-01-01', '2040-01-01', 'QĐ 35'),
    ].reduce(personDecider.evolve, personDecider.initialState());
    const view = personView('p-quynh', state, 3, '2026-12-06');
    // Before: only the 2035 term was listed; the 2030 one sat among the ended, shown nowhere.
    expect(view.upcomingPosts.map((post) => post.from).sort()).toEqual([
      '2030-01-01',
      '2035-01-01',
    ]);
    expect(view.upcomingPosts).toContainEqual(
      expect.objectContaining({ from: '2030-01-01', endsOn: '2035-01-01' }),
    );
    expect(view.pastPosts).toEqual([]);
  });
});
