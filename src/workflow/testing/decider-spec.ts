import { DomainEvent, StreamDecider } from '../../common/stream-decider';
import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';

/**
 * One helper for decider specs: given the commands that built a stream (each with its context),
 * when one more command is decided, then the events it writes, or the rule that refuses it.
 */
export function givenCommands<S, C, X>(decider: StreamDecider<S, C, X>, ...commands: [C, X][]) {
  let state = decider.initialState();
  const history: DomainEvent[] = [];
  for (const [command, context] of commands) {
    for (const event of decider.decide(state, command, context)) {
      history.push(event);
      state = decider.evolve(state, event);
    }
  }
  return {
    state,
    history,
    when(command: C, context: X) {
      const run = () => decider.decide(state, command, context);
      return {
        /** The events' types, in order; returns the events and the state after them. */
        then(types: string[]) {
          const events = run();
          expect(events.map((e) => e.type)).toEqual(types);
          return { events, state: events.reduce(decider.evolve, state) };
        },
        refuses(rule: string, category?: DomainRuleViolation['category']): DomainRuleViolation {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainRuleViolation);
          expect((caught as DomainRuleViolation).rule).toBe(rule);
          if (category) expect((caught as DomainRuleViolation).category).toBe(category);
          return caught as DomainRuleViolation;
        },
      };
    },
  };
}
