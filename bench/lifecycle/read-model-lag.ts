import { APPOINTMENT_STEPS } from './appointment-lifecycle';
import { percentile, round1, TimedHttp } from './timed-http';

interface CaseListPage {
  items: { caseId: string; status: string; currentStep: { id: string } | null }[];
}

/** First pause between polls; it doubles up to POLL_MAX_MS, so a long lag is not hammered. */
const POLL_MS = 5;
const POLL_MAX_MS = 100;

/** How far a case has got: its step's place in the procedure, or past the end once decided. */
function progress(row: { status: string; currentStep: { id: string } | string | null }): number {
  if (row.status === 'decided') return APPOINTMENT_STEPS.length;
  const id = typeof row.currentStep === 'string' ? row.currentStep : row.currentStep?.id;
  return APPOINTMENT_STEPS.findIndex((step) => step.id === id);
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

  constructor(
    private readonly http: TimedHttp,
    private readonly token: string,
  ) {}

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
      const page = await this.http.peek<CaseListPage>(
        `/cases?person=${personId}&limit=5`,
        this.token,
      );
      const row = page.items.find((item) => item.caseId === caseId);
      seen = row ?? page;
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
