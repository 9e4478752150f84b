import { RecordedEvent } from '../event-store/event-envelope';
import { ProjectedEvent } from '../projections/projection';

/**
 * Applies a projection's batch in order, each run of consecutive events that `inRun` picks written
 * by one statement (`writeRun`) and every other event it `handles` by `writeOne`. An import of
 * 10,000 people cost the read models 10,000 upserts each, one round trip apiece; events it does
 * not handle write nothing and do not cut a run in two (a live batch holds the cases' steps between
 * two decisions: a statement each, before; bench/README.md, issue 21).
 */
export async function applyInRuns(
  events: readonly ProjectedEvent[],
  handles: (event: RecordedEvent) => boolean,
  inRun: (event: RecordedEvent) => boolean,
  writeRun: (run: readonly ProjectedEvent[]) => Promise<void>,
  writeOne: (projected: ProjectedEvent) => Promise<void>,
): Promise<void> {
  let run: ProjectedEvent[] = [];
  for (const projected of events) {
    if (!handles(projected.event)) continue;
    if (inRun(projected.event)) {
      run.push(projected);
      continue;
    }
    if (run.length > 0) await writeRun(run);
    run = [];
    await writeOne(projected);
  }
  if (run.length > 0) await writeRun(run);
}

/**
 * The last event of each key, in the order of those last ones: a run upserted by one statement
 * may not name a row twice, and the last of a key is what upserting them one by one leaves.
 */
export function lastOfEachKey(
  run: readonly ProjectedEvent[],
  key: (event: RecordedEvent) => string,
): ProjectedEvent[] {
  const last = new Map<string, ProjectedEvent>();
  for (const projected of run) {
    const at = key(projected.event);
    last.delete(at);
    last.set(at, projected);
  }
  return [...last.values()];
}
