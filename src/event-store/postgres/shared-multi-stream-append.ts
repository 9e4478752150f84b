import { Pool } from 'pg';
import { AppendResult } from '../event-store.port';
import { CheckedAppend } from './append-statements';
import { AppendCoalescer, CoalescibleAppend, inStreamOrder } from './append-coalescer';
import { appendInOneTransaction, assertAppendable } from './multi-stream-append';
import { NEW_STREAM_INSERT_MAX_EVENTS } from './new-stream-insert';
import { retryOnConnectionLoss } from './retry-on-connection-loss';
import { oneStatementAppend } from './one-statement-append';
import { refusedCheckedAppend, refusedNewStream } from './refused-append';

/** One caller's `appendMany`, as the append coalescer takes it: every stream it writes. */
export interface MultiStreamAppend extends CoalescibleAppend {
  appends: CheckedAppend[];
}

export function multiStreamAppend(appends: CheckedAppend[]): MultiStreamAppend {
  return {
    appends,
    streamId: appends[0].streamId,
    streams: appends.map((append) => append.streamId),
    batch: appends.flatMap((append) => append.batch),
  };
}

/** Every caller's appends in one list, in stream order: one lock order for every statement. */
function flattened(items: readonly MultiStreamAppend[]) {
  return items
    .flatMap((item, owner) => item.appends.map((append) => ({ append, owner })))
    .sort(inStreamOrder);
}

/**
 * Several callers' multi-stream appends (a step with its deadline timers, an opening with its id
 * and slot) as one statement and one commit, as the single-stream appends that wait share one
 * (ADR 5): each caller's appends are all or nothing because the statement is. The coalescer only
 * groups appends to distinct streams and at most a shared statement's events, which one INSERT
 * of the new streams always holds.
 */
export async function appendManyTogether(
  pool: Pool,
  items: readonly MultiStreamAppend[],
  maxNewEvents: number,
): Promise<AppendResult[][]> {
  const flat = flattened(items);
  const write = oneStatementAppend(
    flat.map(({ append }) => append),
    maxNewEvents,
  );
  if (!write)
    throw new Error('shared multi-stream append: its new streams need more than one INSERT');
  const results = await write(pool);
  const byOwner = items.map(() => new Map<CheckedAppend, AppendResult>());
  flat.forEach(({ append, owner }, at) => byOwner[owner].set(append, results[at]));
  return items.map((item, owner) => item.appends.map((append) => byOwner[owner].get(append)!));
}

/**
 * Whose appends refused a shared statement, from the error: the new stream whose INSERT broke a
 * unique index, or the `cf_append_many` item that raised (both in the order `appendManyTogether`
 * sent them). Unknown: every caller's appends go out alone.
 */
export function refusedMultiStreamAppend(
  error: unknown,
  items: readonly MultiStreamAppend[],
): number | undefined {
  const flat = flattened(items);
  const fresh = flat.filter(({ append }) => append.expected === 'no_stream');
  const checked = flat.filter(({ append }) => append.expected !== 'no_stream');
  const newAt = refusedNewStream(
    error,
    fresh.map(({ append }) => append),
  );
  if (newAt !== undefined) return fresh[newAt].owner;
  const checkedAt = refusedCheckedAppend(
    error,
    checked.map(({ append }) => append),
  );
  return checkedAt === undefined ? undefined : checked[checkedAt].owner;
}

/**
 * `appendMany` on PostgreSQL: one that fits a shared statement waits, when every statement slot
 * is busy, and shares the next one with other callers' (`appendManyTogether`); a bulk chunk goes
 * out alone in its own transaction, as before.
 */
export class SharedMultiStreamAppends {
  private readonly coalescer: AppendCoalescer<MultiStreamAppend, AppendResult[]>;

  constructor(
    private readonly pool: Pool,
    private readonly limits: { maxStatements: number; maxEventsPerStatement: number },
  ) {
    this.coalescer = new AppendCoalescer<MultiStreamAppend, AppendResult[]>({
      ...limits,
      together: (items) => appendManyTogether(pool, items, NEW_STREAM_INSERT_MAX_EVENTS),
      refusedAt: refusedMultiStreamAppend,
      alone: ({ appends }) => this.alone(appends),
    });
  }

  /** `after`: an earlier write this one is sent after (`AppendManyOptions`). */
  append(appends: CheckedAppend[], after?: Promise<unknown>): Promise<AppendResult[]> {
    assertAppendable(appends);
    const events = appends.reduce((sum, append) => sum + append.batch.length, 0);
    if (events > this.limits.maxEventsPerStatement) return this.alone(appends, after);
    const shared = () => this.coalescer.submit(multiStreamAppend(appends));
    // Without `after` (every write but a bulk chunk's) it goes straight to the coalescer.
    return after ? after.then(shared, shared) : shared();
  }

  private alone(appends: CheckedAppend[], after?: Promise<unknown>): Promise<AppendResult[]> {
    return retryOnConnectionLoss(() => appendInOneTransaction(this.pool, appends, after));
  }
}
