/**
 * What a first touch of memory costs on this machine, against memory touched a moment before.
 * On a VM whose host backs guest memory lazily and takes freed memory back (free page reporting,
 * as on the Firecracker VMs these benches were run on), every page the guest hands out again
 * costs a fault in the host: bench/README.md, "nineteenth session". A child process touches
 * BENCH_TOUCH_GB gigabytes (one byte per 4 KB page) and exits; a second does the same at once,
 * a third after BENCH_TOUCH_PAUSE_S seconds. Run: npm run bench:first-touch.
 */
import { spawnSync } from 'node:child_process';

const GIGABYTES = Number(process.env.BENCH_TOUCH_GB ?? 4);
const PAUSE_SECONDS = Number(process.env.BENCH_TOUCH_PAUSE_S ?? 15);
const PAGE = 4096;
const CHUNK = 256 * 1024 * 1024;

/** In the child: touch every page of `gigabytes` of new memory; print the seconds it took. */
function touchInThisProcess(gigabytes: number): void {
  const held: Buffer[] = [];
  const started = process.hrtime.bigint();
  for (let left = gigabytes * 1024 ** 3; left > 0; left -= CHUNK) {
    const chunk = Buffer.allocUnsafeSlow(Math.min(CHUNK, left));
    for (let offset = 0; offset < chunk.length; offset += PAGE) chunk[offset] = 1;
    held.push(chunk);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ seconds, chunks: held.length }));
}

function touchInChild(gigabytes: number): number {
  const child = spawnSync(process.execPath, [__filename, '--child', String(gigabytes)], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`the touching child failed:\n${child.stderr}`);
  return (JSON.parse(child.stdout) as { seconds: number }).seconds;
}

function report(label: string, seconds: number): void {
  const perPageMicroseconds = (seconds * 1e6) / ((GIGABYTES * 1024 ** 3) / PAGE);
  console.log(
    `${label}: ${GIGABYTES} GB in ${seconds.toFixed(2)} s (${(GIGABYTES / seconds).toFixed(2)} GB/s, ${perPageMicroseconds.toFixed(2)} µs a page)`,
  );
}

async function main(): Promise<void> {
  const first = touchInChild(GIGABYTES);
  report('first touch', first);
  const again = touchInChild(GIGABYTES);
  report('again at once', again);
  await new Promise((resolve) => setTimeout(resolve, PAUSE_SECONDS * 1000));
  const afterPause = touchInChild(GIGABYTES);
  report(`again after ${PAUSE_SECONDS} s`, afterPause);
  console.log(
    JSON.stringify({
      benchmark: 'first-touch',
      gigabytes: GIGABYTES,
      firstSeconds: first,
      againSeconds: again,
      afterPauseSeconds: afterPause,
      pauseSeconds: PAUSE_SECONDS,
    }),
  );
}

if (process.argv[2] === '--child') {
  touchInThisProcess(Number(process.argv[3]));
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
