import { Pool } from 'pg';
import { StreamSnapshot } from '../../event-store/stream-snapshot';
import { caseStream } from './case-stream';
import { OpenCaseSlotKey, openCaseSlotStream, SlotClaim, slotHolder } from './open-case-slot';
import { OpenCaseSlotCoverage } from './open-case-slot-coverage';
import { OpenCaseSlots } from './open-case-slots';

const slotKey = (slot: OpenCaseSlotKey) => openCaseSlotStream(slot);

/**
 * OpenCaseSlots over a bulk job's snapshot: the slots of many entries read at once (`prefetch`:
 * their streams, the case list for slots never claimed, and the cases holding them), then each
 * claim planned by OpenCaseSlots' own rules from memory.
 */
export class PrefetchedOpenCaseSlots extends OpenCaseSlots {
  private readonly openedBefore = new Map<string, SlotClaim | null>();

  constructor(
    private readonly snapshot: StreamSnapshot,
    private readonly db: Pool,
    coverage: OpenCaseSlotCoverage,
  ) {
    super(snapshot, db, coverage);
  }

  async prefetch(slots: OpenCaseSlotKey[]): Promise<void> {
    await this.snapshot.take(slots.map(slotKey));
    const unclaimed = slots.filter(
      (slot) => !this.openedBefore.has(slotKey(slot)) && !this.snapshot.held(slotKey(slot))?.length,
    );
    await this.fetchOpenedBefore(unclaimed);
    const holders = slots.flatMap((slot) => {
      const events = this.snapshot.held(slotKey(slot)) ?? [];
      const holder = events.length ? slotHolder(events) : this.openedBefore.get(slotKey(slot));
      return holder ? [caseStream(slot.procedure, holder.caseId)] : [];
    });
    await this.snapshot.take(holders);
  }

  protected override openedBeforeSlots(slot: OpenCaseSlotKey): Promise<SlotClaim | null> {
    const key = slotKey(slot);
    if (this.openedBefore.has(key)) return Promise.resolve(this.openedBefore.get(key)!);
    // Only a slot never claimed needs the answer (`planClaim` asks side by side with its read):
    // one the snapshot holds claimed is not asked about, or a repeated batch would ask per entry.
    if (this.snapshot.held(key)?.length) return Promise.resolve(null);
    return super.openedBeforeSlots(slot);
  }

  /** `openedBeforeSlots` for many slots in one query: the earliest open case of each. */
  private async fetchOpenedBefore(slots: OpenCaseSlotKey[]): Promise<void> {
    if (!slots.length || (await this.coverage.isComplete())) return;
    const { rows } = await this.db.query<{
      procedure: string;
      person_id: string;
      position_id: string;
      case_id: string;
    }>(
      `SELECT DISTINCT ON (s.ord) s.procedure, s.person_id, s.position_id, c.case_id
         FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS s(procedure, person_id, position_id, ord)
         JOIN case_summaries c ON c.procedure = s.procedure AND c.person_id = s.person_id
                              AND c.position_id = s.position_id AND c.status = 'open'
        ORDER BY s.ord, c.opened_sequence`,
      [slots.map((s) => s.procedure), slots.map((s) => s.personId), slots.map((s) => s.positionId)],
    );
    for (const slot of slots) this.openedBefore.set(slotKey(slot), null);
    for (const row of rows)
      this.openedBefore.set(
        slotKey({ procedure: row.procedure, personId: row.person_id, positionId: row.position_id }),
        // As `openedBeforeSlots`: an old claim time, so a case that turns out not to exist holds nothing.
        { caseId: row.case_id, claimedAt: new Date(0).toISOString() },
      );
  }
}
