import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * The engine's workers in a child process (engine-child.ts) that can be killed with SIGKILL and
 * started again. `ready` resolves when the child's sagas, timers and projections are running.
 */
export class EngineProcess {
  private child: ChildProcess | null = null;
  private output = '';
  private readyPromise: Promise<void> = Promise.resolve();
  private exitPromise: Promise<void> = Promise.resolve();
  kills = 0;
  starts = 0;

  constructor(private readonly env: Record<string, string>) {}

  start(): void {
    if (this.child) throw new Error('the engine child is already running');
    const child = spawn(
      process.execPath,
      ['-r', './test/support/swc-register.js', 'test/sagas/support/engine-child.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, ...this.env },
        // The child reads nothing from stdin: it exits when the pipe closes, so a test process
        // that dies or is timed out by jest never leaves an engine writing to its database.
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.starts += 1;
    let seen = '';
    this.readyPromise = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('ready\n')) resolve();
      });
      child.on('exit', (code, signal) =>
        reject(
          new Error(
            `engine child exited before it was ready (${signal ?? code}):\n${this.output.slice(-4000)}`,
          ),
        ),
      );
    });
    // A kill before ready is a legitimate crash; only waiters see the rejection.
    this.readyPromise.catch(() => undefined);
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exitPromise = new Promise<void>((resolve) =>
      child.on('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        if (signal !== 'SIGKILL' && code !== 0)
          this.output += `\n[engine child exited with ${signal ?? code}]\n`;
        resolve();
      }),
    );
  }

  get ready(): Promise<void> {
    return this.readyPromise;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** stderr of every run so far, for failure messages. */
  get log(): string {
    return this.output;
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    this.kills += 1;
    await this.exitPromise;
  }

  async restart(): Promise<void> {
    await this.kill();
    this.start();
  }
}
