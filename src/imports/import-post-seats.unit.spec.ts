import { Position } from '../cadres/registry-records';
import { systemMetadata } from '../event-store/event-envelope';
import { ImportSeatClaims } from './import-post-seats';

const post = (id: string, seats: number | null): Position => ({
  id,
  title: id,
  orgUnitId: 'ou-town',
  appointingAuthority: 'ou-town',
  rank: 5,
  isLeadership: true,
  filledBy: 'appointment',
  seats,
});

const row = (personId: string, positionId: string) => ({
  idSeed: `import:posts:${personId}:${positionId}`,
  command: {
    type: 'AssignPost' as const,
    data: { personId, positionId, from: '2025-01-02', termEnd: null, decisionRef: 'QĐ-1' },
  },
});

describe('the seats an import’s post rows take', () => {
  const metadata = systemMetadata('u-staff', 'import-1', new Date('2025-01-02T03:00:00Z'));
  const positions = new Map([
    ['pos-vice', post('pos-vice', 3)],
    ['pos-deputy', post('pos-deputy', null)],
  ]);

  it('claims a seated post’s seats at the revision read, the next chunk after the claims of the one before; a post without seats claims none', () => {
    const claims = new ImportSeatClaims(
      new Map([['pos-vice', { revision: 4, claims: [] }]]),
      positions,
    );
    const first = claims.appendsOf(
      [row('p-a', 'pos-vice'), row('p-b', 'pos-deputy'), row('p-c', 'pos-vice')],
      metadata,
    );
    expect(first).toEqual([
      expect.objectContaining({ streamId: 'postseat-pos-vice', expectedRevision: 4 }),
    ]);
    expect(first[0].events.map((event) => event.data)).toEqual([
      { claimant: 'p-a', from: '2025-01-02', termEnd: null },
      { claimant: 'p-c', from: '2025-01-02', termEnd: null },
    ]);
    const second = claims.appendsOf([row('p-d', 'pos-vice')], metadata);
    expect(second).toEqual([expect.objectContaining({ expectedRevision: 6 })]);
    // The very same rows again claim with the same ids: the store appends nothing twice.
    const again = new ImportSeatClaims(
      new Map([['pos-vice', { revision: 4, claims: [] }]]),
      positions,
    ).appendsOf([row('p-a', 'pos-vice')], metadata);
    expect(again[0].events[0].id).toBe(first[0].events[0].id);
  });

  it('claims a post whose seat stream is new at no_stream', () => {
    const claims = new ImportSeatClaims(
      new Map([['pos-vice', { revision: null, claims: [] }]]),
      positions,
    );
    expect(claims.appendsOf([row('p-a', 'pos-vice')], metadata)).toEqual([
      expect.objectContaining({ expectedRevision: 'no_stream' }),
    ]);
    expect(claims.appendsOf([row('p-b', 'pos-vice')], metadata)).toEqual([
      expect.objectContaining({ expectedRevision: 0 }),
    ]);
  });
});
