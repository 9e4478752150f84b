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

/** fraction × base for messages, e.g. 6.5 or 8.67. */
export function show(fraction: Fraction, base: number): string {
  const value = (fraction.numerator * base) / fraction.denominator;
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}
