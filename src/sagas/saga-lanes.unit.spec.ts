import { SagaLanes } from './saga-lanes';

/** A promise opened by hand: a handler that runs until the test lets it finish. */
function gate(): { open: () => void; fail: (error: Error) => void; wait: Promise<void> } {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const wait = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { open, fail, wait };
}

const turns = () => new Promise((resolve) => setImmediate(resolve));

function lanes(concurrency = 16) {
  const finished: string[] = [];
  const failures: unknown[] = [];
  const started: string[] = [];
  const gates = new Map<string, ReturnType<typeof gate>>();
  const subject = new SagaLanes({
    concurrency,
    finished: (position) => finished.push(position),
    failed: (error) => failures.push(error),
  });
  /** Delivers event `name` under `key`; it runs until `gates.get(name).open()`. */
  const deliver = (name: string, key: string | undefined) => {
    gates.set(name, gate());
    return subject.deliver(key, name, async () => {
      started.push(name);
      await gates.get(name)!.wait;
      return { parked: false };
    });
  };
  return { subject, finished, failures, started, gates, deliver };
}

describe('SagaLanes', () => {
  it('handles events of different keys at the same time, and reports them finished in delivery order', async () => {
    const l = lanes();
    await l.deliver('1/1', 'case-a');
    await l.deliver('1/2', 'case-b');
    await turns();
    expect(l.started).toEqual(['1/1', '1/2']);

    l.gates.get('1/2')!.open();
    await turns();
    // The later event is done, the earlier is not: the checkpoint may not pass the earlier one.
    expect(l.finished).toEqual([]);
    l.gates.get('1/1')!.open();
    await l.subject.settled();
    expect(l.finished).toEqual(['1/1', '1/2']);
  });

  it('starts the events of one key one after another, in delivery order', async () => {
    const l = lanes();
    await l.deliver('1/1', 'person-a');
    await l.deliver('1/2', 'person-a');
    await turns();
    expect(l.started).toEqual(['1/1']);
    l.gates.get('1/1')!.open();
    await turns();
    expect(l.started).toEqual(['1/1', '1/2']);
    l.gates.get('1/2')!.open();
    await l.subject.settled();
    expect(l.finished).toEqual(['1/1', '1/2']);
  });

  it('runs an event without a key after everything before it and before everything after it', async () => {
    const l = lanes();
    await l.deliver('1/1', 'person-a');
    await l.deliver('1/2', undefined);
    await l.deliver('1/3', 'person-b');
    await turns();
    expect(l.started).toEqual(['1/1']);
    l.gates.get('1/1')!.open();
    await turns();
    expect(l.started).toEqual(['1/1', '1/2']);
    l.gates.get('1/2')!.open();
    await turns();
    expect(l.started).toEqual(['1/1', '1/2', '1/3']);
    l.gates.get('1/3')!.open();
    await l.subject.settled();
    expect(l.finished).toEqual(['1/1', '1/2', '1/3']);
  });

  it('after a failure reports nothing past the failed event, starts nothing queued and refuses deliveries', async () => {
    const l = lanes();
    await l.deliver('1/1', 'a');
    await l.deliver('1/2', 'b');
    await l.deliver('1/3', 'c');
    await l.deliver('1/4', 'b');
    await turns();
    l.gates.get('1/1')!.open();
    l.gates.get('1/3')!.open();
    const lost = new Error('connection lost');
    l.gates.get('1/2')!.fail(lost);
    await l.subject.settled();
    expect(l.finished).toEqual(['1/1']);
    expect(l.failures).toEqual([lost]);
    expect(l.started).toEqual(['1/1', '1/2', '1/3']);
    expect(l.subject.abandoned).toBe(true);
    await expect(l.deliver('1/5', 'd')).rejects.toBe(lost);
  });

  it('answers a delivery only once there is room for the next one', async () => {
    const l = lanes(2);
    await l.deliver('1/1', 'a');
    let answered = false;
    const second = l.deliver('1/2', 'b').then(() => (answered = true));
    await turns();
    // Both run; the subscription is held back from delivering a third until one finishes.
    expect(l.started).toEqual(['1/1', '1/2']);
    expect(answered).toBe(false);
    l.gates.get('1/2')!.open();
    await second;
    expect(answered).toBe(true);
    l.gates.get('1/1')!.open();
    await l.subject.settled();
    expect(l.finished).toEqual(['1/1', '1/2']);
  });

  it('reports thousands finished behind a slow first event in order once it finishes', async () => {
    const l = lanes(64);
    await l.deliver('0', 'slow');
    const positions = Array.from({ length: 3000 }, (_, i) => String(i + 1));
    for (const position of positions) {
      const delivering = l.deliver(position, `key-${position}`);
      l.gates.get(position)!.open();
      await delivering;
    }
    await turns();
    expect(l.finished).toEqual([]);
    l.gates.get('0')!.open();
    await l.subject.settled();
    expect(l.finished).toEqual(['0', ...positions]);
    // And on after that, from a queue that dropped what it reported.
    await l.deliver('3001', 'key-a');
    l.gates.get('3001')!.open();
    await l.subject.settled();
    expect(l.finished.at(-1)).toBe('3001');
  });

  it('takes a throwing checkpoint note as the failure', async () => {
    const failures: unknown[] = [];
    const stored = new Error('checkpoint write failed');
    const subject = new SagaLanes({
      concurrency: 4,
      finished: () => {
        throw stored;
      },
      failed: (error) => failures.push(error),
    });
    await subject.deliver('x', '1/1', async () => ({ parked: false }));
    await subject.settled();
    expect(failures).toEqual([stored]);
    await expect(subject.deliver('y', '1/2', async () => ({ parked: false }))).rejects.toBe(stored);
  });
});
