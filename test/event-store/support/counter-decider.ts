import { EventMetadata } from '../../../src/event-store/event-envelope';
import { StreamDecider } from '../../../src/common/stream-decider';

/**
 * A counter that refuses to go past a limit: the rule must be judged on the current count (the
 * rules of a person's record, in small).
 */
export type Counter = { count: number };
export const counter = (limit: number): StreamDecider<Counter, 'increment', void> => ({
  initialState: () => ({ count: 0 }),
  evolve: (state) => ({ count: state.count + 1 }),
  decide: (state) => {
    if (state.count >= limit) throw new Error(`limit ${limit} reached`);
    return [{ type: 'Incremented', data: { to: state.count + 1 } }];
  },
});

export const metadata: EventMetadata = {
  actorId: 'test',
  correlationId: 'c',
  causationId: null,
  occurredAt: new Date().toISOString(),
};
