import { DomainEvent } from '../../common/stream-decider';
import { PersonCommand, personDecider } from './person.decider';
import { PersonState } from './person.state';

const person = 'p-an';
const registered: DomainEvent = {
  type: 'PersonRegistered',
  data: {
    personId: person,
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1978-04-12',
    gender: 'male',
    ethnicity: 'Kinh',
    partyMember: true,
    educationLevel: 'Thạc sĩ',
    politicalTheoryLevel: 'Cao cấp',
    orgUnitId: 'ou-1',
  },
};
const assigned = (from: string, termEnd: string, decisionRef: string): DomainEvent => ({
  type: 'PostAssigned',
  data: { personId: person, positionId: 'pos-deputy', from, termEnd, decisionRef },
});
const endedByRemoval: DomainEvent = {
  type: 'PostEnded',
  data: {
    personId: person,
    positionId: 'pos-deputy',
    on: '2026-11-21',
    reason: 'discipline: removal_from_post (case d-1)',
    decisionRef: '12/QĐ-UBKT (2026-11-20)',
    caseId: 'd-1',
  },
};
const restore = (on: string): PersonCommand => ({
  type: 'RestorePost',
  data: {
    personId: person,
    positionId: 'pos-deputy',
    caseId: 'd-1',
    endedOn: '2026-11-21',
    endedBy: '12/QĐ-UBKT (2026-11-20)',
    revisedBy: '15/QĐ (2026-12-01)',
    on,
  },
});

const fold = (events: DomainEvent[]) =>
  events.reduce(personDecider.evolve, personDecider.initialState()) as Extract<
    PersonState,
    { status: 'registered' }
  >;
const decide = (events: DomainEvent[], command: PersonCommand) =>
  personDecider.decide(fold(events), command);

describe('a post a reviewed discipline decision ended (RestorePost)', () => {
  const removed = [registered, assigned('2024-06-01', '2029-06-01', '45-QĐ/TU'), endedByRemoval];

  it('comes back on its own term and leaves the past; the record says it came back', () => {
    const given = decide(removed, restore('2026-12-01'));
    expect(given).toEqual([
      {
        type: 'PostAssigned',
        data: {
          personId: person,
          positionId: 'pos-deputy',
          from: '2024-06-01',
          termEnd: '2029-06-01',
          decisionRef: '45-QĐ/TU',
          restoredAfter: { caseId: 'd-1', decisionRef: '15/QĐ (2026-12-01)' },
        },
      },
    ]);
    const after = fold([...removed, ...given]);
    expect(after.posts).toEqual([
      {
        positionId: 'pos-deputy',
        from: '2024-06-01',
        termEnd: '2029-06-01',
        decisionRef: '45-QĐ/TU',
      },
    ]);
    expect(after.pastPosts).toEqual([]);
    expect(after.postRestorations).toEqual([
      {
        caseId: 'd-1',
        positionId: 'pos-deputy',
        endedOn: '2026-11-21',
        restored: true,
        decisionRef: '15/QĐ (2026-12-01)',
        reason: null,
      },
    ]);
    // Redelivered: one outcome per end of the post.
    expect(decide([...removed, ...given], restore('2026-12-01'))).toEqual([]);
  });

  it('is not given back when the person holds the post again, and the record says why', () => {
    const again = [...removed, assigned('2026-11-25', '2031-11-25', '50-QĐ/TU')];
    const refused = decide(again, restore('2026-12-01'));
    expect(refused).toEqual([
      {
        type: 'PostNotRestored',
        data: {
          personId: person,
          positionId: 'pos-deputy',
          caseId: 'd-1',
          endedOn: '2026-11-21',
          decisionRef: '15/QĐ (2026-12-01)',
          reason: expect.stringMatching(/^post\.held_again: .*from 2026-11-25, 50-QĐ\/TU/),
        },
      },
    ]);
    const after = fold([...again, ...refused]);
    expect(after.postRestorations).toEqual([
      expect.objectContaining({ restored: false, reason: expect.stringContaining('held_again') }),
    ]);
    expect(decide([...again, ...refused], restore('2026-12-01'))).toEqual([]);
  });

  it('is not given back when its term ended before the review', () => {
    const shortTerm = [
      registered,
      assigned('2021-12-01', '2026-11-30', '45-QĐ/TU'),
      endedByRemoval,
    ];
    expect(decide(shortTerm, restore('2026-12-01'))).toEqual([
      expect.objectContaining({
        type: 'PostNotRestored',
        data: expect.objectContaining({
          reason: expect.stringMatching(
            /^post\.term_ended: .*ended on 2026-11-30, before 2026-12-01/,
          ),
        }),
      }),
    ]);
  });

  it('is not given back past the post’s seats: a successor seated since it was taken keeps it', () => {
    const position = {
      id: 'pos-deputy',
      title: 'Phó Chánh Văn phòng',
      orgUnitId: 'ou-1',
      appointingAuthority: 'ou-1',
      rank: 4,
      isLeadership: true,
      filledBy: 'appointment' as const,
      seats: 1,
    };
    const successor = {
      personId: 'p-binh',
      fullName: 'Trần Văn Bình',
      from: '2026-11-25',
      termEnd: '2031-11-25',
      endsOn: null,
    };
    const seated = (holds: (typeof successor)[]) => ({
      postSeats: { position, seats: 1, holds },
    });
    // Before: given back beside the successor, two people in one seat.
    expect(personDecider.decide(fold(removed), restore('2026-12-01'), seated([successor]))).toEqual(
      [
        expect.objectContaining({
          type: 'PostNotRestored',
          data: expect.objectContaining({
            reason:
              'post.held_by_another: Phó Chánh Văn phòng (pos-deputy) is held on 2026-11-25 by 1 of 1 seat: Trần Văn Bình (p-binh) from 2026-11-25 until 2031-11-25, since the post was taken away on 2026-11-21',
          }),
        }),
      ],
    );
    // A holder whose term ended before the post was taken leaves the seat free: it comes back.
    const before = { ...successor, from: '2019-06-01', termEnd: '2024-06-01' };
    expect(personDecider.decide(fold(removed), restore('2026-12-01'), seated([before]))).toEqual([
      expect.objectContaining({ type: 'PostAssigned' }),
    ]);
  });

  it('gives back nothing that this end did not take', () => {
    const other = { ...restore('2026-12-01') } as Extract<PersonCommand, { type: 'RestorePost' }>;
    other.data = { ...other.data, endedBy: '40-QĐ/TU' };
    expect(decide(removed, other)).toEqual([]);
  });
});
