import { LineProgress, progressReporter } from './progress';
import { describeDatabase } from './cli-program';

describe('progress when the output is not a terminal', () => {
  it('prints a plain line at each tenth and a last line, nothing in between', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = new LineProgress(
      'rebuild inbox',
      'events',
      (l) => lines.push(l),
      () => now,
    );
    for (let done = 0; done <= 1000; done += 10) {
      now += 10; // 1 s in all: never the 5-second line
      progress.update(done, 1000);
    }
    progress.stop(true);
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('rebuild inbox: 0% | 0/1000 events | 0 events/s\n');
    expect(lines[5]).toMatch(/^rebuild inbox: 50% \| 500\/1000 events \| \d+ events\/s\n$/);
    // Every event counted is not yet the work done (a rebuild's swap): 100 % only once finished.
    expect(lines[10]).toMatch(/^rebuild inbox: 99% \| 1000\/1000 events/);
    expect(lines.at(-1)).toMatch(/^rebuild inbox: 100% \| 1000\/1000 events/);
  });

  it('prints a line every 5 seconds while the work crawls, and the last position at the end', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = new LineProgress(
      'rebuild inbox',
      'events',
      (l) => lines.push(l),
      () => now,
    );
    progress.update(0, 1_000_000);
    for (let second = 1; second <= 12; second += 1) {
      now = second * 1000;
      progress.update(second * 10, 1_000_000);
    }
    progress.stop();
    expect(lines.map((l) => l.trimEnd().split(' | ')[1])).toEqual([
      '0/1000000 events',
      '50/1000000 events',
      '100/1000000 events',
      '120/1000000 events',
    ]);
  });

  it('chooses the plain lines for a stream that is not a TTY', () => {
    const written: string[] = [];
    const stream = { isTTY: false, write: (s: string) => written.push(s) > 0 };
    const progress = progressReporter({
      label: 'x',
      unit: 'events',
      stream: stream as unknown as NodeJS.WritableStream,
    });
    progress.update(1, 2);
    progress.stop();
    expect(written[0]).toMatch(/^x: 50% \| 1\/2 events/);
  });
});

describe('the database a CLI names', () => {
  it('shows user, host, port and database, never the password', () => {
    expect(describeDatabase('postgres://cf:s3cret@db.example:6543/cadreflow?sslmode=require')).toBe(
      'database cadreflow at cf@db.example:6543',
    );
    expect(describeDatabase('postgres://postgres@127.0.0.1/cadreflow')).toBe(
      'database cadreflow at postgres@127.0.0.1:5432',
    );
    expect(describeDatabase('not a url')).not.toContain('not a url');
  });
});
