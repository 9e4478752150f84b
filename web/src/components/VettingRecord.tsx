import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { VettingResolvedNote, VettingResolution } from './VettingResolvedNote';

/** One item of a recorded vetting step (VettingItemsRecorded's `items`). */
interface RecordedItem {
  item: string;
  result: 'cleared' | 'flagged';
  note?: string;
  source?: 'staff' | 'record';
}

/** Where an item stands now (the case view's `vetting`): a flagged one may have been resolved since. */
type VettingNow = Record<string, unknown>;

/**
 * The item as the case holds it now, where the person's record changed it after this step (a
 * discipline decided meanwhile flagged it; read again, it was cleared): before, the line kept the
 * step's «đạt» beside a flag that held the decision back, with no way to act on it.
 */
function currentOf(now: VettingNow | undefined, entry: RecordedItem): RecordedItem | null {
  const current = now?.[entry.item] as RecordedItem | undefined;
  if (!current || current.source !== 'record' || entry.source !== 'record') return null;
  return current.result !== entry.result || current.note !== entry.note ? current : null;
}

function resolutionOf(now: VettingNow | undefined, item: string): VettingResolution | null {
  const entry = now?.[item] as { resolved?: VettingResolution } | undefined;
  return entry?.resolved ?? null;
}

/**
 * A recorded vetting step's results: each item's verdict and note, those read from the person's
 * record said so, flagged ones marked (and whether resolved since). Before, the step's line showed
 * its day and minutes only, so staff never learned the record had flagged, say, the years in post.
 */
export function VettingRecord({
  record,
  now,
  reasonText,
  resolveAction,
}: {
  record: Record<string, unknown>;
  now?: VettingNow;
  reasonText(text: string): string;
  /** «Giải quyết» on a flagged item still open, where the reader may resolve it (else nothing). */
  resolveAction?: (item: string) => ReactNode;
}) {
  const { t } = useTranslation();
  if (record.type !== 'VettingItemsRecorded' || !Array.isArray(record.items)) return null;
  const items = record.items as RecordedItem[];
  if (!items.length) return null;
  return (
    <ul
      className="vetting-results"
      aria-label={t('case.vettingResults')}
      data-testid="vetting-results"
    >
      {items.map((recorded) => {
        const changed = currentOf(now, recorded);
        const entry = changed ?? recorded;
        const flagged = entry.result === 'flagged';
        const resolved = flagged ? resolutionOf(now, entry.item) : null;
        return (
          <li key={entry.item} data-item={entry.item} data-result={entry.result}>
            {t(`vetting.${entry.item}`, { defaultValue: entry.item })}:{' '}
            <span className={flagged ? 'badge danger' : undefined}>
              {t(flagged ? 'form.flagged' : 'form.cleared')}
            </span>
            {entry.source === 'record' && (
              <span className="muted"> ({t('case.vettingFromRecord')})</span>
            )}
            {changed && <span className="muted"> ({t('case.vettingChangedFromRecord')})</span>}
            {entry.note ? <span className="muted"> — {reasonText(entry.note)}</span> : null}
            {resolved && <VettingResolvedNote resolved={resolved} testId="vetting-resolved" />}
            {flagged && !resolved && resolveAction?.(entry.item)}
          </li>
        );
      })}
    </ul>
  );
}
