import { Clock } from '../../src/common/clock';

/**
 * The service's clock, set back to a past day while a test records what happened then (a
 * discipline case opened and decided long ago: no step may be dated before its opening), then
 * running with the system's again. Tokens are still judged by the system's time.
 */
export function movableClock(): Clock & { setDay(day: string): void; reset(): void } {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    /** Midday of `day` in Vietnam (UTC+7), moving on from there. */
    setDay(day: string) {
      offsetMs = Date.parse(`${day}T12:00:00+07:00`) - Date.now();
    },
    reset() {
      offsetMs = 0;
    },
  };
}
