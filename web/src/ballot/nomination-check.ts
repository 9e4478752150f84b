/**
 * The live check of a nomination tally as the clerk types it, the engine's own
 * (src/workflow/vote-rules/nomination-ballot.ts): one nomination per member present, so the
 * valid nominations plus the invalid ballots cannot be more than those present. Pure.
 */
import { attendanceFindings, Finding } from './ballot-check';

export interface NominationOverPresent {
  cast: number;
  present: number;
}

/** The count that exceeds those present, once every number it needs is typed; null otherwise. */
export function nominationsOverPresent(
  votes: (number | null)[],
  invalid: number | null,
  present: number | null,
): NominationOverPresent | null {
  const known = (n: number | null): n is number => n !== null && Number.isInteger(n) && n >= 0;
  if (!known(present) || !known(invalid) || votes.length === 0 || !votes.every(known)) return null;
  const cast = votes.reduce((sum, v) => sum + v, invalid);
  return cast > present ? { cast, present } : null;
}

/**
 * What the nomination's own counts (members, summoned, present, invalid ballots) break, each on its
 * field: a count that is not a whole number ≥ 0, then the engine's attendance check
 * (present ≤ summoned ≤ members), as the ballot's live check finds them.
 */
export function nominationCountFindings(counts: NominationCounts): Finding[] {
  const findings: Finding[] = [];
  const known: Partial<Record<keyof NominationCounts, number>> = {};
  for (const field of NOMINATION_COUNTS) {
    const value = counts[field];
    if (value === null) continue;
    if (!Number.isInteger(value) || value < 0)
      findings.push({ field, key: 'count_invalid', values: { value } });
    else known[field] = value;
  }
  return [
    ...findings,
    ...attendanceFindings({
      members: known.members ?? null,
      summoned: known.summoned ?? null,
      present: known.present ?? null,
    }),
  ];
}

/** The counts of a nomination besides each nominee's votes, as typed (null: still empty). */
export interface NominationCounts {
  members: number | null;
  summoned: number | null;
  present: number | null;
  invalid: number | null;
}

const NOMINATION_COUNTS = ['members', 'summoned', 'present', 'invalid'] as const;
