/**
 * Everyone the case's steps name by id, as this reader sees them: an examination's registered
 * candidates, a nomination's candidates, each nominee of a ballot, a reference tally's shares —
 * named on the case even after they drop out (a withheld tally names nobody).
 */
export const peopleInSteps = (steps: readonly object[]): string[] =>
  steps.flatMap((step) => {
    const { type, candidates, tally, nominees, shares } = step as {
      type?: string;
      candidates?: { personId: string }[];
      tally?: { candidates?: { personId: string }[] } | string;
      nominees?: { personId: string }[];
      shares?: Record<string, unknown>;
    };
    return [
      ...(type === 'CandidatesRegistered' ? (candidates ?? []).map((c) => c.personId) : []),
      ...(typeof tally === 'object' ? (tally.candidates ?? []).map((c) => c.personId) : []),
      ...(Array.isArray(nominees) ? nominees.map((n) => n.personId) : []),
      ...Object.keys(shares ?? {}),
    ];
  });
