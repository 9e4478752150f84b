/** The registry of event upcasters; modules register theirs at start, adapters apply them on read. */
export const UPCASTERS = Symbol('UPCASTERS');
