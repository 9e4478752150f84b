import { useTranslation } from 'react-i18next';
import { formatDay } from '../dates';

/** How a flagged vetting item was resolved (VettingItemResolved): by whom, on what day, on what grounds. */
export interface VettingResolution {
  note?: string;
  resolvedBy?: string;
  /** The resolver's name when their token gave one (before: only the id, "staff-1", shown). */
  resolvedByName?: string;
  resolvedOn?: string;
}

/** The line after a flagged item that was resolved: « · đã giải quyết ngày … (name): note». */
export function VettingResolvedNote({
  resolved,
  testId,
}: {
  resolved: VettingResolution;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <span className="muted" data-testid={testId}>
      {' '}
      ·{' '}
      {t('case.vettingResolved', {
        note: resolved.note ?? '',
        by: resolved.resolvedByName ?? resolved.resolvedBy ?? '—',
        day: resolved.resolvedOn ? formatDay(resolved.resolvedOn) : '—',
      })}
    </span>
  );
}
