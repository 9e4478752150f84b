import { SERVER } from '../bench-database';
import { createBenchDatabase, loadBenchEvents } from './million-events';

/** The size `BENCH_LOAD_ONLY=1 BENCH_PEOPLE=2000 BENCH_CASES=4500 npm run bench:queries` loads: 94,229 events. */
const LOADER_SIZE = { people: 2000, cases: 4500 };

/**
 * Events a second `bench:queries`' loader appends on this machine now (8 writers, whole streams,
 * on a database of its own, removed afterwards). Issue 21 asks bulk work to be at least as fast as
 * this loader; the machines here change speed from one hour to the next (by half within a
 * session, bench/README), so a bench that states its figures against the loader measures it
 * beside them rather than quoting a figure from another day.
 */
export async function loaderEventsPerSecond(): Promise<number> {
  const db = await createBenchDatabase(SERVER, 'cf_bench_loader');
  try {
    const { events, loadSeconds } = await loadBenchEvents(db.pool, LOADER_SIZE);
    return Math.round(events / loadSeconds);
  } finally {
    await db.drop();
  }
}
