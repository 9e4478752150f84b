import { Pool } from 'pg';
import {
  CaseListRow,
  CaseListWait,
  ExpectedState,
  GIVE_UP_MS,
  hasReached,
  neverShown,
} from './read-model-lag';

interface Waiter {
  expected: ExpectedState;
  deadline: number;
  resolve: (shownAt: number) => void;
  reject: (error: unknown) => void;
}

/** Time between two reads while any case is watched: what a lag figure may be off by. */
const POLL_EVERY_MS = 5;

/** One read for every watched case; a named statement, so PostgreSQL plans it once. */
const READ_WATCHED = {
  name: 'bench_watched_case_summaries',
  text: 'SELECT case_id, status, current_step_id FROM case_summaries WHERE case_id = ANY($1::text[])',
};

/**
 * `sql` (the default): the `case_summaries` rows the case list's route reads, from the bench's
 * own connection, every watched case in one statement every 5 ms. The same commit makes a row
 * visible to both; the service does none of the polling. Until the twenty-fourth session each
 * watched case was polled alone, backing off from 5 to 100 ms: 10.4 statements a case at 32
 * clients, each parsed and planned, on the two cores the service runs on, and a lag read late by
 * up to the pause then reached (bench/README.md, twenty-fourth session).
 */
export class CaseSummariesPoller {
  private readonly waiting = new Map<string, Waiter[]>();
  private polling = false;

  constructor(private readonly pool: Pool) {}

  readonly waitFor: CaseListWait = (_personId, caseId, expected) =>
    new Promise<number>((resolve, reject) => {
      const waiters = this.waiting.get(caseId) ?? [];
      waiters.push({ expected, deadline: performance.now() + GIVE_UP_MS, resolve, reject });
      this.waiting.set(caseId, waiters);
      if (!this.polling) void this.pollWhileWatched();
    });

  private async pollWhileWatched(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiting.size > 0) {
        const started = performance.now();
        const { rows } = await this.pool.query<{
          case_id: string;
          status: string;
          current_step_id: string | null;
        }>({ ...READ_WATCHED, values: [[...this.waiting.keys()]] });
        const seenAt = performance.now();
        const seen = new Map<string, CaseListRow>(
          rows.map((row) => [
            row.case_id,
            { status: row.status, currentStep: row.current_step_id },
          ]),
        );
        for (const [caseId, waiters] of this.waiting) this.settle(caseId, waiters, seen, seenAt);
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(0, POLL_EVERY_MS - (seenAt - started))),
        );
      }
    } catch (error) {
      for (const waiters of this.waiting.values())
        for (const waiter of waiters) waiter.reject(error);
      this.waiting.clear();
    } finally {
      this.polling = false;
    }
  }

  private settle(
    caseId: string,
    waiters: Waiter[],
    seen: Map<string, CaseListRow>,
    seenAt: number,
  ): void {
    const row = seen.get(caseId);
    const left = waiters.filter((waiter) => {
      if (hasReached(row, waiter.expected)) waiter.resolve(seenAt);
      else if (seenAt > waiter.deadline)
        waiter.reject(neverShown(caseId, waiter.expected, row ?? 'no row'));
      else return true;
      return false;
    });
    if (left.length === 0) this.waiting.delete(caseId);
    else this.waiting.set(caseId, left);
  }
}
