import { DomainEvent } from '../../common/stream-decider';

/** A stream's state from its events, as its decider folds them (the "given" of a spec). */
export function fold<S>(
  decider: { initialState(): S; evolve(state: S, event: DomainEvent): S },
  events: DomainEvent[],
): S {
  return events.reduce(decider.evolve, decider.initialState());
}

/** An event of a stream in a spec: its type and the data that matters to the case at hand. */
export const event = (type: string, data: Record<string, unknown>): DomainEvent => ({ type, data });

/**
 * One helper for workflow specs: given the streams a workflow reads (folded from their events),
 * when it runs, then the writes it asks for (or the error it throws). No framework involved.
 */
export function given<I extends unknown[]>(...input: I) {
  return {
    when<O>(workflow: (...input: I) => O) {
      return {
        then(expected: O): void {
          expect(workflow(...input)).toEqual(expected);
        },
        thenThrows(message: string | RegExp): void {
          expect(() => workflow(...input)).toThrow(message);
        },
      };
    },
  };
}
