import { RecordedEvent } from '../../src/event-store/event-envelope';
import { AllFrom } from '../../src/event-store/event-store.port';
import { ApplyOutcome } from '../../src/projections/apply-events';
import { LIVE_GATHER_MS, LiveDelivery } from '../../src/projections/live-delivery';

const eventAt = (n: number, type = 'Handled'): RecordedEvent => ({
  id: `event-${n}`,
  streamId: 'stream-1',
  revision: n,
  position: String(n),
  type,
  schemaVersion: 1,
  data: {},
  metadata: { actorId: 'test', correlationId: 'c', causationId: null, occurredAt: '' },
  recordedAt: '',
  hash: '',
});

/** A delivery whose transactions are recorded (ids per transaction) and succeed at once. */
function recordedDelivery(options: { gatherMs?: number; flushDelayMs?: number } = {}) {
  const transactions: string[][] = [];
  const delivery = new LiveDelivery({
    from: 'start',
    handles: (event) => event.type === 'Handled',
    apply: (events: RecordedEvent[], readFrom: AllFrom): Promise<ApplyOutcome> => {
      transactions.push(events.map((event) => event.id));
      return Promise.resolve({ kind: 'applied', applied: events.length, position: readFrom });
    },
    onFailure: (error) => {
      throw error;
    },
    ...options,
  });
  return { delivery, transactions };
}

/** Runs the timers due within `ms` and lets the promises they resolve settle. */
async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

describe('live delivery gathers what a projection handles', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('applies handled events that arrive one by one within the gather delay in one transaction', async () => {
    const { delivery, transactions } = recordedDelivery();
    await delivery.accept(eventAt(1));
    await advance(5);
    await delivery.accept(eventAt(2));
    await advance(5);
    await delivery.accept(eventAt(3));
    expect(transactions).toEqual([]);

    await advance(LIVE_GATHER_MS);
    expect(transactions).toEqual([['event-1', 'event-2', 'event-3']]);
  });

  it('applies a lone handled event once the gather delay is over, not after the ignored-event delay', async () => {
    const { delivery, transactions } = recordedDelivery({ flushDelayMs: 60_000 });
    await delivery.accept(eventAt(1, 'Ignored'));
    await delivery.accept(eventAt(2));
    await advance(LIVE_GATHER_MS - 1);
    expect(transactions).toEqual([]);
    await advance(1);
    expect(transactions).toEqual([['event-1', 'event-2']]);
  });

  it('with no gather delay, applies each handled event as it comes', async () => {
    const { delivery, transactions } = recordedDelivery({ gatherMs: 0 });
    await delivery.accept(eventAt(1));
    await advance(0);
    await delivery.accept(eventAt(2));
    await advance(0);
    expect(transactions).toEqual([['event-1'], ['event-2']]);
  });

  it('on close, applies the handled events still gathering at once', async () => {
    const { delivery, transactions } = recordedDelivery();
    await delivery.accept(eventAt(1));
    await delivery.accept(eventAt(2));
    expect(await delivery.close(true)).toBeNull();
    expect(transactions).toEqual([['event-1', 'event-2']]);
  });
  it('judges each event once on arrival, however many ignored events wait: a burst costs linear work', async () => {
    let judged = 0;
    const transactions: number[] = [];
    const delivery = new LiveDelivery({
      from: 'start',
      handles: (event) => {
        judged += 1;
        return event.type === 'Handled';
      },
      apply: (events, readFrom) => {
        transactions.push(events.length);
        return Promise.resolve({ kind: 'applied', applied: events.length, position: readFrom });
      },
      onFailure: (error) => {
        throw error;
      },
    });
    for (let n = 1; n <= 499; n += 1) await delivery.accept(eventAt(n, 'Ignored'));
    await delivery.accept(eventAt(500));
    await advance(LIVE_GATHER_MS);

    expect(transactions).toEqual([500]);
    // Once on arrival and once as its batch is applied; judging the queue on every arrival made
    // this about 125,000.
    expect(judged).toBeLessThanOrEqual(2 * 500);
  });
});
