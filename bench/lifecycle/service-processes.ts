import { ServiceUnderTest } from './service-under-test';

/**
 * The service's processes in the bench: one, as `npm start` runs it (API and workers together),
 * or with `BENCH_SPLIT_WORKERS=1` two — an API-only instance (`RUN_WORKERS=false`) that takes
 * every request, and a second instance on the next port that holds the workers' leases and is sent
 * none: the README's several-instances shape on one machine, two event loops instead of one.
 */
export class ServiceProcesses {
  private readonly processes: ServiceUnderTest[];

  constructor(env: Record<string, string>, splitWorkers: boolean) {
    this.processes = splitWorkers
      ? [
          new ServiceUnderTest({ ...env, PORT: String(Number(env.PORT) + 1) }),
          new ServiceUnderTest({ ...env, RUN_WORKERS: 'false' }),
        ]
      : [new ServiceUnderTest(env)];
  }

  /** The workers' instance first: it migrates the database and takes the leases. */
  async start(): Promise<void> {
    for (const process of this.processes) await process.start();
  }

  /** User + system CPU seconds all the service's processes have used so far. */
  cpuSeconds(): number {
    return this.processes.reduce((sum, process) => sum + process.cpuSeconds(), 0);
  }

  /** The processes' ids (the statement counter signals each). */
  pids(): number[] {
    return this.processes.map((process) => process.pid);
  }

  get log(): string {
    return this.processes.map((process) => process.log).join('\n--- next process ---\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((process) => process.stop()));
  }
}
