import { RecordedEvent } from '../../src/event-store/event-envelope';
import { AllFrom } from '../../src/event-store/event-store.port';
import { isAfter, LogPage } from '../../src/event-store/postgres/log-page';
import { RECENT_TAIL_IDLE_MS, RecentTail } from '../../src/event-store/postgres/recent-tail';
import { SHARED_READ_LIMIT, SharedTailRead } from '../../src/event-store/postgres/shared-tail-read';

const eventAt = (n: number): RecordedEvent => ({
  id: `event-${n}`,
  streamId: n % 2 === 0 ? `case-${n}` : `person-${n}`,
  revision: 0,
  position: `7/${n}`,
  type: 'Noted',
  schemaVersion: 1,
  data: {},
  metadata: { actorId: 'test', correlationId: 'c', causationId: null, occurredAt: '' },
  recordedAt: '',
  hash: '',
});

/** A log of `size` events whose store reads are counted row by row. */
function loggedTail(size: number, recentEventsKept?: number) {
  const log = Array.from({ length: size }, (_, i) => eventAt(i + 1));
  const rowsRead: number[] = [];
  const tail = new SharedTailRead({
    readAll: (from: AllFrom, limit: number): Promise<RecordedEvent[]> => {
      const rows = log.filter((event) => isAfter(event.position, from)).slice(0, limit);
      rowsRead.push(rows.length);
      return Promise.resolve(rows);
    },
    readAlone: (): Promise<LogPage> => Promise.reject(new Error('not expected: no full page')),
    gatherMs: 0,
    recentEventsKept,
  });
  const read = async (from: AllFrom, limit: number, prefix?: string): Promise<LogPage> => {
    const page = tail.read(from, limit, prefix ? { streamPrefix: prefix } : undefined);
    await jest.advanceTimersByTimeAsync(0);
    return page;
  };
  const grow = (count: number) => {
    for (let i = 0; i < count; i += 1) log.push(eventAt(log.length + 1));
  };
  return { read, rowsRead, grow };
}

const ids = (page: LogPage) => page.events.map((event) => event.id);

describe('a subscription behind the others reads what the last reads kept', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('serves a lagging subscription from the kept events, then reads the store from where they end', async () => {
    const { read, rowsRead } = loggedTail(300);
    expect((await read('start', 500)).complete).toBe(true);
    expect(rowsRead).toEqual([300]);

    const behind = await read('7/100', 150);
    expect(ids(behind)).toEqual(Array.from({ length: 150 }, (_, i) => `event-${101 + i}`));
    expect(behind).toMatchObject({ through: '7/250', complete: false });
    const rest = await read(behind.through, 150);
    expect(ids(rest)).toHaveLength(50);
    expect(rest).toMatchObject({ through: '7/300', complete: false });
    expect(rowsRead).toEqual([300]);

    // Only a read of the store that began after the caller asked says nothing more is there.
    const head = await read(rest.through, 150);
    expect(head).toMatchObject({ events: [], complete: true });
    expect(rowsRead).toEqual([300, 0]);
  });

  it('gives a filtered subscription only its own kept events, and how far it looked', async () => {
    const { read, rowsRead } = loggedTail(20);
    await read('start', 500);
    const page = await read('7/10', 500, 'case-');
    expect(ids(page)).toEqual(['event-12', 'event-14', 'event-16', 'event-18', 'event-20']);
    expect(page.through).toBe('7/20');
    expect(rowsRead).toEqual([20]);
  });

  it('a subscription far behind reads the store without taking the kept events from those at the head', async () => {
    const { read, rowsRead, grow } = loggedTail(1200, 100);
    await read('7/1000', 500);
    expect(rowsRead).toEqual([200]);

    const laggard = await read('7/50', 100);
    expect(ids(laggard)).toEqual(Array.from({ length: 100 }, (_, i) => `event-${51 + i}`));
    expect(rowsRead).toEqual([200, SHARED_READ_LIMIT]);

    // The events 1101–1200 are still kept: the head is served without reading them again.
    const head = await read('7/1150', 100);
    expect(ids(head)).toHaveLength(50);
    expect(rowsRead).toEqual([200, SHARED_READ_LIMIT]);
    grow(20);
    expect(ids(await read(head.through, 100))).toHaveLength(20);
    expect(rowsRead).toEqual([200, SHARED_READ_LIMIT, 20]);
  });

  it('gives the memory back when nothing new was kept for a while', async () => {
    const { read, rowsRead } = loggedTail(300);
    await read('start', 500);
    expect(ids(await read('7/290', 100))).toHaveLength(10);
    expect(rowsRead).toEqual([300]);
    jest.advanceTimersByTime(RECENT_TAIL_IDLE_MS + 1);
    expect(ids(await read('7/290', 100))).toHaveLength(10);
    expect(rowsRead).toEqual([300, 10]);
  });

  it('reads the store for a subscription further behind than what is kept', () => {
    const kept = new RecentTail(100);
    kept.keep(
      'start',
      Array.from({ length: 250 }, (_, i) => eventAt(i + 1)),
    );
    expect(kept.pageAfter('7/149', 10)).toBeNull();
    expect(ids(kept.pageAfter('7/150', 2)!)).toEqual(['event-151', 'event-152']);
    expect(kept.pageAfter('7/250', 10)).toBeNull();
  });

  it('keeps the last events read in small reads, and no more', () => {
    const kept = new RecentTail(100);
    let last = 0;
    for (let step = 0; step < 60; step += 1) {
      const read = Array.from({ length: 7 }, (_, i) => eventAt(last + i + 1));
      kept.keep(last === 0 ? 'start' : `7/${last}`, read);
      last += 7;
      const oldest = Math.max(0, last - 100);
      if (oldest > 0) expect(kept.pageAfter(`7/${oldest - 1}`, 1000)).toBeNull();
      const page = kept.pageAfter(oldest === 0 ? 'start' : `7/${oldest}`, 1000)!;
      expect(ids(page)).toEqual(
        Array.from({ length: last - oldest }, (_, i) => `event-${oldest + i + 1}`),
      );
    }
  });

  it('starts again from a read that does not join what is kept, never leaving a gap', () => {
    const kept = new RecentTail();
    kept.keep('start', [eventAt(1), eventAt(2)]);
    kept.keep('7/5', [eventAt(6), eventAt(7)]);
    expect(kept.pageAfter('7/2', 10)).toBeNull();
    expect(ids(kept.pageAfter('7/5', 10)!)).toEqual(['event-6', 'event-7']);
    kept.keep('7/6', [eventAt(7), eventAt(8)]);
    expect(ids(kept.pageAfter('7/5', 10)!)).toEqual(['event-6', 'event-7', 'event-8']);
  });
});
