import { RecordedEvent } from '../../event-store/event-envelope';
import { AllFrom, EventStore } from '../../event-store/event-store.port';
import { CASE_PROCEDURES } from './case-stream';

/** Events read from the store per page of the scan. */
const SCAN_PAGE = 1_000;

/**
 * Every case's opening event (revision 0 of a case stream), page by page in the store's order:
 * what the one-time backfills over the store's cases go through. `cancelled` is asked before each
 * page; a stop throws `<what> stopped`, and the next pass starts over.
 */
export async function* caseOpeningPages(
  store: EventStore,
  cancelled: () => boolean,
  what: string,
): AsyncGenerator<RecordedEvent[]> {
  let from: AllFrom = 'start';
  for (;;) {
    if (cancelled()) throw new Error(`${what} stopped`);
    const page = await store.readAll(from, {
      limit: SCAN_PAGE,
      filter: { streamPrefix: CASE_PROCEDURES.map((procedure) => `${procedure}-`) },
    });
    if (page.length === 0) return;
    from = page.at(-1)!.position;
    yield page.filter((event) => event.revision === 0);
  }
}
