import { Pool } from 'pg';
import { APPOINTMENT_STEPS } from './appointment-lifecycle';
import { percentile, round1, TimedHttp } from './timed-http';

interface CaseListPage {
  items: { caseId: string; status: string; currentStep: { id: string } | null }[];
}

/** A case as the case list shows it now, or what was seen instead (for the error). */
type CaseListLook = (
  personId: string,
  caseId: string,
) => Promise<{ row?: { status: string; currentStep: string | null }; seen: unknown }>;

/**
 * `http` (BENCH_LAG_VIA=http, every figure before 2026-12-04): each poll a `GET /cases` through
 * the service. At 5 ms polls that was about 4.8 requests a case, a fifth of the service's CPU in
 * the run it measured (bench/README.md, seventeenth session).
 */
export function caseListOverHttp(http: TimedHttp, token: string): CaseListLook {
  return async (personId, caseId) => {
    const page = await http.peek<CaseListPage>(`/cases?person=${personId}&limit=5`, token);
    const item = page.items.find((candidate) => candidate.caseId === caseId);
    const row = item && { status: item.status, currentStep: item.currentStep?.id ?? null };
    return { row, seen: item ?? page };
  };
}

/**
 * `sql` (the default): the `case_summaries` row the case list's route reads, from the bench's own
 * connections. The same commit makes it visible to both; the service does none of the polling.
 */
export function caseListInDatabase(pool: Pool): CaseListLook {
  return async (_personId, caseId) => {
    const { rows } = await pool.query<{ status: string; current_step_id: string | null }>(
      'SELECT status, current_step_id FROM case_summaries WHERE case_id = $1',
      [caseId],
    );
    const row = rows[0] && { status: rows[0].status, currentStep: rows[0].current_step_id };
    return { row, seen: rows[0] ?? 'no row' };
  };
}

/** First pause between polls; it doubles up to POLL_MAX_MS, so a long lag is not hammered. */
const POLL_MS = 5;
const POLL_MAX_MS = 100;

/** How far a case has got: its step's place in the procedure, or past the end once decided. */
function progress(row: { status: string; currentStep: string | null }): number {
  if (row.status === 'decided') return APPOINTMENT_STEPS.length;
  return APPOINTMENT_STEPS.findIndex((step) => step.id === row.currentStep);
}
const GIVE_UP_MS = 120_000;

/**
 * How long after a write's answer the case list (the `case_summaries` projection, which also
 * writes the inbox's rows in the same transaction) shows it: polled every 5 ms at first (backing off to 100 ms) for sampled cases.
 */
export class ReadModelLag {
  readonly samples: number[] = [];
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(private readonly look: CaseListLook) {}

  /** Starts watching without waiting: the client goes on with its next write. */
  watch(personId: string, caseId: string, expected: { step: string | null; status: string }): void {
    const answeredAt = performance.now();
    const watching = this.until(personId, caseId, expected).then(
      (shownAt) => void this.samples.push(shownAt - answeredAt),
      (error: unknown) => void (this.failure ??= error),
    );
    this.pending.add(watching);
    void watching.finally(() => this.pending.delete(watching));
  }

  /** Milliseconds from now until the case list shows the expected state. */
  async measure(
    personId: string,
    caseId: string,
    expected: { step: string | null; status: string },
  ): Promise<number> {
    const started = performance.now();
    return (await this.until(personId, caseId, expected)) - started;
  }

  /** Resolves when every watch has ended; rejects with the first that never saw its state. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
    if (this.failure) throw this.failure;
  }

  summary(): { samples: number; p50: number; p95: number; p99: number; max: number } {
    return {
      samples: this.samples.length,
      p50: round1(percentile(this.samples, 50)),
      p95: round1(percentile(this.samples, 95)),
      p99: round1(percentile(this.samples, 99)),
      max: round1(Math.max(...this.samples)),
    };
  }

  private async until(
    personId: string,
    caseId: string,
    expected: { step: string | null; status: string },
  ): Promise<number> {
    const deadline = performance.now() + GIVE_UP_MS;
    let seen: unknown = null;
    let pause = POLL_MS;
    while (performance.now() < deadline) {
      const { row, seen: now } = await this.look(personId, caseId);
      seen = now;
      // At or past the expected step: the client may already have written the next one.
      if (row && progress(row) >= progress({ status: expected.status, currentStep: expected.step }))
        return performance.now();
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(POLL_MAX_MS, pause * 2);
    }
    throw new Error(
      `case ${caseId} never showed ${JSON.stringify(expected)} in the case list; last seen: ${JSON.stringify(seen)}`,
    );
  }
}
