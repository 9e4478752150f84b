import { useTranslation } from 'react-i18next';
import { useCatalog } from './api/hooks';
import { Catalog } from './api/types';
import { formatDay } from './dates';
import { citationInVietnamese } from './server-text/legal-citation';

/** A case's pinned definition and rule set by the names a reader knows them by. */
export interface PinnedRuleNames {
  /** The procedure's title and version, e.g. "Kỷ luật đảng viên (v2)"; the id when unknown. */
  definition: string;
  /** "Các quy định có hiệu lực ngày 08/10/2025"; the id when unknown. */
  ruleSet: string;
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** The rule set `id` as a reader knows it: the rules in force on its day (its id when unknown). */
export function ruleSetTitle(catalog: Catalog | undefined, id: string, t: Translate): string {
  const ruleSet = catalog?.ruleSets.find((r) => r.id === id);
  return ruleSet ? t('case.ruleSetFrom', { date: formatDay(ruleSet.effectiveFrom) }) : id;
}

/**
 * The ground of parameter `param` of rule set `id` in Vietnamese (its instrument and article), or
 * null when the catalog does not know it or its citation reads in no Vietnamese template.
 */
export function ruleParameterGround(
  catalog: Catalog | undefined,
  id: string,
  param: string,
): string | null {
  const citation = catalog?.ruleSets.find((r) => r.id === id)?.params[param]?.citation;
  return citation ? citationInVietnamese(citation) : null;
}

/** The names of a case's definition (`<id>@<version>`) and rule set; ids stay for tooltips. */
export function usePinnedRuleNames(definitionKey: string, ruleSetId: string): PinnedRuleNames {
  const { t, i18n } = useTranslation();
  const catalog = useCatalog().data;
  const pinned = catalog?.definitions.find((d) => d.key === definitionKey);
  return {
    definition: pinned
      ? `${i18n.language === 'en' ? pinned.title : pinned.titleVi} (v${pinned.version})`
      : definitionKey,
    ruleSet: ruleSetTitle(catalog, ruleSetId, t),
  };
}
