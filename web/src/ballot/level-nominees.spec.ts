import { levelNominees } from './level-nominees';

const rule = {
  quorum: { numerator: 2, denominator: 3 },
  pass: { numerator: 1, denominator: 2 },
  base: 'members' as const,
  headBreaksTie: true,
};
const tally = (yes: number | null) => ({
  members: 13,
  summoned: 13,
  present: 13,
  for: yes,
  against: yes === null ? null : 13 - yes,
  abstain: 0,
  invalid: 0,
});

describe('the nominees a final ballot leaves level', () => {
  it('finds two who pass with the same votes for', () => {
    expect(
      levelNominees(rule, [
        { personId: 'p-an', tally: tally(7) },
        { personId: 'p-binh', tally: tally(7) },
      ]),
    ).toEqual(['p-an', 'p-binh']);
  });

  it('finds none when one leads, when they fail level, or while a count is missing', () => {
    const two = (a: number | null, b: number | null) =>
      levelNominees(rule, [
        { personId: 'p-an', tally: tally(a) },
        { personId: 'p-binh', tally: tally(b) },
      ]);
    expect(two(8, 7)).toEqual([]);
    expect(two(5, 5)).toEqual([]);
    expect(two(7, null)).toEqual([]);
  });
});
