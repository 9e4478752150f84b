import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * The service as `npm start` runs it (src/main.ts, compiled on load by swc) in a child process,
 * so a test can tell whether it is still alive: a fault that crashes the process shows as an
 * exit, whatever the test process's own error handling does.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private output = '';
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(private readonly env: Record<string, string>) {}

  /** Starts it and resolves when it listens. */
  async start(timeoutMs = 120_000): Promise<void> {
    const child = spawn(process.execPath, ['-r', './test/support/swc-register.js', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.on('exit', (code, signal) => (this.exit = { code, signal }));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the service did not start:\n${this.log.slice(-4000)}`)),
        timeoutMs,
      );
      child.stdout!.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
        if (this.output.includes('"msg":"listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        reject(new Error(`the service exited while starting:\n${this.log.slice(-4000)}`));
      });
    });
  }

  /** Null while it runs; how it ended otherwise. */
  get exited(): { code: number | null; signal: NodeJS.Signals | null } | null {
    return this.exit;
  }

  /** Everything it wrote to stdout and stderr. */
  get log(): string {
    return this.output;
  }

  /** Ends it at once, with no shutdown of its own (a crash, a `kill -9`). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || this.exit) return;
    const ended = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await ended;
  }

  /** Sends SIGTERM and resolves once it has ended by itself, or after `withinMs` (null then). */
  async terminate(
    withinMs: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null } | null> {
    const child = this.child;
    if (!child || this.exit) return this.exit;
    const ended = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([ended, new Promise((resolve) => (timer = setTimeout(resolve, withinMs)))]);
    clearTimeout(timer);
    return this.exit;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || this.exit) return;
    const ended = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await ended;
    clearTimeout(timer);
  }
}
