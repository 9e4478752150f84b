import { refuseSeatsFullOnEffectiveDay } from './decision-seats';
import { CaseContext } from './case.context';
import { Body, Open } from './case.types';

/** A rotation or transfer decision into a one-seat post is refused as an appointment's is. */
describe('a decision into a post whose seats others hold on its effective day', () => {
  const head = {
    id: 'pos-head',
    title: 'Trưởng phòng',
    orgUnitId: 'ou-town',
    appointingAuthority: 'ou-town',
    rank: 5,
    isLeadership: true,
    filledBy: 'appointment' as const,
    seats: 1,
  };
  const holder = (endsOn: string | null, from = '2026-01-05') => ({
    personId: 'p-an',
    fullName: 'Nguyễn Văn An',
    from,
    termEnd: null,
    endsOn,
  });
  const decide =
    (procedure: string, endsOn: string | null, termEnd: string | null = null, from?: string) =>
    () =>
      refuseSeatsFullOnEffectiveDay(
        { procedure, personId: 'p-binh', appointee: null, positionId: 'pos-head' } as Open,
        { effectiveFrom: '2026-03-01' } as Body<'decision'>,
        {
          seatsFromEffectiveDay: {
            position: head,
            seats: 1,
            day: '2026-03-01',
            holds: [holder(endsOn, from)],
            seatStreamRevision: null,
          },
        } as unknown as CaseContext,
        termEnd,
      );

  it('refuses a rotation’s or a transfer’s decision (both run as rotation), naming the holder', () => {
    expect(decide('rotation', null)).toThrow(
      /effectiveFrom: Trưởng phòng \(pos-head\) is held on 2026-03-01 by 1 of 1 seat: Nguyễn Văn An \(p-an\)/,
    );
  });

  it('takes the decision when a decision ends the holder’s post on or before that day', () => {
    expect(decide('rotation', '2026-03-01')).not.toThrow();
  });

  it('refuses a decision whose term reaches a successor’s first day, naming that day', () => {
    expect(decide('appointment', null, '2031-03-01', '2026-09-01')).toThrow(
      /effectiveFrom: Trưởng phòng \(pos-head\) is held on 2026-09-01 by 1 of 1 seat: Nguyễn Văn An \(p-an\) from 2026-09-01.*within the term the decision gives \(2026-03-01 to 2031-03-01\)/,
    );
  });

  it('takes a decision whose term ends on or before the successor’s first day', () => {
    expect(decide('appointment', null, '2026-09-01', '2026-09-01')).not.toThrow();
  });

  it('leaves a re-appointment alone: it renews the person’s own seat', () => {
    expect(decide('reappointment', null)).not.toThrow();
  });
});
