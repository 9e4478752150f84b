import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { reasonInVietnamese, ReasonVocabulary } from './reason-in-vietnamese';
import { useCatalog, useOrgUnitNames } from '../api/hooks';
import { ruleParameterGround, ruleSetTitle } from '../pinned-rules';
import { namesAndDaysInText } from './ids-in-vietnamese-text';

/** The names a page already has for the ids a reason may carry (a case view's `names`). */
export interface KnownNames {
  people?: Record<string, string>;
  positions?: Record<string, string>;
  orgUnits?: Record<string, string>;
  /** The case's steps by their titles in the reader's language. */
  steps?: Record<string, string>;
}

/**
 * A reason the server wrote, in the reader's language: in Vietnamese with the page's names for
 * its ids when a template reads it whole, otherwise (or in English) as the server wrote it.
 */
export function useReasonText(names?: KnownNames): (text: string) => string {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  // Rule sets by their titles and parameters by their instruments (the catalog is read once).
  const catalog = useCatalog().data;
  // A refusal names the caller's own grant by its id ("… in any unit your grant for ou-… covers"):
  // read by its name (before: «(ou-xa-doai-phuong)»); a unit outside the grant keeps its id.
  const unitNames = useOrgUnitNames().data;
  return useCallback(
    (text: string) => {
      if (english) return text;
      const words: ReasonVocabulary = {
        person: (id) => names?.people?.[id] ?? id,
        position: (id) => names?.positions?.[id] ?? id,
        form: (id) => t(`forms.${id}`, { defaultValue: id }),
        // A definition names its route as `re-appointment`; the procedure is `reappointment`.
        procedure: (id) => t(`procedure.${id.replace(/-/g, '')}`, { defaultValue: id }),
        personStatus: (id) => t(`personStatus.${id}`, { defaultValue: id.replace(/_/g, ' ') }),
        step: (id) => names?.steps?.[id] ?? id,
        orgUnit: (id) => names?.orgUnits?.[id] ?? unitNames?.[id] ?? id,
        role: (id) => t(`roles.${id}`, { defaultValue: id }),
        vettingItem: (id) => t(`vetting.${id}`, { defaultValue: id }),
        ruleSet: (id) => ruleSetTitle(catalog, id, t),
        ruleGround: (id, param) => ruleParameterGround(catalog, id, param),
      };
      const vietnamese = reasonInVietnamese(text, words);
      return vietnamese === null
        ? text
        : namesAndDaysInText(vietnamese, t, catalog?.ruleSets ?? []);
    },
    [english, names, t, catalog, unitNames],
  );
}

/** The names of the posts a page has listed (`usePositions`), for the reasons that name a post. */
export function usePositionNames(
  positions: { id: string; title: string }[] | undefined,
): KnownNames {
  return useMemo(
    () => ({ positions: Object.fromEntries((positions ?? []).map((p) => [p.id, p.title])) }),
    [positions],
  );
}
