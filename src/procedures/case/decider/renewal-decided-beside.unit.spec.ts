import { PostHoldingDecision } from '../post-holding-decisions';
import { renewalsDecidedBeside } from './renewal-decided-beside';

describe('a re-appointment decided on the holding of a post a move ends, not on the record yet', () => {
  const decided = (over: Partial<PostHoldingDecision>): PostHoldingDecision => ({
    caseId: 'r-1',
    procedure: 'reappointment',
    orgUnitId: 'ou-town',
    personId: 'p-1',
    positionId: 'pos-h',
    effect: 'continues',
    effectiveFrom: '2027-01-06',
    decisionRef: 'QĐ-r (2026-12-07)',
    reason: 'standard (case r-1)',
    ...over,
  });
  const holding = (...decisions: PostHoldingDecision[]) => [
    { personId: 'p-1', positionId: 'pos-h', revision: decisions.length - 1, decisions },
  ];

  it('is a post still to come from the new term’s start, as the record will show it', () => {
    expect(renewalsDecidedBeside(holding(decided({})), 't-1', '2026-12-07')).toEqual([
      { positionId: 'pos-h', from: '2027-01-06', decisionRef: 'QĐ-r (2026-12-07)' },
    ]);
  });

  it('is not an extension (no new hold), an end, the move’s own record, or a term already begun', () => {
    for (const other of [
      decided({ procedure: 'extension' }),
      decided({ effect: 'ends', procedure: 'removal' }),
      decided({ caseId: 't-1' }),
      decided({ effectiveFrom: '2026-12-07' }),
    ])
      expect(renewalsDecidedBeside(holding(other), 't-1', '2026-12-07')).toEqual([]);
    expect(renewalsDecidedBeside(undefined, 't-1', '2026-12-07')).toEqual([]);
  });
});
