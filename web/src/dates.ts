/** Dates as Vietnamese users read them: dd/mm/yyyy, times in Vietnam (Asia/Ho_Chi_Minh, UTC+7, no DST). */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** `2026-12-01` → `01/12/2026`. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** An instant as `dd/mm/yyyy HH:mm:ss` in Vietnam. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTime.format(date).replace(',', '');
}

/** `01/12/2026` → `2026-12-01`, or null when it is not a real day. */
export function parseDay(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/**
 * A day typed as dd/mm/yyyy that the calendar has not (31/11/2026, 29/02/2027), as typed with
 * its day and month two digits; null for a real day or text not of that form.
 */
export function impossibleDay(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m || parseDay(text) !== null) return null;
  return `${m[1].padStart(2, '0')}/${m[2].padStart(2, '0')}/${m[3]}`;
}

/** Text typed into a day field that is not a day (31/02/2026): named on its field, never dropped. */
export function typedButNotADay(text: string): boolean {
  return text.trim() !== '' && parseDay(text) === null;
}

/**
 * A moment typed `dd/mm/yyyy HH:mm[:ss]` in Vietnam: `iso`, the ISO time as precisely as it was
 * typed (an `asOf` the server reads as that whole second or minute), and `lastMs`, the last
 * millisecond of it: every event the history shows within the typed second counts.
 */
export interface TypedMoment {
  iso: string;
  lastMs: number;
}

/**
 * A moment as the address keeps it (an ISO time to the minute, the second or a fraction of it)
 * and the last millisecond it lasts to, as the server reads an `asOf`; null if it is no time.
 */
export function momentInAddress(text: string): TypedMoment | null {
  const at = Date.parse(text);
  const written = /T\d{2}:\d{2}(?::\d{2}(?:\.(\d{1,9}))?)?/.exec(text);
  if (Number.isNaN(at) || !written) return null;
  const fraction = written[1];
  const span =
    written[0].length <= 6
      ? 60_000
      : fraction === undefined
        ? 1000
        : Math.max(1, 10 ** (3 - fraction.length));
  return { iso: text, lastMs: at + span - 1 };
}

/** `dd/mm/yyyy HH:mm[:ss]` in Vietnam → the moment it names, or null. */
export function parseDateTime(text: string): TypedMoment | null {
  const m = /^\s*(\d{1,2}\/\d{1,2}\/\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const day = parseDay(m[1]);
  if (!day || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return null;
  const time = `${m[2].padStart(2, '0')}:${m[3]}${m[4] === undefined ? '' : `:${m[4]}`}`;
  const iso = `${day}T${time}+07:00`;
  return { iso, lastMs: Date.parse(iso) + (m[4] === undefined ? 60_000 : 1000) - 1 };
}

/** Today in Vietnam, `YYYY-MM-DD`. */
export function vietnamToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A decision's reference as the record keeps it ("120-QĐ/TU (2026-12-06)") with its date as
 * dd/mm/yyyy, the one way every screen shows a decision number (CSV exports keep the record's ISO
 * date: they are data).
 */
export function formatDecisionRef(ref: string | null | undefined): string {
  return ref ? withDaysFormatted(ref) : '—';
}

/**
 * A decision number written inside brackets: its day after a comma, not in a bracket of its own
 * ("Khiển trách (15/QĐ-UBND, 07/12/2026)", before "Khiển trách (15/QĐ-UBND (07/12/2026))").
 */
export function decisionRefInBrackets(ref: string): string {
  return withDaysFormatted(ref.replace(/ \((\d{4}-\d{2}-\d{2})\)$/, ', $1'));
}

/** Days written into a text as `YYYY-MM-DD` (a decision's "150-QĐ/TU (2026-12-06)") as dd/mm/yyyy. */
export function withDaysFormatted(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (day) => formatDay(day));
}
