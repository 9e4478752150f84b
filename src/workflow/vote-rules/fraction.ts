/** A rule's ratio kept exact (2/3 quorum, 1/2 majority): no floating-point edge cases at the boundary. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** count > fraction × base, in integers. */
export function exceeds(count: number, fraction: Fraction, base: number): boolean {
  return count * fraction.denominator > fraction.numerator * base;
}

/** count ≥ fraction × base, in integers. */
export function reaches(count: number, fraction: Fraction, base: number): boolean {
  return count * fraction.denominator >= fraction.numerator * base;
}

/** count = fraction × base exactly (the tie the head of the collective may break). */
export function equals(count: number, fraction: Fraction, base: number): boolean {
  return count * fraction.denominator === fraction.numerator * base;
}

/**
 * The fewest people who make up at least fraction × base: 9 for 2/3 of 13 (8.67). People are
 * whole, so a quorum is said as this number, its rule beside it.
 */
export function fewestReaching(fraction: Fraction, base: number): number {
  return Math.ceil((fraction.numerator * base) / fraction.denominator);
}

/** The rule's ratio of a base for messages: "2/3 of 13". */
export function showShare(fraction: Fraction, base: number): string {
  return `${fraction.numerator}/${fraction.denominator} of ${base}`;
}

/** fraction × base for messages, e.g. 6.5 or 8.67. */
export function show(fraction: Fraction, base: number): string {
  const value = (fraction.numerator * base) / fraction.denominator;
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}
