import { AsyncLocalStorage } from 'node:async_hooks';
import { StreamHead } from '../event-store/event-store.port';

interface HeadsRead {
  heads: Map<string, StreamHead | null>;
  /** Closed at the command's first append (or its end): nothing is answered from it after. */
  open: boolean;
}

const current = new AsyncLocalStorage<HeadsRead>();

/**
 * The stream heads one step request has asked, answered again within the same request instead of
 * asking the store a second time: a nomination checks its candidates' records against the grant
 * (the scope's fold) and then reads them for the candidate checks (the record's fold), two folds
 * of the same streams a few milliseconds apart, each asking their heads (bench/README, "forty-
 * seventh session"). Within a request the second ask sees the records as the first did, which is
 * what the request checked the grant against anyway.
 *
 * It lives from the route's start until the command's first append, retry or end
 * (`runStreamCommand` closes it): a command decided again after a conflict, the request's own
 * appends and anything the request sets off later (handlers of the events it published) read the
 * store afresh. Outside a step request (`within` not entered) nothing is kept.
 */
export const HeadsReadOnce = {
  within<T>(work: () => Promise<T>): Promise<T> {
    return current.run({ heads: new Map(), open: true }, work);
  },

  /** A head this request has already asked, if it may still be answered from; else undefined. */
  known(streamId: string): StreamHead | null | undefined {
    const read = current.getStore();
    return read?.open ? read.heads.get(streamId) : undefined;
  },

  noted(streamId: string, head: StreamHead | null): void {
    const read = current.getStore();
    if (read?.open) read.heads.set(streamId, head);
  },

  /** Nothing more is answered from what this request asked (its command appends or is retried). */
  close(): void {
    const read = current.getStore();
    if (read) {
      read.open = false;
      read.heads.clear();
    }
  },
};
