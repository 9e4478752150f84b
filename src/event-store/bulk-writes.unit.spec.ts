import { BulkWrites } from './bulk-writes';

/** Resolves to 'ended' if `held` resolves within `ms`, otherwise to 'still held'. */
async function within(held: Promise<void> | null, ms: number): Promise<string> {
  if (held === null) return 'not held';
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(resolve, ms, 'still held')));
  const outcome = await Promise.race([held.then(() => 'ended'), late]);
  clearTimeout(timer);
  return outcome;
}

/** A write that runs until `finish` is called. */
function openWrite(bulk: BulkWrites) {
  let finish: (failure?: Error) => void = () => undefined;
  const written = bulk.during(
    () =>
      new Promise<void>((resolve, reject) => {
        finish = (failure) => (failure ? reject(failure) : resolve());
      }),
  );
  return { written, finish: (failure?: Error) => finish(failure) };
}

describe('BulkWrites', () => {
  it('holds nobody while no bulk write runs', () => {
    expect(new BulkWrites(1000).hold()).toBeNull();
  });

  it('holds until the last of two overlapping bulk writes ends', async () => {
    const bulk = new BulkWrites(10_000);
    const first = openWrite(bulk);
    const second = openWrite(bulk);
    const held = bulk.hold();
    first.finish();
    await first.written;
    expect(await within(held, 50)).toBe('still held');
    second.finish();
    await second.written;
    expect(await within(held, 50)).toBe('ended');
    expect(bulk.hold()).toBeNull();
  });

  it('lifts the hold when the bulk write fails, and passes the failure on', async () => {
    const bulk = new BulkWrites(10_000);
    const write = openWrite(bulk);
    const held = bulk.hold();
    write.finish(new Error('chunk refused'));
    await expect(write.written).rejects.toThrow('chunk refused');
    expect(await within(held, 50)).toBe('ended');
    expect(bulk.hold()).toBeNull();
  });

  it('holds no longer than its limit while a bulk write goes on', async () => {
    const bulk = new BulkWrites(100);
    const write = openWrite(bulk);
    const started = Date.now();
    expect(await within(bulk.hold(), 2000)).toBe('ended');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    write.finish();
    await write.written;
  });

  it('ends the hold when the subscription stops', async () => {
    const bulk = new BulkWrites(10_000);
    const write = openWrite(bulk);
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const held = bulk.hold(stopped);
    stop();
    expect(await within(held, 50)).toBe('ended');
    write.finish();
    await write.written;
  });

  it('never holds with a limit of 0', async () => {
    const bulk = new BulkWrites(0);
    const write = openWrite(bulk);
    expect(bulk.hold()).toBeNull();
    write.finish();
    await write.written;
  });
});
