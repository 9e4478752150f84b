import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { loadStream } from '../../common/stream-command-runner';
import { EventMetadata } from '../../event-store/event-envelope';
import { WrongExpectedRevision } from '../../event-store/event-store.errors';
import { EVENT_STORE, EventStore, StreamAppend } from '../../event-store/event-store.port';
import { BoundedCache } from '../../common/bounded-cache';
import { deterministicId } from '../../common/deterministic-id';
import { PG_POOL } from '../../common/tokens';
import { caseDecider } from './decider/case.decider';
import { DuplicateOpenCase } from './duplicate-open-case';
import { caseStream } from './case-stream';
import { OpenCaseSlotCoverage } from './open-case-slot-coverage';
import {
  OpenCaseSlotEvent,
  OpenCaseSlotKey,
  openCaseSlotOf,
  openCaseSlotStream,
  SlotClaim,
  slotHolder,
} from './open-case-slot';

/**
 * A claim whose case stream still does not exist this long after is taken to be left by an opener
 * that died between the claim and the case's first event: the slot is free again.
 */
const ABANDONED_CLAIM_MS = 60_000;
/** Claims lost to a concurrent opener are re-read this often before the answer is a conflict. */
const CLAIM_ATTEMPTS = 5;
/** Slots whose claim this process planned or wrote, kept until the case's closing releases it. */
const CLAIMS_KEPT = 20_000;

/** A claim planned by `planClaim`, and whether its opening's write is known to have gone through. */
interface KeptClaim {
  caseId: string;
  /** The slot stream's revision right after the claim. */
  revision: number;
  written: boolean;
}

/**
 * One open case per procedure, person and post.
 *
 * Each slot has a reservation stream; a case is opened with its claim appended there at the
 * expected revision read a moment before (`planClaim`: in the same write as the case's first
 * events and its id reservation; `claim`: a reopened case's own append). Two openers racing for a
 * free slot append at the same revision, and the store lets exactly one through (optimistic
 * concurrency on a single stream, in PostgreSQL and KurrentDB alike); the other re-reads, finds
 * the winner and is refused. A check of the read model, or of the person's record, could not do
 * this: both lag behind the appends. Claim and case are not always one transaction (a reclaim,
 * KurrentDB's stream-by-stream writes), so the holder is judged by its case: a closed case
 * (release lost) or a claim whose case never appeared (opener died) does not hold the slot.
 */
@Injectable()
export class OpenCaseSlots {
  private readonly logger = new Logger('OpenCaseSlots');
  private readonly claims = new BoundedCache<string, KeptClaim>(CLAIMS_KEPT);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    protected readonly coverage: OpenCaseSlotCoverage,
  ) {}

  /**
   * Claims the slot for `caseId`, or refuses with 409 `case.duplicate_open` naming the case that
   * holds it. Returns false when the case already held the slot (a retried open).
   */
  async claim(slot: OpenCaseSlotKey, caseId: string, metadata: EventMetadata): Promise<boolean> {
    const streamId = openCaseSlotStream(slot);
    let holder: SlotClaim | null = null;
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      const events = await this.store.readStream(streamId);
      holder = events.length ? slotHolder(events) : await this.openedBeforeSlots(slot);
      if (holder?.caseId === caseId) return false;
      if (holder && (await this.holds(slot, holder))) break;
      try {
        // A holder that closed without its release (a crash between the two) is released first,
        // so every claim in the slot's stream is followed by exactly one release.
        const stale = events.length > 0 && holder ? [holder.caseId] : [];
        await this.appendAll(streamId, events.at(-1)?.revision ?? null, metadata, [
          ...stale.map((held): OpenCaseSlotEvent => ({
            type: 'OpenCaseSlotReleased',
            data: { caseId: held, reason: 'closed' },
          })),
          { type: 'OpenCaseSlotClaimed', data: { caseId } },
        ]);
        return true;
      } catch (error) {
        // Another opener appended first: read again to see who holds the slot now.
        if (!(error instanceof WrongExpectedRevision)) throw error;
      }
    }
    throw duplicateOpen(slot, holder);
  }

  /**
   * The claim of a free slot as an append for the caller to make together with the case's own
   * events (a transfer batch writes both in one transaction): the slot stream, the revision it was
   * read at and its events. Null when `caseId` holds it already (a repeated batch); 409
   * `case.duplicate_open` when another case does.
   */
  async planClaim(
    slot: OpenCaseSlotKey,
    caseId: string,
    metadata: EventMetadata,
  ): Promise<StreamAppend | null> {
    const streamId = openCaseSlotStream(slot);
    // Side by side: most openings find a slot never claimed and then ask the case list; one round
    // trip of the opening's instead of two, for one more statement when the slot was claimed before.
    const [events, before] = await Promise.all([
      this.store.readStream(streamId),
      this.openedBeforeSlots(slot),
    ]);
    const holder = events.length ? slotHolder(events) : before;
    this.claims.delete(streamId);
    if (holder?.caseId === caseId) return null;
    if (holder && (await this.holds(slot, holder))) throw duplicateOpen(slot, holder);
    // As in `claim`: a holder that closed without its release is released first.
    const stale = events.length > 0 && holder ? [holder.caseId] : [];
    const claim: OpenCaseSlotEvent[] = [
      ...stale.map((held): OpenCaseSlotEvent => ({
        type: 'OpenCaseSlotReleased',
        data: { caseId: held, reason: 'closed' },
      })),
      { type: 'OpenCaseSlotClaimed', data: { caseId } },
    ];
    const revision = (events.at(-1)?.revision ?? -1) + claim.length;
    this.claims.set(streamId, { caseId, revision, written: false });
    return {
      streamId,
      expectedRevision: events.at(-1)?.revision ?? 'no_stream',
      events: claim.map((event, index) => ({
        id: deterministicId(`slot:${caseId}:${events.length}`, String(index)),
        ...event,
        metadata,
      })),
    };
  }

  /** The open case holding the slot now, or null; reads only (an import's dry run asks it). */
  async holderOf(slot: OpenCaseSlotKey): Promise<string | null> {
    const events = await this.store.readStream(openCaseSlotStream(slot));
    const holder = events.length ? slotHolder(events) : await this.openedBeforeSlots(slot);
    return holder && (await this.holds(slot, holder)) ? holder.caseId : null;
  }

  /**
   * Frees the slot held by `caseId` (closed, or never written). Best effort: if this fails, the
   * next opener finds the holder closed or absent and claims the slot all the same.
   */
  async release(
    slot: OpenCaseSlotKey,
    caseId: string,
    reason: string,
    metadata: EventMetadata,
  ): Promise<void> {
    try {
      await this.releaseHeldBy(slot, caseId, reason, metadata);
    } catch (error) {
      const streamId = openCaseSlotStream(slot);
      this.logger.warn({ err: error, streamId, caseId }, 'open-case slot not released');
    }
  }

  /**
   * The release of the slot `caseId` holds, as an append for the caller to make together with
   * the events that close the case (one write: a closed case never keeps its slot because the
   * process died in between), or null when the case does not hold it (a case from before slots,
   * or released already). Expects the revision read here: a slot that moved since has the
   * closing decided again.
   */
  async planRelease(
    slot: OpenCaseSlotKey,
    caseId: string,
    reason: string,
    metadata: EventMetadata,
  ): Promise<StreamAppend | null> {
    const streamId = openCaseSlotStream(slot);
    const release: OpenCaseSlotEvent = { type: 'OpenCaseSlotReleased', data: { caseId, reason } };
    const append = (expectedRevision: number): StreamAppend => ({
      streamId,
      expectedRevision,
      events: [{ id: randomUUID(), ...release, metadata }],
    });
    // The claim this process wrote, used once: if anyone wrote to the slot since, the store
    // refuses the release and the closing, decided again, reads the slot.
    const kept = this.claims.get(streamId);
    this.claims.delete(streamId);
    if (kept?.written && kept.caseId === caseId) return append(kept.revision);
    const events = await this.store.readStream(streamId);
    if (slotHolder(events)?.caseId !== caseId) return null;
    return append(events.at(-1)!.revision);
  }

  /**
   * The opening of `caseId` was written with the claim `planClaim` planned, in one transaction:
   * its closing may expect the slot where the claim left it, without reading it.
   */
  claimWritten(slot: OpenCaseSlotKey, caseId: string): void {
    const kept = this.claims.get(openCaseSlotStream(slot));
    if (kept?.caseId === caseId) kept.written = true;
  }

  /**
   * The at-least-once release: frees the slot if `caseId` still holds it and throws on anything
   * but a concurrent release (the slot stream moved on), so the delivery is retried.
   */
  async releaseHeldBy(
    slot: OpenCaseSlotKey,
    caseId: string,
    reason: string,
    metadata: EventMetadata,
  ): Promise<'released' | 'not_held'> {
    const streamId = openCaseSlotStream(slot);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const events = await this.store.readStream(streamId);
      if (slotHolder(events)?.caseId !== caseId) return 'not_held';
      try {
        await this.appendAll(streamId, events.at(-1)!.revision, metadata, [
          { type: 'OpenCaseSlotReleased', data: { caseId, reason } },
        ]);
        return 'released';
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
      }
    }
    throw new Error(`open-case slot ${streamId} kept moving while releasing ${caseId}`);
  }

  /**
   * A case opened before slots existed has no claim: the case list names the candidate, and its
   * own stream confirms it is open (the list may lag). Only asked while the slot was never claimed,
   * and only until the store records that every such case has its claim (OpenCaseSlotCoverage).
   */
  protected async openedBeforeSlots(slot: OpenCaseSlotKey): Promise<SlotClaim | null> {
    if (await this.coverage.isComplete()) return null;
    const { rows } = await this.pool.query<{ case_id: string }>(
      `SELECT case_id FROM case_summaries
        WHERE procedure = $1 AND person_id = $2 AND position_id = $3 AND status = 'open'
        ORDER BY opened_sequence LIMIT 1`,
      [slot.procedure, slot.personId, slot.positionId],
    );
    // An old claim time: if the case turns out not to exist, it holds nothing.
    return rows[0] ? { caseId: rows[0].case_id, claimedAt: new Date(0).toISOString() } : null;
  }

  /** Whether the claiming case still holds the slot: it is open, or its opener is still writing it. */
  private async holds(slot: OpenCaseSlotKey, holder: SlotClaim): Promise<boolean> {
    const exists =
      (await this.store.streamRevision(caseStream(slot.procedure, holder.caseId))) !== null;
    if (!exists) return Date.now() - Date.parse(holder.claimedAt) < ABANDONED_CLAIM_MS;
    return this.isOpenIn(slot, holder.caseId);
  }

  /**
   * The case is open, for this person and post (a case id is chosen by the client), and of a kind
   * holding this slot (a suspension from before it had its own does not hold the shared one).
   */
  private async isOpenIn(slot: OpenCaseSlotKey, caseId: string): Promise<boolean> {
    const { state } = await loadStream(this.store, caseStream(slot.procedure, caseId), caseDecider);
    return (
      state.status === 'open' &&
      state.personId === slot.personId &&
      state.positionId === slot.positionId &&
      openCaseSlotOf(state).lane === slot.lane
    );
  }

  private async appendAll(
    streamId: string,
    revision: number | null,
    metadata: EventMetadata,
    events: OpenCaseSlotEvent[],
  ): Promise<void> {
    this.claims.delete(streamId);
    await this.store.append(
      streamId,
      events.map((event) => ({ id: randomUUID(), ...event, metadata })),
      { expectedRevision: revision === null ? 'no_stream' : revision },
    );
  }
}

function duplicateOpen(slot: OpenCaseSlotKey, holder: SlotClaim | null): DuplicateOpenCase {
  return new DuplicateOpenCase(slot, holder?.caseId ?? null);
}
