import { contentDigest } from '../hash-chain';
import { EventMetadata, NewEvent } from '../event-envelope';
import { StoredEventNames } from '../stored-event-names';
import { appendsJsonb, batchJsonb } from './prepared-event-json';
import { prepareEvents } from './prepared-events';

const metadata: EventMetadata = {
  actorId: 'u-1',
  correlationId: 'r-1',
  causationId: null,
  occurredAt: '2026-12-01T00:00:00.000Z',
};
const traced: EventMetadata = {
  ...metadata,
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
};

function event(id: string, data: Record<string, unknown>, meta = metadata): NewEvent {
  return { id, type: 'PersonRegistered', data, metadata: meta };
}

/** A jsonb parameter's document: after its version byte (1), the JSON text. */
function documentOf(parameter: Buffer): unknown {
  expect(parameter[0]).toBe(1);
  return JSON.parse(parameter.subarray(1).toString('utf8'));
}

/** What the events' rows held when the store wrote them with `JSON.stringify`. */
const asStringified = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('prepareEvents: the JSON text stored for each event', () => {
  const data = {
    fullName: 'Nguyễn Văn "A"\n',
    born: new Date('1980-02-03T00:00:00.000Z'),
    posts: [{ title: 'Chủ tịch', until: undefined }, null],
    skipped: undefined,
    count: 3.5,
  };

  it('holds the same data and metadata values as JSON.stringify wrote, key order aside', () => {
    const [[first, second]] = prepareEvents(new StoredEventNames(), [
      { streamId: 'cadre-p-1', events: [event('e-1', data), event('e-2', { n: 1 })] },
    ]);
    expect(JSON.parse(first.dataJson)).toEqual(asStringified(data));
    expect(JSON.parse(first.metadataJson)).toEqual(metadata);
    expect(JSON.parse(second.dataJson)).toEqual({ n: 1 });
    expect(JSON.parse(second.metadataJson)).toEqual(metadata);
  });

  it('stores the trace context the digest leaves out, and keeps the digest without it', () => {
    const [[stored]] = prepareEvents(new StoredEventNames(), [
      { streamId: 'cadre-p-1', events: [event('e-1', { n: 1 }, traced)] },
    ]);
    expect(JSON.parse(stored.metadataJson)).toEqual(traced);
    const untraced = { streamId: 'cadre-p-1', id: 'e-1', type: 'PersonRegistered' };
    expect(stored.contentHash).toBe(
      contentDigest({ ...untraced, schemaVersion: 1, data: { n: 1 }, metadata }).toString('hex'),
    );
  });

  it('writes batches and appends as jsonb documents holding what JSON.stringify of the events wrote', () => {
    const [first, second] = prepareEvents(new StoredEventNames(), [
      { streamId: 'cadre-p-1', events: [event('e-1', data), event('e-2', { n: 1 }, traced)] },
      { streamId: 'cadre-p-"2"', events: [event('e-3', { n: 2 })] },
    ]);
    const plain = (batch: typeof first) =>
      batch.map(({ dataJson, metadataJson, ...rest }) => ({
        ...rest,
        data: JSON.parse(dataJson),
        metadata: JSON.parse(metadataJson),
      }));
    expect(documentOf(batchJsonb(first))).toEqual(plain(first));
    const appends = [
      { streamId: 'cadre-p-1', expectedCode: 4, expected: 4, batch: first },
      { streamId: 'cadre-p-"2"', expectedCode: -1, expected: 'no_stream' as const, batch: second },
    ];
    expect(documentOf(appendsJsonb(appends))).toEqual([
      { stream: 'cadre-p-1', expected: 4, batch: plain(first) },
      { stream: 'cadre-p-"2"', expected: -1, batch: plain(second) },
    ]);
    expect(plain(first)[0].data).toEqual(asStringified(data));
    expect(plain(first)[1].metadata).toEqual(traced);
  });
});
