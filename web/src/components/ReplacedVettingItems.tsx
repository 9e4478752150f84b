import { useTranslation } from 'react-i18next';

/** One item of a replaced vetting version (VettingItemsRecorded's `items`). */
interface ReplacedItem {
  item: string;
  result: 'cleared' | 'flagged';
  note?: string;
  source?: 'staff' | 'record';
}

/**
 * The items of a vetting version a correction replaced, as the step's own results read: each
 * item's verdict, «theo hồ sơ» where read from the person's record, and its note. Before, a
 * corrected vetting's «Bản trước khi sửa:» ended at its label: the line knew only an outcome, a
 * tally and minutes, none of which a vetting has.
 */
export function ReplacedVettingItems({
  replaced,
  reasonText,
}: {
  replaced: Record<string, unknown>;
  /** A note the server wrote (an item read from the record), in the reader's language. */
  reasonText(text: string): string;
}) {
  const { t } = useTranslation();
  if (!Array.isArray(replaced.items) || !replaced.items.length) return null;
  return (
    <ul className="vetting-results" data-testid="replaced-vetting-items">
      {(replaced.items as ReplacedItem[]).map((entry) => (
        <li key={entry.item} data-item={entry.item} data-result={entry.result}>
          {t(`vetting.${entry.item}`, { defaultValue: entry.item })}:{' '}
          {t(entry.result === 'flagged' ? 'form.flagged' : 'form.cleared')}
          {entry.source === 'record' && ` (${t('case.vettingFromRecord')})`}
          {entry.note ? ` — ${reasonText(entry.note)}` : null}
        </li>
      ))}
    </ul>
  );
}
