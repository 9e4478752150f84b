import { useTranslation } from 'react-i18next';
import { useCatalog } from './api/hooks';
import { vietnamToday } from './dates';
import { citationInVietnamese } from './server-text/legal-citation';
import { RuleSet, ruleSetInForce } from '../../src/workflow/rule-sets/rule-set';
import { plannableTerms, PlannableTermsRule } from '../../src/cadres/planning/planning-term';

/**
 * The planning terms the server takes today (`planning.plannableTerms` of the State track's rule
 * set in force, judged by the server's own function), with the ground the form names; undefined
 * until the catalog has arrived. Before, the term was typed freely and 2051-2056 went through.
 */
export function useOpenPlanningTerms(): { terms: string[]; ground: string } | undefined {
  const { i18n } = useTranslation();
  const catalog = useCatalog().data;
  if (!catalog) return undefined;
  // The catalog sends the composed sets whole (track and dates included).
  const ruleSet = ruleSetInForce(catalog.ruleSets as RuleSet[], vietnamToday(), 'state');
  const rule = ruleSet?.params['planning.plannableTerms'];
  const span = ruleSet?.params['planning.termYears'];
  if (!rule || !span) return undefined;
  return {
    terms: plannableTerms(rule.value as PlannableTermsRule, span.value as number, vietnamToday()),
    ground: i18n.language === 'en' ? rule.citation : (citationInVietnamese(rule.citation) ?? ''),
  };
}
