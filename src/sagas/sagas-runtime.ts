import { Pool } from 'pg';
import { Clock } from '../common/clock';
import { RecordedEvent } from '../event-store/event-envelope';
import { EventStore } from '../event-store/event-store.port';
import { JobNames } from '../jobs/job-queue';
import { JobProcessor } from '../jobs/job-worker';
import { JobsRuntime } from '../jobs/jobs-runtime';
import { assertValidSaga, Saga } from './saga';
import { SagaCheckpointBatch } from './saga-checkpoint-batch';
import { SagaOutputExecutor } from './saga-outputs';
import { WorkflowCommandBus } from './workflow-command';
import { SagaReplayJob, sagaDeadLetterKey, SagaRetryPolicy, SagaRunner } from './saga-runner';

export interface SagasRuntimeDeps {
  store: EventStore;
  pool: Pool;
  clock: Clock;
  jobs: JobsRuntime;
  /** Where `Send` outputs go: the service's `@nestjs/cqrs` CommandBus. */
  commands: WorkflowCommandBus;
  retry?: Partial<SagaRetryPolicy>;
  log?: (message: string) => void;
  afterEffects?: (saga: string, event: RecordedEvent) => void | Promise<void>;
}

/**
 * Every registered saga with its own runner, the command bus their `Send` outputs go through, and
 * the `saga.replay` job that re-runs a parked event when an operator replays its dead letter.
 *
 * Register sagas, then `start()`; `stop()` on shutdown. `Send` outputs go to the CommandBus.
 */
export class SagasRuntime {
  readonly executor: SagaOutputExecutor;
  private readonly runners = new Map<string, SagaRunner>();
  /** Every saga's checkpoint in one write per moment (SagaCheckpointBatch). */
  private readonly checkpoints: SagaCheckpointBatch;
  private started = false;

  constructor(private readonly deps: SagasRuntimeDeps) {
    this.executor = new SagaOutputExecutor(deps.commands, deps.jobs.scheduler, deps.clock);
    this.checkpoints = new SagaCheckpointBatch(deps.pool);
    const replay: JobProcessor<SagaReplayJob> = {
      jobName: JobNames.sagaReplay,
      source: 'saga',
      deadLetterKey: (data) => sagaDeadLetterKey(data.saga, data.event.id),
      process: async (data) => {
        const runner = this.runners.get(data.saga);
        if (!runner) throw new Error(`saga "${data.saga}" is not registered in this process`);
        await runner.execute(data.event);
      },
    };
    deps.jobs.processors.register(replay);
  }

  register(saga: Saga): this {
    assertValidSaga(saga);
    if (this.runners.has(saga.name)) throw new Error(`saga "${saga.name}" is already registered`);
    const runner = new SagaRunner(saga, {
      store: this.deps.store,
      pool: this.deps.pool,
      clock: this.deps.clock,
      executor: this.executor,
      deadLetters: this.deps.jobs.deadLetters,
      queueName: this.deps.jobs.queue.config.queueName,
      retry: this.deps.retry,
      log: this.deps.log,
      afterEffects: this.deps.afterEffects,
      checkpoints: this.checkpoints,
    });
    this.runners.set(saga.name, runner);
    if (this.started) void runner.start();
    return this;
  }

  /** Every registered saga's runner (the metrics read their checkpoints). */
  get runnerList(): SagaRunner[] {
    return [...this.runners.values()];
  }

  runner(name: string): SagaRunner | undefined {
    return this.runners.get(name);
  }

  async start(): Promise<void> {
    this.started = true;
    await Promise.all([...this.runners.values()].map((runner) => runner.start()));
  }

  /** Resolves when every saga has caught up with the store once. */
  async caughtUp(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.caughtUp));
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }
}
