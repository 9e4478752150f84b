import { DomainEvent, StreamDecider } from '../../common/stream-decider';
import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';

/**
 * One helper for decider specs: given the events a stream holds, when a command is decided under
 * a context (definition, rule set, calendar, who acts, today), then the events it appends or the
 * rule that refuses it. No framework involved: the decider's own `evolve` folds the history.
 */
export function givenStream<S, C, X>(decider: StreamDecider<S, C, X>, ...history: DomainEvent[]) {
  const state = history.reduce(decider.evolve, decider.initialState());
  return {
    state,
    when(command: C, context: X) {
      const run = () => decider.decide(state, command, context);
      return {
        /** The events appended, for the spec to look into. */
        events: run,
        then(expected: DomainEvent[] | string[]): DomainEvent[] {
          const events = run();
          if (expected.every((e) => typeof e === 'string'))
            expect(events.map((e) => e.type)).toEqual(expected);
          else expect(events).toEqual(expected);
          return events;
        },
        refuses(rule: string, message?: RegExp): DomainRuleViolation {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainRuleViolation);
          expect((caught as DomainRuleViolation).rule).toBe(rule);
          if (message) expect((caught as DomainRuleViolation).message).toMatch(message);
          return caught as DomainRuleViolation;
        },
      };
    },
  };
}

/** The events a history of commands appends, each decided under its context in turn (the "given"). */
export function historyOf<S, C, X>(
  decider: StreamDecider<S, C, X>,
  ...steps: [C, X][]
): DomainEvent[] {
  let state = decider.initialState();
  const history: DomainEvent[] = [];
  for (const [command, context] of steps) {
    for (const event of decider.decide(state, command, context)) {
      history.push(event);
      state = decider.evolve(state, event);
    }
  }
  return history;
}

/** A rule set like another with some parameters' values replaced (what a spec varies). */
export function withParams<
  R extends { id: string; params: Record<string, { value: unknown; citation: string }> },
>(ruleSet: R, values: Record<string, unknown>): R {
  const params = { ...ruleSet.params };
  for (const [name, value] of Object.entries(values))
    params[name] = { ...(params[name] ?? { citation: `${name} (spec)` }), value };
  return { ...ruleSet, id: `${ruleSet.id}+spec`, params };
}
