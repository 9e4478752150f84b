/** The shape every write-side model has: pure decide and evolve over plain-data events. */
export interface DomainEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface StreamDecider<State, Command, Context> {
  initialState(): State;
  evolve(state: State, event: DomainEvent): State;
  decide(state: State, command: Command, context: Context): DomainEvent[];
}
