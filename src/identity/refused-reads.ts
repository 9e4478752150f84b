import { ExecutionContext } from '@nestjs/common';

/**
 * Where a guard sends a request it refuses before its handler runs (a role the route does not
 * take, a grant for an unknown unit), so that a sensitive read refused there is in the access
 * log as one refused by scope is. Provided by the access log; absent, nothing is recorded.
 */
export const REFUSED_READS = Symbol('REFUSED_READS');

export interface RefusedReads {
  /** Records the refused request if its route is a logged read; resolves once it is recorded. */
  refused(context: ExecutionContext, refusal: unknown): Promise<void>;
}
