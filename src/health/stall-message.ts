/** This instance's own runner of a subscriber failing: its last error, since when, how often. */
export interface RunnerFailingHere {
  message: string;
  since: Date;
  /** Failures in a row since the runner last made progress. */
  attempts: number;
}

/** A subscriber with events waiting whose checkpoint stands still. */
export interface Stall {
  name: string;
  /** Events waiting (counted up to a cap). */
  lag: number;
  since: Date;
  /** Set when this instance runs it and its runner is failing: that is the why, not a guess. */
  failingHere?: RunnerFailingHere | null;
}

/**
 * The sentence `/health`'s problem gives: which, how far behind, since when, and why. When this
 * instance runs it and its runner is failing, it says so with the error (before, every stall read
 * "no instance runs it, or its runner is stuck", on the very instance running it and failing).
 */
export function describeStall(kind: 'projection' | 'saga', stalls: Stall[]): string {
  const each = stalls
    .map(
      (s) =>
        `${s.name} ${s.lag} events behind, not moved since ${s.since.toISOString()} (${
          s.failingHere
            ? describeFailingHere(s.failingHere)
            : 'no instance runs it, or its runner is stuck'
        })`,
    )
    .join(', ');
  return `${kind} stalled: ${each}`;
}

/** Why, when this instance runs it and its runner is failing: since when, how often, the error. */
export function describeFailingHere(failure: RunnerFailingHere): string {
  return `runs on this instance and its runner is failing since ${failure.since.toISOString()}, ${failure.attempts} attempts in a row: ${failure.message}`;
}

/** The sentence for runners failing on this instance whose checkpoint has not stalled (yet). */
export function describeFailing(
  kind: 'projection' | 'saga',
  failing: { name: string; failure: RunnerFailingHere }[],
): string {
  const each = failing.map((f) => `${f.name} ${describeFailingHere(f.failure)}`).join(', ');
  return `${kind} failing: ${each}`;
}
