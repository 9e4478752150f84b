/** Type helpers over the plain-data unions every procedure's decider is written in. */

/** The data of one event type of a union. */
export type EventData<E extends { type: string; data: unknown }, T extends E['type']> = Extract<
  E,
  { type: T }
>['data'];

/** One command type of a union. */
export type CommandOf<C extends { type: string }, T extends C['type']> = Extract<C, { type: T }>;

/** One step body kind of a union. */
export type BodyOf<B extends { kind: string }, K extends B['kind']> = Extract<B, { kind: K }>;

/** A state union narrowed to some statuses. */
export type InStatus<S extends { status: string }, T extends S['status']> = Extract<
  S,
  { status: T }
>;

/** The end of an exhaustive switch: a new member of the union fails to compile here. */
export function unreachable(value: never): never {
  return value;
}
