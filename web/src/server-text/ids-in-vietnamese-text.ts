import { TFunction } from 'i18next';
import { RuleSet } from '../api/types';
import { withDaysFormatted } from '../dates';
import { ruleSetName } from './rule-set-name';

const escaped = (id: string) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A Vietnamese sentence read back from the server's words still carrying what a reader should not
 * meet: a rule set's id ("Quá tuổi theo state-2025-10-08") is named by its title (rule-set-name.ts)
 * and an ISO day ("16-QĐ/UBKTTU (2026-12-05)") is written dd/mm/yyyy. Ids first: a rule set's id
 * holds a day.
 */
export function namesAndDaysInText(text: string, t: TFunction, ruleSets: RuleSet[]): string {
  const ids = ruleSets.map((set) => set.id).sort((a, b) => b.length - a.length);
  const named = ids.length
    ? text.replace(new RegExp(`(?<![\\w-])(${ids.map(escaped).join('|')})(?![\\w-])`, 'g'), (id) =>
        ruleSetName(
          t,
          id,
          ruleSets.find((set) => set.id === id),
        ),
      )
    : text;
  return withDaysFormatted(named);
}
