interface Entry<Value> {
  value: Value;
  /** Read since it was stored or last spared: spared once more when its turn to go comes. */
  used: boolean;
}

/**
 * A per-process map of at most `capacity` entries. When one must go, the oldest entry not read
 * since it was stored (or last spared) goes; an entry read meanwhile is spared once and moves to
 * the back ("second chance", an approximation of least recently used).
 *
 * A read only marks its entry: it used to move it to the back of the Map (a delete and a set on
 * every hit), and those reads (a token verified, a case's origin, a unit's path) were about 1 % of
 * the service's CPU in the lifecycle bench, most of it the Map compacting the holes the deletes left.
 *
 * Only for answers that can never change once known, or that are checked before they are relied
 * on (see its users): it has no expiry.
 */
export class BoundedCache<Key, Value> {
  private readonly entries = new Map<Key, Entry<Value>>();
  /**
   * Where the last eviction stopped, kept from one to the next. A Map keeps the holes its deletes
   * leave until it compacts itself, and an iterator started afresh at each eviction stepped over
   * all of them: about 1 % of the service's time in a batch of 10,000 openings (bench/README.md).
   * A Map's iterator goes on past entries deleted and sees those set after it started.
   */
  private cursor: Iterator<[Key, Entry<Value>]> | null = null;

  constructor(private readonly capacity: number) {}

  get(key: Key): Value | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.value;
  }

  set(key: Key, value: Value): void {
    this.entries.delete(key);
    // A capacity of 0 keeps nothing (a cache turned off by its setting).
    if (this.capacity < 1) return;
    this.entries.set(key, { value, used: false });
    this.evictOverCapacity(key);
  }

  /** The value kept for `key`, or `compute`'s, kept from now on. */
  getOrCompute(key: Key, compute: (key: Key) => Value): Value {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      entry.used = true;
      return entry.value;
    }
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  delete(key: Key): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry just stored is never the one that goes; the others are spared at most once each. */
  private evictOverCapacity(stored: Key): void {
    while (this.entries.size > this.capacity) {
      const oldest = this.oldest();
      if (oldest === undefined) break;
      const [key, entry] = oldest;
      this.entries.delete(key);
      if (entry.used || key === stored) {
        entry.used = false;
        this.entries.set(key, entry);
      }
    }
  }

  private oldest(): [Key, Entry<Value>] | undefined {
    for (let fresh = 0; fresh < 2; fresh += 1) {
      this.cursor ??= this.entries.entries();
      const step = this.cursor.next();
      if (!step.done) return step.value;
      // A finished iterator stays finished, even for entries set after.
      this.cursor = null;
    }
    return undefined;
  }
}
