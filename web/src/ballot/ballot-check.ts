/**
 * The live checks of a ballot tally as the clerk types it: the same arithmetic the engine applies
 * (src/workflow/vote-rules), with the numbers a form shows next to each field. Pure: no DOM, no I/O.
 */
import { equals, exceeds, Fraction, reaches } from '../../../src/workflow/vote-rules/fraction';
import { BALLOT_COUNTS } from '../../../src/workflow/vote-rules/tally';

export type { Fraction };

export interface TallyInput {
  members: number | null;
  summoned: number | null;
  present: number | null;
  for: number | null;
  against: number | null;
  abstain: number | null;
  invalid: number | null;
}

export interface BallotRuleInput {
  quorum: Fraction;
  pass: Fraction;
  base: 'members' | 'summoned';
  headBreaksTie: boolean;
}

/** One finding, keyed for translation, attached to the field it is about. */
export interface Finding {
  field: keyof TallyInput;
  key:
    | 'count_invalid'
    | 'sum_mismatch'
    | 'present_over_summoned'
    | 'summoned_over_members'
    | 'no_quorum';
  values: Record<string, number | string>;
}

export type Verdict = 'incomplete' | 'invalid' | 'no_quorum' | 'passes' | 'fails' | 'tie';

export interface BallotCheck {
  verdict: Verdict;
  findings: Finding[];
  /** Least number present for a quorum (of those summoned), when summoned is known. */
  quorumNeeded: number | null;
  /** `for` must be more than this (a share of the base); shown with up to 2 decimals. */
  passThreshold: number | null;
  /** Least `for` that passes, when the base is known. */
  forNeeded: number | null;
  /** for + against + abstain + invalid, when all four are known. */
  cast: number | null;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Least whole n with n ≥ fraction × base. */
export function leastReaching(fraction: Fraction, base: number): number {
  return Math.ceil((fraction.numerator * base) / fraction.denominator - 1e-9);
}

/** Least whole n with n > fraction × base. */
export function leastExceeding(fraction: Fraction, base: number): number {
  return Math.floor((fraction.numerator * base) / fraction.denominator) + 1;
}

/**
 * present ≤ summoned ≤ members, the engine's attendance check (src/workflow/vote-rules/attendance.ts,
 * tally.ts) every tally form shares: a ballot's, a nomination's and their corrections'. A count
 * not yet typed (null) is not judged.
 */
export function attendanceFindings(counts: {
  members: number | null;
  summoned: number | null;
  present: number | null;
}): Finding[] {
  const { members, summoned, present } = counts;
  const findings: Finding[] = [];
  if (present !== null && summoned !== null && present > summoned)
    findings.push({
      field: 'present',
      key: 'present_over_summoned',
      values: { present, summoned },
    });
  if (summoned !== null && members !== null && summoned > members)
    findings.push({
      field: 'summoned',
      key: 'summoned_over_members',
      values: { summoned, members },
    });
  return findings;
}

/** Checks a (possibly half-typed) tally against the rule; every number it needs is computed exactly. */
export function checkBallot(rule: BallotRuleInput, tally: TallyInput): BallotCheck {
  const findings: Finding[] = [];
  for (const field of BALLOT_COUNTS) {
    const value = tally[field];
    if (value !== null && (!Number.isInteger(value) || value < 0))
      findings.push({ field, key: 'count_invalid', values: { value } });
  }
  const known = (field: keyof TallyInput): number | null => {
    const value = tally[field];
    return value !== null && Number.isInteger(value) && value >= 0 ? value : null;
  };
  const members = known('members');
  const summoned = known('summoned');
  const present = known('present');
  const votes = [known('for'), known('against'), known('abstain'), known('invalid')];
  const cast = votes.every((v) => v !== null) ? votes.reduce((a, b) => a! + b!, 0)! : null;
  const base = rule.base === 'members' ? members : summoned;
  const quorumNeeded = summoned !== null ? leastReaching(rule.quorum, summoned) : null;
  const passThreshold =
    base !== null ? round2((rule.pass.numerator * base) / rule.pass.denominator) : null;
  const forNeeded = base !== null ? leastExceeding(rule.pass, base) : null;

  if (cast !== null && present !== null && cast !== present)
    findings.push({ field: 'present', key: 'sum_mismatch', values: { cast, present } });
  findings.push(...attendanceFindings({ members, summoned, present }));
  if (present !== null && summoned !== null && !reaches(present, rule.quorum, summoned))
    findings.push({
      field: 'present',
      key: 'no_quorum',
      values: { present, summoned, needed: quorumNeeded! },
    });

  const result = (verdict: Verdict): BallotCheck => ({
    verdict,
    findings,
    quorumNeeded,
    passThreshold,
    forNeeded,
    cast,
  });
  if (findings.some((f) => f.key !== 'no_quorum')) return result('invalid');
  if (BALLOT_COUNTS.some((field) => known(field) === null)) return result('incomplete');
  if (findings.length) return result('no_quorum');
  const votesFor = known('for')!;
  if (exceeds(votesFor, rule.pass, base!)) return result('passes');
  if (rule.headBreaksTie && equals(votesFor, rule.pass, base!)) return result('tie');
  return result('fails');
}
