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
