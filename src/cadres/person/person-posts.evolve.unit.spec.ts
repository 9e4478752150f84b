import { DomainEvent } from '../../common/stream-decider';
import { personDecider } from './person.decider';
import { holdsPostOn } from './posts-held-on';

const registered: DomainEvent = {
  type: 'PersonRegistered',
  data: {
    personId: 'p-an',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1970-04-12',
    gender: 'male',
    ethnicity: 'Kinh',
    partyMember: true,
    educationLevel: 'Thạc sĩ',
    politicalTheoryLevel: 'Cao cấp',
    orgUnitId: 'ou-ha-noi',
  },
};

const assigned = (from: string, termEnd: string | null, decisionRef: string): DomainEvent => ({
  type: 'PostAssigned',
  data: { personId: 'p-an', positionId: 'pos-head', from, termEnd, decisionRef },
});

const ended = (on: string): DomainEvent => ({
  type: 'PostEnded',
  data: { personId: 'p-an', positionId: 'pos-head', on, reason: 'removal', decisionRef: 'QĐ 9' },
});

function recordAfter(...events: DomainEvent[]) {
  const state = [registered, ...events].reduce(personDecider.evolve, personDecider.initialState());
  if (state.status !== 'registered') throw new Error('not registered');
  return state;
}

/** Whether the post is held on each day, the days around and inside both terms. */
const DAYS = [
  '2012-12-31',
  '2013-01-01',
  '2016-06-01',
  '2017-12-31',
  '2018-01-01',
  '2020-01-01',
  '2021-05-31',
  '2021-06-01',
  '2026-12-07',
];
const heldOn = (record: ReturnType<typeof recordAfter>) =>
  DAYS.map((day) => [day, holdsPostOn(record, 'pos-head', day)]);

describe('terms of one post recorded out of order, the later one already ended', () => {
  const earlier = assigned('2013-01-01', '2018-01-01', 'QĐ 13');
  const later = assigned('2018-01-01', '2023-01-01', 'QĐ 18');

  it('holds the post today in neither order: both terms are past', () => {
    const inOrder = recordAfter(earlier, later, ended('2021-06-01'));
    const outOfOrder = recordAfter(later, ended('2021-06-01'), earlier);
    // Before: the earlier term, recorded last, was taken for the post held, with no end.
    expect(holdsPostOn(outOfOrder, 'pos-head', '2026-12-07')).toBe(false);
    expect(outOfOrder.posts).toEqual([]);
    expect(heldOn(outOfOrder)).toEqual(heldOn(inOrder));
    expect(heldOn(inOrder)).toEqual([
      ['2012-12-31', false],
      ['2013-01-01', true],
      ['2016-06-01', true],
      ['2017-12-31', true],
      ['2018-01-01', true],
      ['2020-01-01', true],
      ['2021-05-31', true],
      ['2021-06-01', false],
      ['2026-12-07', false],
    ]);
  });

  it('keeps the earlier term as past, renewed by the later one, as recorded in order', () => {
    const outOfOrder = recordAfter(later, ended('2021-06-01'), earlier);
    expect(outOfOrder.pastPosts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: '2018-01-01', endedOn: '2021-06-01', endedBy: 'QĐ 9' }),
        expect.objectContaining({ from: '2013-01-01', endedOn: '2018-01-01', endedBy: 'QĐ 18' }),
      ]),
    );
    expect(outOfOrder.pastPosts).toHaveLength(2);
  });

  it('a gap between the terms is no day held, whichever is recorded first', () => {
    const gapped = assigned('2013-01-01', '2016-06-01', 'QĐ 13');
    const inOrder = recordAfter(gapped, later, ended('2021-06-01'));
    const outOfOrder = recordAfter(later, ended('2021-06-01'), gapped);
    expect(holdsPostOn(outOfOrder, 'pos-head', '2017-12-31')).toBe(false);
    expect(heldOn(outOfOrder)).toEqual(heldOn(inOrder));
  });

  it('an earlier term recorded after a term held and one ended between them ends where the nearer one starts', () => {
    const middle = assigned('2018-01-01', '2021-06-01', 'QĐ 18');
    const last = assigned('2022-01-01', null, 'QĐ 22');
    const first = assigned('2013-01-01', null, 'QĐ 13');
    const inOrder = recordAfter(first, middle, last);
    const outOfOrder = recordAfter(middle, last, first);
    expect(heldOn(outOfOrder)).toEqual(heldOn(inOrder));
    expect(outOfOrder.pastPosts).toContainEqual(
      expect.objectContaining({ from: '2013-01-01', endedOn: '2018-01-01', endedBy: 'QĐ 18' }),
    );
  });

  it('a term ended before it began is none to follow: an appointment before its start is held', () => {
    const neverBegun = recordAfter(assigned('2027-03-01', null, 'QĐ 27'), ended('2026-12-20'));
    const record = recordAfter(
      assigned('2027-03-01', null, 'QĐ 27'),
      ended('2026-12-20'),
      assigned('2027-01-05', null, 'QĐ 30'),
    );
    expect(neverBegun.posts).toEqual([]);
    expect(record.posts).toEqual([expect.objectContaining({ from: '2027-01-05' })]);
    expect(holdsPostOn(record, 'pos-head', '2027-06-01')).toBe(true);
  });
});
