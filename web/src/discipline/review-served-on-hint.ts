import { TFunction } from 'i18next';
import { RuleSet } from '../api/types';
import { citationInVietnamese } from '../server-text/legal-citation';

/**
 * The hint under the complaint decision's announcement day: what the case's own rule set counts a
 * changed form's months of effect from (`discipline.effectMonthsFrom`, with its months from
 * `discipline.effectMonths` and its citation), as the server counts them. The Party's rule counts
 * from this announcement (Quy định 69-QĐ/TW art. 2(5)); the civil service's from the decision's
 * effect. A rule set that says neither adds nothing: before, every case read the Party's rule.
 */
export function reviewServedOnHint(
  ruleSet: RuleSet | undefined,
  forms: string[],
  t: TFunction,
  language: string,
): string {
  const base = t('discipline.complaints.reviewServedOnHint');
  const from = ruleSet?.params['discipline.effectMonthsFrom'];
  const counts = from?.value === 'served' || from?.value === 'effective' ? from.value : null;
  if (!from || !counts) return base;
  const byForm = (ruleSet?.params['discipline.effectMonths']?.value ?? {}) as Record<
    string,
    number
  >;
  const periods = [...new Set(forms.map((form) => byForm[form]).filter((m) => m !== undefined))];
  const months =
    periods.length === 1
      ? t('discipline.complaints.reviewMonths', { count: periods[0] })
      : t('discipline.complaints.reviewMonthsByForm');
  const ground =
    language === 'en' ? from.citation : (citationInVietnamese(from.citation) ?? from.citation);
  return `${base} ${t(`discipline.complaints.reviewServedOnCounts.${counts}`, { months, ground })}`;
}
