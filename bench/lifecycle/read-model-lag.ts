import { APPOINTMENT_STEPS } from './appointment-lifecycle';
import { percentile, round1, TimedHttp } from './timed-http';

interface CaseListPage {
  items: { caseId: string; status: string; currentStep: { id: string } | null }[];
}

/** What the case list should show of a case after a write: its next step, or `decided`. */
export interface ExpectedState {
  step: string | null;
  status: string;
}

/** A case's row as the case list shows it. */
export interface CaseListRow {
  status: string;
  currentStep: string | null;
}

/**
 * Waits until the case list shows a case at or past `expected`; resolves with the moment
 * (`performance.now()`) it was seen, rejects if it never is.
 */
export type CaseListWait = (
  personId: string,
  caseId: string,
  expected: ExpectedState,
) => Promise<number>;

/** How far a case has got: its step's place in the procedure, or past the end once decided. */
function progress(row: CaseListRow): number {
  if (row.status === 'decided') return APPOINTMENT_STEPS.length;
  return APPOINTMENT_STEPS.findIndex((step) => step.id === row.currentStep);
}

/** At or past the expected step: the client may already have written the next one. */
export const hasReached = (row: CaseListRow | undefined, expected: ExpectedState): boolean =>
  row !== undefined &&
  progress(row) >= progress({ status: expected.status, currentStep: expected.step });

/** How long a watched case may take to show its state before the run fails. */
export const GIVE_UP_MS = 120_000;

export const neverShown = (caseId: string, expected: ExpectedState, seen: unknown): Error =>
  new Error(
    `case ${caseId} never showed ${JSON.stringify(expected)} in the case list; last seen: ${JSON.stringify(seen)}`,
  );

/** First pause between polls; it doubles up to POLL_MAX_MS, so a long lag is not hammered. */
const POLL_MS = 5;
const POLL_MAX_MS = 100;

/**
 * `http` (BENCH_LAG_VIA=http, every figure before 2026-12-04): each watched case polled on its
 * own with a `GET /cases` through the service, every 5 ms at first and backing off to 100 ms. At
 * 5 ms polls that was about 4.8 requests a case, a fifth of the service's CPU in the run it
 * measured (bench/README.md, seventeenth session).
 */
export function caseListOverHttp(http: TimedHttp, token: string): CaseListWait {
  return async (personId, caseId, expected) => {
    const deadline = performance.now() + GIVE_UP_MS;
    let seen: unknown = null;
    let pause = POLL_MS;
    while (performance.now() < deadline) {
      const page = await http.peek<CaseListPage>(`/cases?person=${personId}&limit=5`, token);
      const item = page.items.find((candidate) => candidate.caseId === caseId);
      seen = item ?? page;
      const row = item && { status: item.status, currentStep: item.currentStep?.id ?? null };
      if (hasReached(row, expected)) return performance.now();
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(POLL_MAX_MS, pause * 2);
    }
    throw neverShown(caseId, expected, seen);
  };
}

/**
 * How long after a write's answer the case list (the `case_summaries` projection, which also
 * writes the inbox's rows in the same transaction) shows it, for sampled cases.
 */
export class ReadModelLag {
  readonly samples: number[] = [];
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(private readonly waitFor: CaseListWait) {}

  /** Starts watching without waiting: the client goes on with its next write. */
  watch(personId: string, caseId: string, expected: ExpectedState): void {
    const answeredAt = performance.now();
    const watching = this.waitFor(personId, caseId, expected).then(
      (shownAt) => void this.samples.push(shownAt - answeredAt),
      (error: unknown) => void (this.failure ??= error),
    );
    this.pending.add(watching);
    void watching.finally(() => this.pending.delete(watching));
  }

  /** Milliseconds from now until the case list shows the expected state. */
  async measure(personId: string, caseId: string, expected: ExpectedState): Promise<number> {
    const started = performance.now();
    return (await this.waitFor(personId, caseId, expected)) - started;
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
}
