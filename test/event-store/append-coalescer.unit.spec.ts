import { AppendResult } from '../../src/event-store/event-store.port';
import {
  AppendCoalescer,
  CoalescibleAppend,
} from '../../src/event-store/postgres/append-coalescer';

interface Call {
  kind: 'together' | 'alone';
  streams: string[];
  finish: () => void;
  fail: (error: Error) => void;
}

/** A coalescer whose statements stay open until the test finishes or fails them. */
function harness(options: {
  maxStatements: number;
  maxEventsPerStatement?: number;
  refusedAt?: (error: unknown, appends: readonly CoalescibleAppend[]) => number | undefined;
}) {
  const calls: Call[] = [];
  const resultOf = (append: CoalescibleAppend): AppendResult => ({
    nextRevision: append.batch.length - 1,
    position: `pos-of-${append.streamId}`,
  });
  const coalescer = new AppendCoalescer<CoalescibleAppend>({
    maxStatements: options.maxStatements,
    maxEventsPerStatement: options.maxEventsPerStatement ?? 64,
    refusedAt: options.refusedAt,
    together: (appends) =>
      new Promise((resolve, reject) => {
        calls.push({
          kind: 'together',
          streams: appends.map((a) => a.streamId),
          finish: () => resolve(appends.map(resultOf)),
          fail: reject,
        });
      }),
    alone: (append) =>
      new Promise((resolve, reject) => {
        calls.push({
          kind: 'alone',
          streams: [append.streamId],
          finish: () => resolve(resultOf(append)),
          fail: reject,
        });
      }),
  });
  const append = (streamId: string, events = 1) =>
    coalescer.submit({ streamId, batch: Array.from({ length: events }, (_, i) => i) });
  return { calls, append };
}

/** Lets the coalescer's deferred dispatch and the promise chains around it run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('AppendCoalescer (group commit of appends)', () => {
  it('sends an append on its own when a statement slot is free', async () => {
    const { calls, append } = harness({ maxStatements: 2 });
    const result = append('case-1');
    await settle();
    expect(calls.map((c) => [c.kind, c.streams])).toEqual([['alone', ['case-1']]]);
    calls[0].finish();
    await expect(result).resolves.toEqual({ nextRevision: 0, position: 'pos-of-case-1' });
  });

  it('lets appends that arrive while every slot is busy share the next statement, each caller getting its own result', async () => {
    const { calls, append } = harness({ maxStatements: 1 });
    const first = append('case-0');
    await settle();
    const waiting = [append('case-3', 2), append('case-1'), append('case-2')];
    await settle();
    expect(calls).toHaveLength(1);
    calls[0].finish();
    await first;
    await settle();
    expect(calls.map((c) => [c.kind, c.streams])).toEqual([
      ['alone', ['case-0']],
      // Sorted by stream: every shared statement takes its streams in one order.
      ['together', ['case-1', 'case-2', 'case-3']],
    ]);
    calls[1].finish();
    await expect(Promise.all(waiting)).resolves.toEqual([
      { nextRevision: 1, position: 'pos-of-case-3' },
      { nextRevision: 0, position: 'pos-of-case-1' },
      { nextRevision: 0, position: 'pos-of-case-2' },
    ]);
  });

  it('spreads waiting appends over the free slots', async () => {
    const { calls, append } = harness({ maxStatements: 2 });
    void ['a', 'b', 'c', 'd', 'e'].map((stream) => append(stream));
    await settle();
    expect(calls.map((c) => c.streams)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('never puts two appends to one stream in the same statement', async () => {
    const { calls, append } = harness({ maxStatements: 1 });
    void [append('case-1'), append('case-1'), append('case-2')];
    await settle();
    expect(calls.map((c) => c.streams)).toEqual([['case-1', 'case-2']]);
    calls[0].finish();
    await settle();
    expect(calls.map((c) => c.streams)).toEqual([['case-1', 'case-2'], ['case-1']]);
  });

  it('keeps a shared statement within the event limit', async () => {
    const { calls, append } = harness({ maxStatements: 1, maxEventsPerStatement: 5 });
    void [append('a', 3), append('b', 3), append('c', 2)];
    await settle();
    expect(calls.map((c) => c.streams)).toEqual([['a', 'c']]);
  });

  it('when a shared statement fails, sends each append again on its own so one bad append fails only its caller', async () => {
    const { calls, append } = harness({ maxStatements: 1 });
    const good = append('case-1');
    const bad = append('case-2');
    await settle();
    calls[0].fail(new Error('duplicate key value violates unique constraint'));
    await settle();
    expect(calls.slice(1).map((c) => [c.kind, c.streams])).toEqual([
      ['alone', ['case-1']],
      ['alone', ['case-2']],
    ]);
    calls[1].finish();
    calls[2].fail(new Error('wrong expected revision'));
    await expect(good).resolves.toEqual({ nextRevision: 0, position: 'pos-of-case-1' });
    await expect(bad).rejects.toThrow('wrong expected revision');
  });

  it('when the failed statement names the append that refused it, sends that one alone and the rest together again', async () => {
    const refusedAt = (error: unknown, appends: readonly CoalescibleAppend[]) => {
      const stream = /refused by (\S+)/.exec(String(error))?.[1];
      const place = appends.findIndex((append) => append.streamId === stream);
      return place >= 0 ? place : undefined;
    };
    const { calls, append } = harness({ maxStatements: 1, refusedAt });
    const busy = append('case-0');
    await settle();
    const waiting = ['case-1', 'case-2', 'case-3', 'case-4'].map((stream) => append(stream));
    await settle();
    calls[0].finish();
    await busy;
    await settle();
    calls[1].fail(new Error('wrong expected revision: refused by case-3'));
    await settle();
    expect(calls.slice(1).map((c) => [c.kind, c.streams])).toEqual([
      ['together', ['case-1', 'case-2', 'case-3', 'case-4']],
      ['alone', ['case-3']],
      ['together', ['case-1', 'case-2', 'case-4']],
    ]);
    calls[2].fail(new Error('wrong expected revision'));
    calls[3].finish();
    const outcomes = await Promise.allSettled(waiting);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
  });

  it('does not start more statements than allowed, and starts the next one as soon as a slot frees', async () => {
    const { calls, append } = harness({ maxStatements: 2 });
    const appends = [append('a'), append('b')];
    await settle();
    expect(calls).toHaveLength(2);
    appends.push(append('c'));
    await settle();
    expect(calls).toHaveLength(2);
    calls[1].finish();
    await settle();
    expect(calls.map((c) => c.streams)).toEqual([['a'], ['b'], ['c']]);
    calls[0].finish();
    calls[2].finish();
    await expect(Promise.all(appends)).resolves.toHaveLength(3);
  });
});
