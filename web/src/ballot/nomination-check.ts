/**
 * The live check of a nomination tally as the clerk types it, the engine's own
 * (src/workflow/vote-rules/nomination-ballot.ts): one nomination per member present, so the
 * valid nominations plus the invalid ballots cannot be more than those present. Pure.
 */
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
