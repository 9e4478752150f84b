import { exceeds, Fraction, show } from './fraction';
import { attendanceProblem } from './attendance';

/** A nomination ballot (giới thiệu nhân sự): each member names one person per post. */
export interface NominationTally {
  members: number;
  summoned: number;
  present: number;
  invalid: number;
  candidates: { personId: string; votes: number }[];
}

export interface NominationRule {
  quorum: Fraction;
  /** Selected needs most votes AND more than this share of those summoned. */
  pass: Fraction;
  /** How many go forward when nobody passes (the design: the top two). */
  fallbackCount: number;
}

export type NominationOutcome =
  | { outcome: 'selected'; selected: string[]; reason: string }
  | { outcome: 'fallback'; selected: string[]; reason: string }
  | { outcome: 'no_quorum'; reason: string }
  | { outcome: 'invalid_tally'; reason: string; field: string };

type InvalidTally = Extract<NominationOutcome, { outcome: 'invalid_tally' }>;

const invalid = (field: string, reason: string): InvalidTally => ({
  outcome: 'invalid_tally',
  field,
  reason,
});

/** The first count or candidate line that cannot be a tally, or null. */
function tallyProblem(tally: NominationTally): InvalidTally | null {
  const counts = {
    members: tally.members,
    summoned: tally.summoned,
    present: tally.present,
    invalid: tally.invalid,
  };
  for (const [field, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0)
      return invalid(field, `${field} must be a whole number ≥ 0 (got ${value})`);
  }
  const ids = new Set<string>();
  // A line's problem names the line, as every other list's does (before: `candidates` alone).
  for (const [index, candidate] of tally.candidates.entries()) {
    if (!Number.isInteger(candidate.votes) || candidate.votes < 0)
      return invalid(
        `candidates[${index}].votes`,
        `votes for ${candidate.personId} must be a whole number ≥ 0`,
      );
    if (ids.has(candidate.personId))
      return invalid(`candidates[${index}].personId`, `${candidate.personId} is listed twice`);
    ids.add(candidate.personId);
  }
  const cast = tally.candidates.reduce((sum, c) => sum + c.votes, 0) + tally.invalid;
  // One nomination per member present: valid nominations plus invalid ballots cannot exceed those present.
  if (cast > tally.present)
    return invalid('candidates', `${cast} ballots counted, but ${tally.present} present`);
  return null;
}

/** Who goes forward from a valid, quorate tally: the one who passed, or the top N (ties included). */
function nominees(rule: NominationRule, tally: NominationTally): NominationOutcome {
  const ranked = [...tally.candidates].sort(
    (a, b) => b.votes - a.votes || a.personId.localeCompare(b.personId),
  );
  const top = ranked[0];
  const needs = `needs the most votes and more than ${show(rule.pass, tally.summoned)}`;
  const leaders = ranked.filter((c) => c.votes === top?.votes);
  if (top && leaders.length === 1 && exceeds(top.votes, rule.pass, tally.summoned)) {
    return {
      outcome: 'selected',
      selected: [top.personId],
      reason: `selected ${top.personId}: ${top.votes} of ${tally.summoned} summoned, ${needs}`,
    };
  }
  // Nobody passed: the top N go forward, and anyone tied with the last of them goes too (no lottery).
  const cutoff = ranked[Math.min(rule.fallbackCount, ranked.length) - 1]?.votes ?? 0;
  const forward = ranked.filter((c) => c.votes >= cutoff && c.votes > 0);
  return {
    outcome: 'fallback',
    selected: forward.map((c) => c.personId),
    reason: `nobody passed (${top ? `${top.personId} had ${top.votes} of ${tally.summoned} summoned` : 'no votes'}, ${needs}); forward: ${forward
      .map((c) => `${c.personId} (${c.votes})`)
      .join(', ')}`,
  };
}

export function evaluateNomination(
  rule: NominationRule,
  tally: NominationTally,
): NominationOutcome {
  return tallyProblem(tally) ?? attendanceProblem(tally, rule.quorum) ?? nominees(rule, tally);
}
