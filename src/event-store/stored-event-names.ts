/**
 * Stored event names carry the schema version of their data: an event of type `CaseOpened` written
 * at version 1 is stored as `CaseOpened.v1`. Everything above the store (deciders, projections,
 * sagas, read models, the audit history) sees one name per event, `CaseOpened`, whatever it was
 * stored under.
 *
 * Databases written before versioned names hold the bare type (`CaseOpened`) with its version in
 * `schemaVersion` (always 1 then). Those rows are never rewritten: the hash chain covers what was
 * written, and the hash covers the event's type and version, not the stored spelling of its name,
 * so a row reads and verifies the same under either name (and an event appended again with the
 * same id, after an upgrade, is still recognised as the same event).
 */
export const storedEventName = (type: string, schemaVersion: number): string =>
  `${type}.v${schemaVersion}`;

const VERSIONED = /^(.+)\.v(\d+)$/;

/** The event type and version a stored name spells; `version` is null for a name from before versions. */
export function parseStoredEventName(stored: string): { type: string; version: number | null } {
  const match = VERSIONED.exec(stored);
  return match ? { type: match[1], version: Number(match[2]) } : { type: stored, version: null };
}

/** Brings the data of one version of an event type to the next version's shape. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** An event as the layers above the store see it: its type, its current version and data. */
export interface ReadEvent {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
}

/**
 * The names events are stored under and the upcasters that bring older versions up to date, on
 * read only: stored events are never rewritten. Both event stores map every append and read here.
 */
export class StoredEventNames {
  private readonly upcasters = new Map<string, Map<number, Upcaster>>();

  /** Registers the step from `fromVersion` to `fromVersion + 1` of `type`'s data. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    const steps = this.upcasters.get(type) ?? new Map<number, Upcaster>();
    if (steps.has(fromVersion)) {
      throw new Error(`upcaster for ${type} v${fromVersion} is already registered`);
    }
    steps.set(fromVersion, upcast);
    this.upcasters.set(type, steps);
    return this;
  }

  /** The name an event of `type` at `schemaVersion` is appended under. */
  toStored(type: string, schemaVersion: number): string {
    return storedEventName(type, schemaVersion);
  }

  /** What a stored row means today: its type without the version, its data upcast to the latest. */
  read(storedName: string, schemaVersion: number, data: Record<string, unknown>): ReadEvent {
    const { type } = parseStoredEventName(storedName);
    const steps = this.upcasters.get(type);
    let version = schemaVersion;
    let current = data;
    for (let step = steps?.get(version); step; step = steps?.get(version)) {
      current = step(current);
      version += 1;
    }
    return { type, schemaVersion: version, data: current };
  }

  /**
   * Every name events of `type` may be stored under: the name from before versions, and one per
   * version up to the latest its upcasters know (a filter on type must find them all).
   */
  storedNamesOf(type: string): string[] {
    const steps = [...(this.upcasters.get(type)?.keys() ?? [])];
    const latest = Math.max(1, ...steps.map((from) => from + 1));
    const names = [type];
    for (let version = 1; version <= latest; version += 1)
      names.push(storedEventName(type, version));
    return names;
  }
}

/**
 * Whether a stored name agrees with the version the row records (hashed): a name edited to claim
 * another version is a tampered row. A name from before versions names no version.
 */
export function storedNameMatchesVersion(storedName: string, schemaVersion: number): boolean {
  const { version } = parseStoredEventName(storedName);
  return version === null || version === schemaVersion;
}
