import { DomainEvent } from '../../common/stream-decider';
import { personDecider } from './person.decider';
import {
  postsEndingLater,
  postsHeldOn,
  postsRunningPast,
  postsStartingAfter,
} from './posts-held-on';

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

const assigned = (positionId: string, from: string, decisionRef: string): DomainEvent => ({
  type: 'PostAssigned',
  data: { personId: 'p-an', positionId, from, termEnd: null, decisionRef },
});

const ended = (positionId: string, on: string, decisionRef = 'QĐ 2/2026'): DomainEvent => ({
  type: 'PostEnded',
  data: { personId: 'p-an', positionId, on, reason: 'transferred', decisionRef },
});

function recordAfter(...events: DomainEvent[]) {
  const state = [registered, ...events].reduce(personDecider.evolve, personDecider.initialState());
  if (state.status !== 'registered') throw new Error('not registered');
  return state;
}

const held = (record: ReturnType<typeof recordAfter>, day: string) =>
  postsHeldOn(record, day).map(({ positionId, endsOn }) => ({ positionId, endsOn }));

describe('posts held on a day', () => {
  // A transfer decided on 2026-12-01, effective on 2027-01-15: the old post ends and the new one
  // starts on that day, both written at once.
  const record = recordAfter(
    assigned('pos-old', '2020-03-01', 'QĐ 1/2020'),
    assigned('pos-new', '2027-01-15', 'QĐ 2/2026'),
    ended('pos-old', '2027-01-15'),
  );

  it('keeps the post a later decision ends until the day before it ends, with that day', () => {
    expect(held(record, '2026-12-01')).toEqual([{ positionId: 'pos-old', endsOn: '2027-01-15' }]);
    expect(held(record, '2027-01-14')).toEqual([{ positionId: 'pos-old', endsOn: '2027-01-15' }]);
  });

  it('holds the new post from its first day, and no longer the old one', () => {
    expect(held(record, '2027-01-15')).toEqual([{ positionId: 'pos-new', endsOn: null }]);
  });

  it('lists the post decided to start later as starting after the day, not as held', () => {
    expect(postsStartingAfter(record, '2026-12-01').map((p) => p.positionId)).toEqual(['pos-new']);
    expect(postsStartingAfter(record, '2027-01-15')).toEqual([]);
  });

  it('holds the current term of a post until a new term decided for a later day begins', () => {
    const renewed = recordAfter(
      { ...assigned('pos-old', '2022-03-01', 'QĐ 1/2022') },
      { ...assigned('pos-old', '2027-03-01', 'QĐ 3/2026') },
    );
    expect(postsHeldOn(renewed, '2026-12-01').map((p) => [p.from, p.decisionRef])).toEqual([
      ['2022-03-01', 'QĐ 1/2022'],
    ]);
    expect(postsHeldOn(renewed, '2027-03-01').map((p) => [p.from, p.decisionRef])).toEqual([
      ['2027-03-01', 'QĐ 3/2026'],
    ]);
  });

  it('holds nothing of a post that ended on or before the day', () => {
    const past = recordAfter(
      assigned('pos-old', '2020-03-01', 'QĐ 1/2020'),
      ended('pos-old', '2024-05-01'),
    );
    expect(held(past, '2024-05-01')).toEqual([]);
    expect(held(past, '2024-04-30')).toEqual([{ positionId: 'pos-old', endsOn: '2024-05-01' }]);
  });

  it('ends a post on the earlier day when a second decision ends it before the first one does', () => {
    // An appointment effective 2027-02-01 ends the deputy post then; a removal effective
    // 2027-01-10 ends it sooner. Before, the second end was dropped: held until 2027-02-01.
    const sooner = recordAfter(
      assigned('pos-deputy', '2022-03-01', 'QĐ 1/2022'),
      assigned('pos-head', '2027-02-01', 'QĐ 5/2026'),
      ended('pos-deputy', '2027-02-01', 'QĐ 5/2026'),
      ended('pos-deputy', '2027-01-10', 'QĐ 9/2026'),
    );
    expect(held(sooner, '2027-01-09')).toEqual([
      { positionId: 'pos-deputy', endsOn: '2027-01-10' },
    ]);
    expect(held(sooner, '2027-01-10')).toEqual([]);
    expect(sooner.pastPosts).toEqual([
      expect.objectContaining({
        positionId: 'pos-deputy',
        endedOn: '2027-01-10',
        endedBy: 'QĐ 9/2026',
      }),
    ]);
  });

  it('counts among the posts a decision can end those ended only on a later day, once each', () => {
    const endingLater = recordAfter(
      assigned('pos-deputy', '2022-03-01', 'QĐ 1/2022'),
      assigned('pos-head', '2027-02-01', 'QĐ 5/2026'),
      ended('pos-deputy', '2027-02-01', 'QĐ 5/2026'),
    );
    expect(postsRunningPast(endingLater, '2027-01-10').map((p) => p.positionId)).toEqual([
      'pos-head',
      'pos-deputy',
    ]);
    expect(postsRunningPast(endingLater, '2027-02-01').map((p) => p.positionId)).toEqual([
      'pos-head',
    ]);
  });

  it('names the posts a decision ends on a later day, not a term its own new term continues', () => {
    const leaving = recordAfter(
      assigned('pos-deputy', '2022-03-01', 'QĐ 1/2022'),
      assigned('pos-head', '2027-02-01', 'QĐ 5/2026'),
      ended('pos-deputy', '2027-02-01', 'QĐ 5/2026'),
    );
    expect(postsEndingLater(leaving, '2026-12-01').map((p) => [p.positionId, p.endedBy])).toEqual([
      ['pos-deputy', 'QĐ 5/2026'],
    ]);
    // A re-appointment's new term from 2027-03-01: the post stays, nothing is left.
    const renewed = recordAfter(
      assigned('pos-deputy', '2022-03-01', 'QĐ 1/2022'),
      assigned('pos-deputy', '2027-03-01', 'QĐ 3/2026'),
    );
    expect(postsEndingLater(renewed, '2026-12-01')).toEqual([]);
  });
});
