import { Clock } from '../../../src/common/clock';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start: Date | string = '2026-03-02T01:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  set(date: Date | string): void {
    this.current = new Date(date);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
