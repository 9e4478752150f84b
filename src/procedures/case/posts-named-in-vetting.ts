/**
 * The words of the vetting notes read off the record that may be a post's id ("not a higher post
 * (pos-… rank 1, holds rank 4)", "planning pool 2025-2030 for pos-… (112-QĐ/TU)"): the registry
 * keeps those that are, so the case's `names` let a screen show the post's title, not its id.
 */
export function postIdsInVetting(vetting: Record<string, unknown>): string[] {
  const words = Object.values(vetting).flatMap((entry) => {
    const note = (entry as { note?: unknown } | null)?.note;
    return typeof note === 'string' ? note.split(/\s+/) : [];
  });
  const ids = words
    .map((word) => word.replace(/^[(«"]+|[)»",;:.]+$/g, ''))
    .filter((word) => /^[\w-]+$/.test(word));
  return [...new Set(ids)];
}
