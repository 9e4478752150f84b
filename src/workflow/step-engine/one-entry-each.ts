import { refuse } from './refuse';

/** How a step names the people its body must list once each (a ballot's nominees, an exam's candidates). */
export interface OneEntryEachNames {
  /** The body's list (`tallies`, `scores`). */
  field: string;
  /** The rules refused by: one named who is not expected or twice, one expected and missing. */
  rules: { unexpected: string; missing: string };
  /** "a nominee of this ballot" */
  expected: string;
  /** "nominees": how the refusal heads the list of those expected. */
  listedAs: string;
  /** "every nominee needs a tally" */
  each: string;
}

/**
 * The body lists each expected person once and nobody else; the refusal names the entry's path
 * (`tallies[1].personId`) or the list.
 */
export function refuseUnlessOneEntryEach(
  named: string[],
  expected: string[],
  names: OneEntryEachNames,
): void {
  named.forEach((id, index) => {
    if (!expected.includes(id) || named.indexOf(id) !== index)
      refuse(
        names.rules.unexpected,
        `${names.field}[${index}].personId: ${id} is not ${names.expected} or is listed twice (${names.listedAs}: ${expected.join(', ')})`,
        'invalid',
        `${names.field}[${index}].personId`,
      );
  });
  const missing = expected.filter((id) => !named.includes(id));
  if (missing.length)
    refuse(
      names.rules.missing,
      `${names.field}: ${names.each}; missing ${missing.join(', ')}`,
      'invalid',
      names.field,
    );
}
