/** Vietnam's offset from UTC: +7 hours all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar day in Vietnam (UTC+7, no daylight saving) at an instant: what "today" means to staff. */
export function vietnamDay(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a day YYYY-MM-DD in Vietnam: "as of 1 December" includes all of 1 December. */
export function endOfVietnamDay(day: string): Date {
  return new Date(Date.parse(`${day}T23:59:59.999Z`) - VIETNAM_OFFSET_MS);
}
