import { useTranslation } from 'react-i18next';
import { describedBy } from './common';
import { VettingResolvedNote, VettingResolution } from './VettingResolvedNote';

/**
 * The items the server fills from the person's record (vetting-from-record.ts): the form shows
 * them as read, with no choice, and never sends them (the server refuses one entered by hand as
 * vetting.item_from_record).
 */
export const RECORD_ITEMS = [
  'planning_pool',
  'years_in_post',
  'years_to_retirement',
  'discipline_bar',
  'term_rating',
];

/** An item an earlier part of the vetting recorded (the case view's `vetting`), resolved or not. */
export interface RecordedVettingItem {
  result: string;
  note?: string;
  resolved?: VettingResolution | boolean;
}

/** The step's vetting items: a result and a note for each item the officer enters. */
export function VettingItems({
  items,
  recorded,
  values,
  set,
  slot,
  recordFindings,
  reasonText,
}: {
  items: readonly string[];
  /**
   * The items entered by an earlier part of this vetting: shown as recorded, with no choice, and
   * never sent again (before: the form started from them and sent them back, which replaced a
   * flagged item's resolution). A correction of the step changes them.
   */
  recorded: Readonly<Record<string, RecordedVettingItem>>;
  values: Record<string, string>;
  set(name: string): (value: string) => void;
  /** The refusal shown on a field, registering it as one the form can show an error on. */
  slot(name: string): string | null;
  recordFindings?: { rule: string; reason: string }[] | null;
  reasonText(text: string): string;
}) {
  const { t } = useTranslation();
  const error = (id: string, message: string | null) =>
    message && (
      <div className="field-error" id={`${id}-error`} role="alert">
        {message}
      </div>
    );
  return (
    <fieldset>
      <legend>{t('form.vettingItem')}</legend>
      <table className="grid">
        <tbody>
          {items.map((item) => {
            if (RECORD_ITEMS.includes(item)) {
              const finding = recordFindings?.find((f) => ruleItem(f.rule) === item);
              return (
                <tr key={item} data-testid={`vetting-item-${item}`}>
                  <th scope="row">{t(`vetting.${item}`)}</th>
                  <td colSpan={2}>
                    <span className="hint">{t('form.readFromRecord')}</span>
                    {recordFindings && (
                      <div className="hint">
                        {t('form.fromRecord', {
                          result: finding ? t('form.flagged') : t('form.cleared'),
                          // "Đạt" alone, without a dangling dash, when the record raised nothing.
                          note: finding ? ` — ${reasonText(finding.reason)}` : '',
                        })}
                      </div>
                    )}
                  </td>
                </tr>
              );
            }
            const entry = recorded[item];
            if (entry)
              return <RecordedRow key={item} item={item} entry={entry} reasonText={reasonText} />;
            const resultId = `f-item-${item}`;
            const noteId = `f-itemNote-${item}`;
            const resultError = slot(`item.${item}`);
            const noteError = slot(`itemNote.${item}`);
            // A flagged item needs its note (the server refuses one without: field.required):
            // marked required as soon as the result is «Có vấn đề», before any submit.
            const noteRequired = values[`item.${item}`] === 'flagged';
            return (
              <tr key={item} data-testid={`vetting-item-${item}`}>
                <th scope="row">{t(`vetting.${item}`)}</th>
                <td>
                  <label className="sr-only" htmlFor={resultId}>
                    {t('form.vettingResult', { item: t(`vetting.${item}`) })}
                  </label>
                  <select
                    id={resultId}
                    value={values[`item.${item}`] ?? ''}
                    onChange={(e) => set(`item.${item}`)(e.target.value)}
                    aria-invalid={resultError ? true : undefined}
                    aria-describedby={describedBy(resultId, false, Boolean(resultError))}
                  >
                    {/* No answer until the officer gives one: a criterion left unchosen is not
                        sent as "Đạt" (before: every select started on it). */}
                    <option value="">{t('form.chooseResult')}</option>
                    <option value="cleared">{t('form.cleared')}</option>
                    <option value="flagged">{t('form.flagged')}</option>
                  </select>
                  {error(resultId, resultError)}
                </td>
                <td>
                  <label className="sr-only" htmlFor={noteId}>
                    {t('form.vettingNote', { item: t(`vetting.${item}`) })}
                  </label>
                  <input
                    id={noteId}
                    value={values[`itemNote.${item}`] ?? ''}
                    onChange={(e) => set(`itemNote.${item}`)(e.target.value)}
                    placeholder={noteRequired ? t('form.vettingNoteRequired') : undefined}
                    aria-required={noteRequired || undefined}
                    aria-invalid={noteError ? true : undefined}
                    aria-describedby={describedBy(noteId, false, Boolean(noteError))}
                  />
                  {noteRequired && (
                    <span
                      className="required-mark"
                      aria-hidden="true"
                      data-testid={`vetting-note-required-${item}`}
                    >
                      *
                    </span>
                  )}
                  {error(noteId, noteError)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

function RecordedRow({
  item,
  entry,
  reasonText,
}: {
  item: string;
  entry: RecordedVettingItem;
  reasonText(text: string): string;
}) {
  const { t } = useTranslation();
  const flagged = entry.result === 'flagged';
  const resolved = typeof entry.resolved === 'object' ? entry.resolved : null;
  return (
    <tr data-testid={`vetting-item-${item}`} data-recorded={entry.result}>
      <th scope="row">{t(`vetting.${item}`)}</th>
      <td colSpan={2}>
        <span className="hint">{t('form.vettingRecorded')}</span>{' '}
        <span className={flagged ? 'badge danger' : undefined}>
          {t(flagged ? 'form.flagged' : 'form.cleared')}
        </span>
        {entry.note ? <span className="muted"> — {reasonText(entry.note)}</span> : null}
        {resolved && <VettingResolvedNote resolved={resolved} />}
      </td>
    </tr>
  );
}

/**
 * The form's key for a refusal of `items[N].<field>` (`items.N.note` once the form's dots replace
 * the brackets): the item sent at N, whose row shows it.
 */
export function vettingErrorSlot(
  field: string,
  sent: readonly { item: string }[] | undefined,
): string | undefined {
  const m = /^items\.(\d+)\.(\w+)$/.exec(field);
  const item = m && sent?.[Number(m[1])]?.item;
  if (!m || !item) return undefined;
  return m[2] === 'note' ? `itemNote.${item}` : `item.${item}`;
}

/**
 * The vetting item an eligibility reason is about: what the server's vetting reads off the record
 * (vetting-from-record.ts). Too few years left before retirement for a higher post is eligibility's
 * `age.over_limit` (before: not matched, so the form said "Đạt" where vetting then flagged it); a
 * status holding an appointment back (`status.*`) is flagged under discipline_bar.
 */
function ruleItem(rule: string): string | null {
  if (rule.startsWith('discipline.') || rule.startsWith('status.')) return 'discipline_bar';
  if (rule.startsWith('planning_pool')) return 'planning_pool';
  if (rule === 'age.over_limit' || rule.includes('retirement')) return 'years_to_retirement';
  if (rule.includes('years_in_post')) return 'years_in_post';
  // Rated below the least, or a year of the term with no rating (eligibility.ts, postHeld).
  if (rule === 'reappointment.term_rated_below' || rule === 'reappointment.term_year_unrated')
    return 'term_rating';
  return null;
}
