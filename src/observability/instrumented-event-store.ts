import { SpanKind } from '@opentelemetry/api';
import { NewEvent } from '../event-store/event-envelope';
import { WrongExpectedRevision } from '../event-store/event-store.errors';
import {
  AppendManyOptions,
  AppendOptions,
  AppendResult,
  EventStore,
  StreamAppend,
} from '../event-store/event-store.port';
import { ForwardingEventStore } from '../event-store/forwarding-event-store';
import { AppMetrics } from './metrics';
import { currentTraceparent, inSpan, TRACEPARENT_KEY } from './tracing';

/** At most this many streams of one multi-stream append are named on its span. */
const STREAMS_NAMED = 10;

/** `appointment-c-1` → `appointment`: a span attribute that groups streams without naming them. */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : streamId;
}

/**
 * The application's event store, whichever adapter: every append is timed
 * (`cadreflow_event_store_append_duration_seconds`) and, with tracing on, runs in an
 * `event-store.append` span whose W3C trace context is written into each event's metadata
 * (outside the hash chain) for the projections and sagas that handle the event later.
 */
export class InstrumentedEventStore extends ForwardingEventStore {
  constructor(
    store: EventStore,
    private readonly metrics: AppMetrics,
  ) {
    super(store);
  }

  override async append(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const stop = this.metrics.appendDuration.startTimer();
    try {
      const result = await inSpan(
        'event-store.append',
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'cadreflow.stream.category': streamCategory(streamId),
            'cadreflow.stream.id': streamId,
            'cadreflow.events.count': events.length,
            'cadreflow.events.types': [...new Set(events.map((event) => event.type))].join(','),
          },
        },
        () => this.store.append(streamId, withTraceparent(events), options),
      );
      stop({ outcome: 'ok' });
      this.metrics.appendedEvents.inc(events.length);
      return result;
    } catch (error) {
      stop({ outcome: error instanceof WrongExpectedRevision ? 'conflict' : 'error' });
      throw error;
    }
  }

  override async appendMany(
    appends: StreamAppend[],
    options?: AppendManyOptions,
  ): Promise<AppendResult[]> {
    const stop = this.metrics.appendDuration.startTimer();
    const count = appends.reduce((sum, append) => sum + append.events.length, 0);
    try {
      const results = await inSpan(
        'event-store.append-many',
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'cadreflow.streams.count': appends.length,
            'cadreflow.events.count': count,
            // An opening's case, id reservation and slot are written together: name them. A bulk
            // chunk's hundreds of streams would only bloat the span.
            'cadreflow.stream.ids':
              appends.length <= STREAMS_NAMED
                ? appends.map((append) => append.streamId)
                : undefined,
          },
        },
        () =>
          this.store.appendMany(
            appends.map((append) => ({ ...append, events: withTraceparent(append.events) })),
            options,
          ),
      );
      stop({ outcome: 'ok' });
      this.metrics.appendedEvents.inc(count);
      return results;
    } catch (error) {
      stop({ outcome: error instanceof WrongExpectedRevision ? 'conflict' : 'error' });
      throw error;
    }
  }
}

/** The events with the active span's `traceparent` in their metadata (unchanged when off). */
function withTraceparent(events: NewEvent[]): NewEvent[] {
  const traceparent = currentTraceparent();
  if (!traceparent) return events;
  return events.map((event) =>
    event.metadata[TRACEPARENT_KEY] === undefined
      ? { ...event, metadata: { ...event.metadata, [TRACEPARENT_KEY]: traceparent } }
      : event,
  );
}
