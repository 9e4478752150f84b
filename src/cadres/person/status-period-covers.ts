/** Whether a status period (its `until` the last day it held; null: still running) covers the day. */
export function statusPeriodCovers(
  period: { from: string; until: string | null },
  day: string,
): boolean {
  return period.from <= day && (period.until === null || period.until >= day);
}
