/**
 * A board member's scores as typed, one per member present. Vietnamese writes a decimal with a
 * comma (80,5), so a comma between two digits with no space is a decimal mark; the scores are
 * separated by semicolons, spaces, or a comma and a space ("80,5; 82" or "80,5, 82"). A run of
 * bare commas ("80,82,78") reads as three scores, as it always did. Pure.
 */
export function parseScoreList(text: string): number[] {
  return text
    .split(/;|\s+|,\s+/)
    .map((token) => token.replace(/,$/, ''))
    .filter(Boolean)
    .flatMap((token) =>
      /^\d+,\d+$/.test(token) ? [Number(token.replace(',', '.'))] : token.split(',').map(Number),
    );
}

/** What the typed list cannot be read as: the first token that is not a number, or null. */
export function unreadableScore(text: string): string | null {
  const tokens = text.split(/;|\s+|,\s+/).filter(Boolean);
  return tokens.find((token) => parseScoreList(token).some((score) => Number.isNaN(score))) ?? null;
}
