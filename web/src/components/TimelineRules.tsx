import { useTranslation } from 'react-i18next';
import { useCatalog } from '../api/hooks';
import { ruleSetTitle } from '../pinned-rules';

/**
 * The definition and rule set a history line was decided under, by their titles in the catalog
 * (*Bổ nhiệm lại (v3) / Quy định áp dụng từ …*); their keys, what the event stores, follow as a
 * muted detail an auditor can quote (before: the line read the keys alone,
 * "reappointment.standard@3 / state-2025-10-08").
 */
export function TimelineRules({
  definitionKey,
  ruleSetId,
}: {
  definitionKey?: string | null;
  ruleSetId?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const catalog = useCatalog().data;
  if (!definitionKey && !ruleSetId) return <>—</>;
  const pinned = catalog?.definitions.find((d) => d.key === definitionKey);
  const definition = pinned
    ? `${i18n.language === 'en' ? pinned.title : pinned.titleVi} (v${pinned.version})`
    : (definitionKey ?? '—');
  const ruleSet = ruleSetId ? ruleSetTitle(catalog, ruleSetId, t) : '—';
  const keys = `${definitionKey ?? '—'} / ${ruleSetId ?? '—'}`;
  return (
    <>
      {definition} / {ruleSet}{' '}
      <small className="muted mono" data-testid="timeline-rule-keys">
        {keys}
      </small>
    </>
  );
}
