import { fewestReaching, Fraction, reaches, showShare } from './fraction';

/** Who could vote and who came: every ballot has these counts whatever it asks. */
export interface Attendance {
  members: number;
  summoned: number;
  present: number;
}

export type AttendanceProblem =
  | { outcome: 'invalid_tally'; field: 'present' | 'summoned'; reason: string }
  | { outcome: 'no_quorum'; reason: string };

/** present ≤ summoned ≤ members, then at least the quorum's share of those summoned present. */
export function attendanceProblem(tally: Attendance, quorum: Fraction): AttendanceProblem | null {
  if (tally.present > tally.summoned)
    return {
      outcome: 'invalid_tally',
      field: 'present',
      reason: `${tally.present} present, but only ${tally.summoned} summoned`,
    };
  if (tally.summoned > tally.members)
    return {
      outcome: 'invalid_tally',
      field: 'summoned',
      reason: `${tally.summoned} summoned, but the collective has ${tally.members} members`,
    };
  return quorumProblem(tally, quorum);
}

/** At least the quorum's share of those summoned present. */
export function quorumProblem(
  tally: Attendance,
  quorum: Fraction,
): { outcome: 'no_quorum'; reason: string } | null {
  if (reaches(tally.present, quorum, tally.summoned)) return null;
  return {
    outcome: 'no_quorum',
    reason: `no quorum: ${tally.present} of ${tally.summoned} summoned present, needs at least ${fewestReaching(quorum, tally.summoned)} (${showShare(quorum, tally.summoned)})`,
  };
}
