/**
 * Upcasters turn an older schema version of an event's data into the next one, on read.
 * Stored events are never rewritten: the hash chain covers what was written.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export class UpcasterRegistry {
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  /** Registers the step from `fromVersion` to `fromVersion + 1` for `type`. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    const steps = this.byType.get(type) ?? new Map<number, Upcaster>();
    if (steps.has(fromVersion)) {
      throw new Error(`upcaster for ${type} v${fromVersion} is already registered`);
    }
    steps.set(fromVersion, upcast);
    this.byType.set(type, steps);
    return this;
  }

  /** Applies every registered step from the stored version upwards. */
  upcast(
    type: string,
    schemaVersion: number,
    data: Record<string, unknown>,
  ): { schemaVersion: number; data: Record<string, unknown> } {
    const steps = this.byType.get(type);
    let version = schemaVersion;
    let current = data;
    for (let step = steps?.get(version); step; step = steps?.get(version)) {
      current = step(current);
      version += 1;
    }
    return { schemaVersion: version, data: current };
  }
}
