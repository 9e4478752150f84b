/**
 * Counts the service's statements by caller, for `BENCH_COUNT_STATEMENTS=1`: what a case costs
 * PostgreSQL round trips, which the profiles say a case's CPU follows on these machines (each one
 * a socket write and a wake-up of the other process; bench/README.md, "forty-third session").
 * Rates are slower while it counts (a stack is taken at every statement): read the counts from a
 * counting run, the rates from a run without.
 *
 * Two halves in one file. Preloaded into the service (`--require`, see `countingEnvironment`), it
 * wraps `pg`'s `Client.prototype.query` and keeps a count per caller, the first frames of the
 * service's own code (`dist/`) under the call; on SIGWINCH (the one signal Nest's shutdown hooks
 * leave alone) it writes the counts to the file named
 * by BENCH_STATEMENT_COUNTS and starts again from zero. The bench side sends the signal before and
 * after a round and reads what the second wrote.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const COUNTS_FILE = 'BENCH_STATEMENT_COUNTS';
/** Frames of the service's own code that name a caller: the query's site and who asked for it. */
const CALLER_FRAMES = 3;

/** The service's environment for a counting run: the preload and the file it writes. */
export function countingEnvironment(file: string): Record<string, string> {
  const preload = join(__dirname, 'statement-counter.js');
  return {
    [COUNTS_FILE]: file,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(),
  };
}

/** The counts of the service's processes (each writes `<file>.<pid>`), read around a round. */
export class StatementCounting {
  constructor(
    private readonly file: string,
    private readonly pids: () => number[],
  ) {}

  /** Starts every process's counts from zero. */
  async reset(): Promise<void> {
    for (const pid of this.pids()) await takeCounts(pid, `${this.file}.${pid}`);
  }

  /** The counts since the last reset, all processes together. */
  async take(): Promise<Map<string, number>> {
    const total = new Map<string, number>();
    for (const pid of this.pids())
      for (const [caller, n] of await takeCounts(pid, `${this.file}.${pid}`))
        total.set(caller, (total.get(caller) ?? 0) + n);
    return total;
  }
}

/** Asks a process for its counts since the last ask (and resets them); waits for its file. */
async function takeCounts(pid: number, file: string): Promise<Map<string, number>> {
  const before = modifiedAt(file);
  process.kill(pid, 'SIGWINCH');
  for (let waited = 0; waited < 5_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (modifiedAt(file) !== before) {
      const counts = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
      return new Map(Object.entries(counts));
    }
  }
  throw new Error(`the service wrote no statement counts to ${file} within 5 s`);
}

/** The counts a case, largest first, as lines to print (callers under 0.1 a case left out). */
export function countsPerCase(counts: Map<string, number>, cases: number): string {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const lines = [...counts]
    .sort((a, b) => b[1] - a[1])
    .filter(([, n]) => n / cases >= 0.1)
    .map(([caller, n]) => `    ${(n / cases).toFixed(2).padStart(6)}  ${caller}`);
  return [`  ${(total / cases).toFixed(1)} statements a case, by caller:`, ...lines].join('\n');
}

function modifiedAt(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The service's side: wraps `pg` and answers SIGWINCH (only when preloaded with the file set). A
 * pool's `query` is counted where the service calls it: the client query it makes later runs in a
 * callback with none of the service's frames under it, and is not counted again.
 */
function countInThisProcess(file: string): void {
  const counts = new Map<string, number>();
  const count = (stack: string): void => {
    const caller = callerOf(stack);
    if (caller !== null) counts.set(caller, (counts.get(caller) ?? 0) + 1);
  };
  // Resolved from the service's working directory, where its `pg` is.
  const fromService = createRequire(join(process.cwd(), 'package.json'));
  const pg = fromService('pg') as Record<
    'Client' | 'Pool',
    { prototype: { query: (...args: unknown[]) => unknown } }
  >;
  for (const kind of ['Client', 'Pool'] as const) {
    const query = pg[kind].prototype.query;
    pg[kind].prototype.query = function counted(this: unknown, ...args: unknown[]) {
      count(new Error().stack ?? '');
      return query.apply(this, args);
    };
  }
  process.on('SIGWINCH', () => {
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(Object.fromEntries(counts)));
    counts.clear();
  });
}

function callerOf(stack: string): string | null {
  const frames = stack
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.includes('/dist/') && !line.includes('node_modules'))
    // The wrapper every store statement goes through names no caller.
    .filter((line) => !line.includes('statement-error-keeps-connection'))
    .slice(0, CALLER_FRAMES)
    .map((line) => line.replace(/^at (async )?/, '').replace(/\(?\/.*\/dist\//, '('));
  return frames.length > 0 ? frames.join(' < ') : null;
}

// Preloads run before the main module: the service is told by its script, not `require.main`.
if (process.env[COUNTS_FILE] && process.argv[1]?.endsWith(join('dist', 'main.js'))) {
  Error.stackTraceLimit = 40;
  countInThisProcess(process.env[COUNTS_FILE]);
}
