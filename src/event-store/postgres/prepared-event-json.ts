import { CheckedAppend } from './append-statements';
import { JsonbWriter } from './jsonb-writer';
import { PreparedEvent } from './new-stream-insert';

/** Bytes to start with for a batch's document: an event's JSON is usually well under a kilobyte. */
const BYTES_AN_EVENT = 768;

/**
 * The jsonb document `cf_append` takes for a batch, written around each event's data and
 * metadata text (`PreparedEvent`) instead of serialising the same values again: `JSON.stringify`
 * of a bulk write's batches was a fifth of the service's time in an import of posts.
 */
export function batchJsonb(batch: readonly PreparedEvent[]): Buffer {
  const writer = new JsonbWriter(batch.length * BYTES_AN_EVENT);
  writeBatch(writer, batch);
  return writer.finish();
}

/** The jsonb document `cf_append_many` takes: each append's stream, expected revision and batch. */
export function appendsJsonb(appends: readonly CheckedAppend[]): Buffer {
  const events = appends.reduce((sum, append) => sum + append.batch.length, 0);
  const writer = new JsonbWriter(events * BYTES_AN_EVENT);
  writer.write('[');
  appends.forEach(({ streamId, expectedCode, batch }, at) => {
    writer.write(
      `${at ? ',' : ''}{"stream":${JSON.stringify(streamId)},"expected":${JSON.stringify(expectedCode)},"batch":`,
    );
    writeBatch(writer, batch);
    writer.write('}');
  });
  return writer.write(']').finish();
}

function writeBatch(writer: JsonbWriter, batch: readonly PreparedEvent[]): void {
  writer.write('[');
  batch.forEach((event, at) => {
    writer
      .write(
        `${at ? ',' : ''}{"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},` +
          `"schemaVersion":${JSON.stringify(event.schemaVersion)},"data":`,
      )
      .write(event.dataJson)
      .write(',"metadata":')
      .write(event.metadataJson)
      .write(`,"contentHash":${JSON.stringify(event.contentHash)}}`);
  });
  writer.write(']');
}
