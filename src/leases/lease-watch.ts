/**
 * Work that nobody does, as `/health` must tell it: a lease held by no instance (this one cannot
 * take it, or never gets to try), or a lease keeper that stopped finishing its rounds. Without it
 * a keeper stuck on one work's stop left every lease waiting and `/health` saying "ok" for good.
 */
export class LeaseWatch {
  /**
   * Since when each contended lease has been known to be held by no instance: from its adding or
   * its loss here, until this instance starts it or finds another instance holding it.
   */
  private readonly unclaimedSince = new Map<string, number>();
  /** When the keeper last finished a round (connected, checked, contended), or began to run. */
  private lastRoundAt = Date.now();

  constructor(private readonly alarmMs: number) {}

  /** Added, or lost here: nobody holds it until seen otherwise. */
  unclaimed(name: string): void {
    this.unclaimedSince.set(name, Date.now());
  }

  /** Started here, held by another instance, or no longer contended. */
  claimed(name: string): void {
    this.unclaimedSince.delete(name);
  }

  roundFinished(): void {
    this.lastRoundAt = Date.now();
  }

  /** What is wrong, or null: a keeper stuck, or leases held by no instance, past the alarm. */
  problem(): string | null {
    const now = Date.now();
    const unclaimed = [...this.unclaimedSince]
      .filter(([, since]) => now - since > this.alarmMs)
      .map(([name]) => name)
      .sort();
    const idleMs = now - this.lastRoundAt;
    const reasons = [
      ...(idleMs > this.alarmMs
        ? [`the lease keeper has not finished a round for ${idleMs} ms`]
        : []),
      ...(unclaimed.length > 0
        ? [`held by no instance for over ${this.alarmMs} ms: ${unclaimed.join(', ')}`]
        : []),
    ];
    return reasons.length > 0 ? reasons.join('; ') : null;
  }
}
