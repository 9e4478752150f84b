import { comparePositions } from './postgres-position';

/** The order by numbers, as PostgreSQL sorts (transaction_id, global_position). */
function byNumbers(a: string, b: string): number {
  const [txA, seqA] = a.split('/').map(BigInt);
  const [txB, seqB] = b.split('/').map(BigInt);
  if (txA !== txB) return txA > txB ? 1 : -1;
  return seqA === seqB ? 0 : seqA > seqB ? 1 : -1;
}

describe('PostgreSQL positions', () => {
  it('orders by transaction, then by sequence, by value and not by text', () => {
    expect(comparePositions('9/500', '10/1')).toBe(-1);
    expect(comparePositions('10/1', '9/500')).toBe(1);
    expect(comparePositions('10/20', '10/3')).toBe(1);
    expect(comparePositions('10/3', '10/3')).toBe(0);
    expect(comparePositions('007/3', '7/03')).toBe(0);
    expect(comparePositions('0/0', '0/1')).toBe(-1);
  });

  it('agrees with a numeric comparison on positions past 2^53', () => {
    const samples = [
      '1/1',
      '2/1',
      '1/2',
      '9007199254740993/1',
      '9007199254740992/7',
      '12/9007199254740993',
      '12/9007199254740992',
      '123456789/42',
      '123456788/4200',
    ];
    for (const a of samples)
      for (const b of samples) expect(comparePositions(a, b)).toBe(byNumbers(a, b));
  });

  it('refuses what is not a position, naming it', () => {
    expect(() => comparePositions('start', '1/1')).toThrow(
      'not a PostgreSQL event-store position: "start"',
    );
    expect(() => comparePositions('1/1', '1/x')).toThrow('"1/x"');
  });
});
