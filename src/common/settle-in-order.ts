/**
 * Runs independent checks or reads at once and answers as if they had run one after another:
 * the results in order, or the error of the first (in the given order) that failed, whichever
 * failed first in time. A request's scope checks and an opening's reads each cost a round trip to
 * PostgreSQL; side by side they cost about one, and the caller still hears the error it would
 * have heard before (a 403 for the unit before a 422 for the post).
 */
export async function settleInOrder<T extends readonly unknown[]>(work: {
  [K in keyof T]: () => Promise<T[K]>;
}): Promise<T> {
  const settled = await Promise.allSettled(work.map((start) => start()));
  const values: unknown[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    values.push(outcome.value);
  }
  return values as unknown as T;
}
