import { RuleSet } from './rule-set';

/** A composed rule set's title (compose-rule-sets.ts): `<Party|State> track from <day>: <instruments>`. */
const COMPOSED = /^(?:Party|State) track from \d{4}-\d{2}-\d{2}: (.+)$/;

/** `2025-10-08` → `08/10/2025`, as Vietnamese documents write a day. */
export const dayVi = (day: string): string => day.split('-').reverse().join('/');

/**
 * A rule set named for a Vietnamese reader, as the web app names it (web/src/server-text/
 * rule-set-name.ts): the day its rules took effect and, for a set composed from instruments,
 * those instruments; never its id.
 */
export function ruleSetNameVi(set: Pick<RuleSet, 'title' | 'effectiveFrom'>): string {
  const from = `Các quy định có hiệu lực ngày ${dayVi(set.effectiveFrom)}`;
  const instruments = COMPOSED.exec(set.title)?.[1];
  return instruments ? `${from}: ${instruments}` : from;
}
