/** The counts of a secret ballot (bỏ phiếu kín). Only counts exist: never who voted how. */
export interface BallotTally {
  /** Total members of the collective. */
  members: number;
  /** Members summoned to the conference (triệu tập). */
  summoned: number;
  present: number;
  for: number;
  against: number;
  abstain: number;
  invalid: number;
}

export interface TallyProblem {
  field: string;
  rule: string;
  message: string;
}

/** Every count of a tally, in the order a form shows them. */
export const BALLOT_COUNTS: readonly (keyof BallotTally)[] = [
  'members',
  'summoned',
  'present',
  'for',
  'against',
  'abstain',
  'invalid',
];

/** for + against + abstain + invalid = present ≤ summoned ≤ members, all whole and non-negative. */
export function tallyProblems(tally: BallotTally): TallyProblem[] {
  const problems: TallyProblem[] = [];
  for (const field of BALLOT_COUNTS) {
    const value = tally[field];
    if (!Number.isInteger(value) || value < 0) {
      problems.push({
        field,
        rule: 'tally.not_a_count',
        message: `${field} must be a whole number ≥ 0 (got ${value})`,
      });
    }
  }
  if (problems.length) return problems;
  const cast = tally.for + tally.against + tally.abstain + tally.invalid;
  if (cast !== tally.present) {
    problems.push({
      field: 'present',
      rule: 'tally.inconsistent',
      message: `for + against + abstain + invalid = ${cast}, but ${tally.present} present`,
    });
  }
  if (tally.present > tally.summoned) {
    problems.push({
      field: 'present',
      rule: 'tally.inconsistent',
      message: `${tally.present} present, but only ${tally.summoned} summoned`,
    });
  }
  if (tally.summoned > tally.members) {
    problems.push({
      field: 'summoned',
      rule: 'tally.inconsistent',
      message: `${tally.summoned} summoned, but the collective has ${tally.members} members`,
    });
  }
  return problems;
}
