/** The calendar day in Vietnam (UTC+7, no daylight saving) at an instant: what "today" means to staff. */
export function vietnamDay(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}
