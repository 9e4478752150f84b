import { CheckedAppend } from './append-statements';
import { StreamBatch } from './new-stream-insert';

interface PgErrorFields {
  code?: string;
  hint?: string;
  detail?: string;
  constraint?: string;
}

const fieldsOf = (error: unknown): PgErrorFields =>
  typeof error === 'object' && error !== null ? (error as PgErrorFields) : {};

/** `cf_append_many` names the item that raised in its HINT (migration 1735300000000). */
const REFUSED_ITEM = /^cf_append_many item (\d+)$/;

/** The place of the append a failed `cf_append_many` refused, if the error names it. */
export function refusedCheckedAppend(
  error: unknown,
  appends: readonly CheckedAppend[],
): number | undefined {
  const match = REFUSED_ITEM.exec(fieldsOf(error).hint ?? '');
  if (!match) return undefined;
  const place = Number(match[1]);
  return place < appends.length ? place : undefined;
}

const TAKEN_REVISION = /^Key \(stream_id, revision\)=\((.*), \d+\) already exists\.$/;
const TAKEN_EVENT_ID = /^Key \(event_id\)=\((.*)\) already exists\.$/;

/**
 * The place of the new stream whose INSERT broke a unique index (the stream exists, or one of its
 * event ids is stored), from PostgreSQL's own detail of the violated key.
 */
export function refusedNewStream(
  error: unknown,
  appends: readonly StreamBatch[],
): number | undefined {
  const { code, constraint, detail = '' } = fieldsOf(error);
  if (code !== '23505') return undefined;
  let place = -1;
  if (constraint === 'events_stream_revision_unique') {
    const stream = TAKEN_REVISION.exec(detail)?.[1];
    place = appends.findIndex((append) => append.streamId === stream);
  } else if (constraint === 'events_event_id_unique') {
    const eventId = TAKEN_EVENT_ID.exec(detail)?.[1];
    place = appends.findIndex((append) => append.batch.some((event) => event.id === eventId));
  }
  return place >= 0 ? place : undefined;
}
