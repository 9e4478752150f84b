/**
 * The revision of the stream a command was refused on. A refusal of a step taken twice at once
 * (409 `step.out_of_order`) then tells the caller what to reload, as a stale `If-Match` does.
 */
const DECIDED_AT_REVISION = Symbol('decidedAtRevision');

/** Runs `decide`; a refusal it throws carries `revision` (null: the stream is new). */
export function decidedAtRevision<T>(revision: number | null, decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof Error)
      Object.defineProperty(error, DECIDED_AT_REVISION, { value: revision, enumerable: false });
    throw error;
  }
}

/** The revision a refusal was decided at; undefined when it was not decided on a stream. */
export function refusalRevision(error: unknown): number | null | undefined {
  return error instanceof Error
    ? (error as Error & { [DECIDED_AT_REVISION]?: number | null })[DECIDED_AT_REVISION]
    : undefined;
}
