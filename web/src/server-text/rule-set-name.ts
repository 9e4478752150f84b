import { TFunction } from 'i18next';
import { formatDay } from '../dates';
import { RuleSet } from '../api/types';

/**
 * A composed rule set's title as the server writes it (compose-rule-sets.ts):
 * `<Party|State> track from <day>: <instrument>; <instrument>…`, the instruments by their
 * Vietnamese short names (Quy định 377-QĐ/TW, Nghị định 170/2025).
 */
const COMPOSED = /^(?:Party|State) track from \d{4}-\d{2}-\d{2}: (.+)$/;

/**
 * A rule set named for a reader: the day its rules took effect and, for a set composed from
 * instruments, those instruments; the id (`state-2026-08-01`, `vn-2025`) only when the catalog
 * does not know it.
 */
export function ruleSetName(t: TFunction, id: string, set: RuleSet | undefined): string {
  if (!set) return id;
  const from = t('case.ruleSetFrom', { date: formatDay(set.effectiveFrom) });
  const instruments = COMPOSED.exec(set.title)?.[1];
  return instruments ? `${from}: ${instruments}` : from;
}
