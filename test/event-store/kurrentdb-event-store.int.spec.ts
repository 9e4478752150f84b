import { KurrentDbEventStore } from '../../src/event-store/kurrentdb/kurrentdb-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { eventStoreContract } from './event-store.contract';

/**
 * The same contract against a live KurrentDB. No KurrentDB server can run on this project's
 * development and CI machines, so without KURRENTDB_URL the suite is reported as skipped.
 */
const url = process.env.KURRENTDB_URL;
const describeIfServer = url ? describe : describe.skip;

describeIfServer(
  `KurrentDB event store (contract)${url ? '' : ' — skipped: KURRENTDB_URL is not set'}`,
  () => {
    eventStoreContract(async () => {
      const upcasters = new StoredEventNames();
      const store = new KurrentDbEventStore(url!, upcasters);
      return {
        store,
        upcasters,
        detectsIdReuseAcrossStreams: false,
        atomicAppendMany: false,
        async close() {
          await store.close();
        },
      };
    });
  },
);
