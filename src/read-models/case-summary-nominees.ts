/**
 * Who stands for a case opened for a post after a step, as the case's own state keeps them
 * (case.evolve): a nomination's selection replaces them unless it was a reference tally; a
 * ballot keeps only the nominees who passed. Other steps leave them as they were.
 */
export function standingAfter(standing: string[], type: string, data: object): string[] {
  const step = data as { outcome?: string; selected?: string[]; passed?: string[] };
  if (type === 'NominationTallied')
    return step.outcome === 'reference' ? standing : (step.selected ?? standing);
  if (type === 'BallotTallied') return step.passed ?? standing;
  return standing;
}
