/** A subscriber with events waiting whose checkpoint stands still. */
export interface Stall {
  name: string;
  /** Events waiting (counted up to a cap). */
  lag: number;
  since: Date;
}

/** The sentence `/health`'s problem gives: which, how far behind, since when, and the likely why. */
export function describeStall(kind: 'projection' | 'saga', stalls: Stall[]): string {
  const each = stalls
    .map((s) => `${s.name} ${s.lag} events behind, not moved since ${s.since.toISOString()}`)
    .join(', ');
  return `${kind} stalled: ${each} (no instance runs it, or its runner is stuck)`;
}
