import { RunnerFailingHere } from '../health/stall-message';

/**
 * The failures of this instance's job worker, kept per job kind (`timer.fire`, `saga.replay`) since
 * a job of that kind last succeeded, and the worker's own (its Redis connection), which holds up
 * every kind. `/health` names each kind's failure under that kind: before, one failure for the
 * whole worker, read as the timer worker's even when a saga replay job failed.
 */
export class JobFailures {
  private readonly byKind = new Map<string, RunnerFailingHere>();
  private ofWorker: RunnerFailingHere | null = null;

  /** A job of this kind threw. */
  jobFailed(jobName: string, error: unknown): void {
    this.byKind.set(jobName, next(this.byKind.get(jobName) ?? null, error));
  }

  /** The worker itself erred (Redis away): no kind's jobs are taken while it does. */
  workerFailed(error: unknown): void {
    this.ofWorker = next(this.ofWorker, error);
  }

  /** A job of this kind succeeded: that kind, and the worker's connection, work again. */
  succeeded(jobName: string): void {
    this.byKind.delete(jobName);
    this.ofWorker = null;
  }

  /** This kind's own failure, or else the worker's, which holds it up too. */
  of(jobName: string): RunnerFailingHere | null {
    return this.byKind.get(jobName) ?? this.ofWorker;
  }

  /** Each kind failing by its name, the worker's own failure as `worker`. */
  list(): { name: string; failure: RunnerFailingHere }[] {
    const kinds = [...this.byKind].map(([name, failure]) => ({ name, failure }));
    return this.ofWorker ? [{ name: 'worker', failure: this.ofWorker }, ...kinds] : kinds;
  }
}

function next(previous: RunnerFailingHere | null, error: unknown): RunnerFailingHere {
  const message = error instanceof Error ? error.message : String(error);
  return {
    message,
    since: previous?.since ?? new Date(),
    attempts: (previous?.attempts ?? 0) + 1,
  };
}
