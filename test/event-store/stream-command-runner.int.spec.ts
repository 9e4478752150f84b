import { WrongExpectedRevision } from '../../src/event-store/event-store.errors';
import { EventStore } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { runStreamCommand } from '../../src/common/stream-command-runner';
import { DomainEvent, StreamDecider } from '../../src/common/stream-decider';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { counter, Counter, metadata } from './support/counter-decider';

/**
 * A store whose first append on each call of `raceOnce` lets another writer in first, as a saga
 * writing to the same person's record between our read and our append would.
 */
function racingStore(store: EventStore, rival: () => Promise<void>): EventStore {
  let raced = false;
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'append') return Reflect.get(target, key, receiver);
      return async (...args: Parameters<EventStore['append']>) => {
        if (!raced) {
          raced = true;
          await rival();
        }
        return target.append(...args);
      };
    },
  });
}

describe('runStreamCommand against a concurrent writer', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('stream_command_runner');
    store = new PostgresEventStore(db.pool, new StoredEventNames());
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  const rivalIncrement =
    (streamId: string, decider: StreamDecider<Counter, 'increment', void>) => async () => {
      await runStreamCommand(store, streamId, decider, 'increment', {
        metadata,
        context: () => undefined,
      });
    };

  it('decides again on the moved stream when the caller named no revision', async () => {
    const decider = counter(10);
    const raced = racingStore(store, rivalIncrement('counter-a', decider));
    const result = await runStreamCommand(raced, 'counter-a', decider, 'increment', {
      metadata,
      context: () => undefined,
    });
    const events = await store.readStream('counter-a');
    expect(events.map((event) => (event.data as { to: number }).to)).toEqual([1, 2]);
    expect(result.revision).toBe(1);
    expect((result.appended as DomainEvent[])[0].data).toEqual({ to: 2 });
  });

  it('judges the rule on the stream as it now is, so the rival can make the command refused', async () => {
    const decider = counter(1);
    const raced = racingStore(store, rivalIncrement('counter-b', decider));
    await expect(
      runStreamCommand(raced, 'counter-b', decider, 'increment', {
        metadata,
        context: () => undefined,
      }),
    ).rejects.toThrow('limit 1 reached');
    expect(await store.readStream('counter-b')).toHaveLength(1);
  });

  it('answers the conflict to a caller that named the revision it saw (If-Match)', async () => {
    const decider = counter(10);
    await runStreamCommand(store, 'counter-c', decider, 'increment', {
      metadata,
      context: () => undefined,
    });
    const raced = racingStore(store, rivalIncrement('counter-c', decider));
    await expect(
      runStreamCommand(raced, 'counter-c', decider, 'increment', {
        ifMatch: 0,
        metadata,
        context: () => undefined,
      }),
    ).rejects.toBeInstanceOf(WrongExpectedRevision);
    expect(await store.readStream('counter-c')).toHaveLength(2);
  });
});
