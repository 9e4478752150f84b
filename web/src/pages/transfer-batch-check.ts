import { ApiError } from '../api/client';
import { BatchEntry, LineProblem, resolveNames, serviceDirectory } from './transfer-batch-names';

export interface BatchCheck {
  batchId: string;
  valid: boolean;
  total: number;
  alreadyOpened: number;
  errors: LineProblem[];
  /** The entries with their names turned into ids: what opening the batch sends. */
  entries: BatchEntry[];
}

type Call = <T>(path: string, body?: unknown) => Promise<T>;

/**
 * The dry run of a pasted list: its names turned into ids here, the lines whose names all
 * resolved checked by the service, and every line's problems listed together (a name not found
 * beside what the service says of the other lines, an entry outside the grant with the rest).
 * The service numbers the lines it was sent: its problems are given back their own line numbers.
 */
export async function checkBatch(
  entries: BatchEntry[],
  batchId: string,
  call: Call,
): Promise<BatchCheck> {
  const names = await resolveNames(
    entries,
    serviceDirectory((path) => call(path)),
  );
  const unresolved = new Set(names.problems.map((problem) => problem.index));
  const sent = names.entries.flatMap((entry, index) => (unresolved.has(index) ? [] : [index]));
  const merged = (server: LineProblem[]) =>
    [...names.problems, ...server.map((problem) => renumbered(problem, sent))].sort(
      (a, b) => a.index - b.index,
    );
  const local = {
    total: entries.length,
    alreadyOpened: 0,
    entries: names.entries,
  };
  if (sent.length === 0) return { ...local, batchId, valid: false, errors: names.problems };
  try {
    const server = await call<Omit<BatchCheck, 'entries'>>('/transfer-batches/check', {
      ...(batchId ? { id: batchId } : {}),
      entries: sent.map((index) => names.entries[index]),
    });
    const errors = merged(server.errors);
    return { ...server, ...local, valid: errors.length === 0, errors };
  } catch (error) {
    if (!(error instanceof ApiError) || !Array.isArray(error.body.errors)) throw error;
    const errors = merged(error.body.errors as LineProblem[]);
    const message = renumber(error.message, sent);
    throw new ApiError(error.status, error.rule, message, error.field, {
      ...error.body,
      errors,
    });
  }
}

/** A problem of the `at`-th line sent, numbered as the line of the pasted list it came from. */
function renumbered(problem: LineProblem, sent: number[]): LineProblem {
  return {
    ...problem,
    index: sent[problem.index] ?? problem.index,
    field: renumber(problem.field, sent),
    message: renumber(problem.message, sent),
  };
}

/** `entries[k]` and `entry k` of the lines sent, as the lines of the pasted list. */
function renumber(text: string, sent: number[]): string {
  const line = (at: string) => String(sent[Number(at)] ?? at);
  return text
    .replace(/entries\[(\d+)\]/g, (_, at: string) => `entries[${line(at)}]`)
    .replace(/\bentry (\d+)\b/g, (_, at: string) => `entry ${line(at)}`);
}
