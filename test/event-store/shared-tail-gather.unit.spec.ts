import { RecordedEvent } from '../../src/event-store/event-envelope';
import { AllFrom } from '../../src/event-store/event-store.port';
import { LogPage } from '../../src/event-store/postgres/log-page';
import { SharedTailRead, TAIL_GATHER_MS } from '../../src/event-store/postgres/shared-tail-read';

/** A shared tail whose reads of the log are counted; the log is empty, each read answers at once. */
function countedTail(gatherMs?: number) {
  const readsFrom: AllFrom[] = [];
  const tail = new SharedTailRead({
    readAll: (from: AllFrom): Promise<RecordedEvent[]> => {
      readsFrom.push(from);
      return Promise.resolve([]);
    },
    readAlone: (): Promise<LogPage> => Promise.reject(new Error('not expected: no full page')),
    gatherMs,
  });
  return { tail, readsFrom };
}

describe('reads of the tail gather the subscriptions woken meanwhile', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers the subscriptions woken within the gather delay with one read', async () => {
    const { tail, readsFrom } = countedTail();
    const answers = [tail.read('start', 500)];
    await jest.advanceTimersByTimeAsync(TAIL_GATHER_MS / 2);
    answers.push(tail.read('start', 500), tail.read('start', 500));
    expect(readsFrom).toEqual([]);

    await jest.advanceTimersByTimeAsync(TAIL_GATHER_MS);
    const pages = await Promise.all(answers);
    expect(readsFrom).toEqual(['start']);
    expect(pages.map((page) => page.complete)).toEqual([true, true, true]);
  });

  it('a subscription woken after a read started gets a read of its own that starts later', async () => {
    const { tail, readsFrom } = countedTail();
    const first = tail.read('start', 500);
    await jest.advanceTimersByTimeAsync(TAIL_GATHER_MS);
    await first;
    const second = tail.read('start', 500);
    await jest.advanceTimersByTimeAsync(TAIL_GATHER_MS);
    await second;
    expect(readsFrom).toHaveLength(2);
  });

  it('without a gather delay, reads on the next turn', async () => {
    const { tail, readsFrom } = countedTail(0);
    const page = tail.read('start', 500);
    await jest.advanceTimersByTimeAsync(0);
    await page;
    expect(readsFrom).toEqual(['start']);
  });
});
