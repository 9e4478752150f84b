import { Presets, SingleBar } from 'cli-progress';

/** Progress of a long CLI run (a projection rebuild): a bar on a terminal, plain lines elsewhere. */
export interface Progress {
  /** `done` of `total` so far; the total may grow while writers append. */
  update(done: number, total: number): void;
  /**
   * Ends the bar, or prints the last line. Only a `finished` run shows 100 %: until then the
   * percentage stops at 99 (a rebuild has applied every event before its swap is done).
   */
  stop(finished?: boolean): void;
}

interface ProgressOptions {
  /** What is progressing, e.g. `rebuild inbox`. */
  label: string;
  /** What is counted, e.g. `events`. */
  unit: string;
  /** Where to write; stderr by default, so stdout keeps only the result. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * A bar when the stream is a terminal; otherwise (CI logs, `| tee`, a container's log) a plain
 * line every 10 % or every 5 seconds, whichever comes first.
 */
export function progressReporter(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  return stream.isTTY
    ? new BarProgress(options.label, options.unit, stream)
    : new LineProgress(options.label, options.unit, (line) => stream.write(line));
}

class BarProgress implements Progress {
  private readonly bar: SingleBar;
  private readonly rate = new Rate();
  private started = false;

  constructor(label: string, unit: string, stream: NodeJS.WritableStream) {
    this.bar = new SingleBar(
      {
        format: `${label} [{bar}] {percent}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
        etaBuffer: 50,
        stream,
      },
      Presets.shades_classic,
    );
  }

  update(done: number, total: number): void {
    const payload = { rate: this.rate.at(done), percent: percentOf(done, total, false) };
    if (!this.started) {
      this.bar.start(total, done, payload);
      this.started = true;
      return;
    }
    this.bar.setTotal(total);
    this.bar.update(done, payload);
  }

  stop(finished = false): void {
    if (!this.started) return;
    if (finished) this.bar.update({ percent: 100 });
    this.bar.stop();
  }
}

/** Plain lines for output that is not a terminal. */
export class LineProgress implements Progress {
  private readonly rate: Rate;
  private lastLineAt: number;
  private lastStep = -1;
  private last: { done: number; total: number } | null = null;
  private printedLast = false;

  constructor(
    private readonly label: string,
    private readonly unit: string,
    private readonly write: (line: string) => void,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 5000,
  ) {
    this.rate = new Rate(now);
    this.lastLineAt = now();
  }

  update(done: number, total: number): void {
    this.last = { done, total };
    const rate = this.rate.at(done);
    const step = total > 0 ? Math.floor((done / total) * 10) : 0;
    const due = this.now() - this.lastLineAt >= this.intervalMs;
    if (step > this.lastStep || due) {
      this.lastStep = Math.max(step, this.lastStep);
      this.lastLineAt = this.now();
      this.printedLast = true;
      this.write(`${this.line(done, total)} | ${rate} ${this.unit}/s\n`);
    } else {
      this.printedLast = false;
    }
  }

  stop(finished = false): void {
    if (this.last && (finished || !this.printedLast)) {
      this.write(`${this.line(this.last.done, this.last.total, finished)}\n`);
    }
  }

  private line(done: number, total: number, finished = false): string {
    return `${this.label}: ${percentOf(done, total, finished)}% | ${done}/${total} ${this.unit}`;
  }
}

/** 100 only once finished: every item counted is not yet the work done. */
function percentOf(done: number, total: number, finished: boolean): number {
  if (finished) return 100;
  return total > 0 ? Math.min(99, Math.floor((done / total) * 100)) : 0;
}

/** Items per second since the first update. */
class Rate {
  private first: { at: number; done: number } | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  at(done: number): number {
    const now = this.now();
    this.first ??= { at: now, done };
    const seconds = (now - this.first.at) / 1000;
    return seconds > 0 ? Math.round((done - this.first.done) / seconds) : 0;
  }
}
