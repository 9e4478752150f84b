import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventMetadata } from '../../event-store/event-envelope';
import { WrongExpectedRevision } from '../../event-store/event-store.errors';
import { EVENT_STORE, EventStore, StreamAppend } from '../../event-store/event-store.port';
import { RecordOrigins } from '../../identity/record-origins';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import {
  CaseIdEvent,
  caseIdHolder,
  CaseIdRead,
  caseIdStream,
  LegacyCaseIds,
  PROBE_ALWAYS,
  readCaseId,
} from './case-id-reservation';
import { CaseIdCoverage } from './case-id-coverage';
import { caseStream } from './case-stream';

/**
 * A reservation whose case stream still does not exist this long after is taken to be left by an
 * opener that died between the reservation and the case's first event: the id is free again.
 */
const ABANDONED_RESERVATION_MS = 60_000;
/** Reservations lost to a concurrent opener are re-read this often before the answer is a conflict. */
const RESERVE_ATTEMPTS = 5;

/**
 * One case id space across procedures. Each id has a reservation stream; a case is opened only
 * after its procedure is appended there with the revision read a moment before, so of two openers
 * racing for one id in two procedures exactly one gets through (the store's optimistic concurrency
 * on a single stream) and the other is refused with 409 `case.id_taken`. Opening the same id again
 * in the same procedure passes here: the case's own stream answers (`case.exists`, or the original
 * answer for a retry with the same Idempotency-Key).
 */
@Injectable()
export class CaseIdReservations {
  private readonly logger = new Logger('CaseIdReservations');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly origins: RecordOrigins,
    @Optional()
    @Inject(CaseIdCoverage)
    private readonly legacyCaseIds: LegacyCaseIds = PROBE_ALWAYS,
  ) {}

  /**
   * The procedure of the case with this id, among `among`, or null when there is none (kept per
   * process once its case stream exists: see RecordOrigins).
   */
  procedureOf(caseId: string, among?: readonly string[]): Promise<string | null> {
    return this.origins.procedureOfCase(caseId, among);
  }

  /** Refuses with 409 `case.id_taken` when a case of another procedure has this id. */
  async assertFree(caseId: string, procedure: string): Promise<void> {
    refuseIfTaken(caseId, await this.procedureOf(caseId), procedure);
  }

  /**
   * `assertFree` and `planReservation` of one id answered from one read of it, for an opening's
   * first attempt: both asked the store the same thing a moment apart, as had the scope check
   * before them, whose read of an unused id is taken over (`RecordOrigins.takeUnusedIdRead`). The
   * reservation still expects the revision read, so an opener that reserved the id since makes
   * the write fail and the opening is decided again on fresh reads.
   */
  readOnce(caseId: string): Pick<CaseIdReservations, 'assertFree' | 'planReservation'> {
    let read: Promise<CaseIdRead> | undefined;
    const readIt = () => {
      if (read) return read;
      const scopeChecked = this.origins.takeUnusedIdRead(caseId);
      return (read = scopeChecked
        ? Promise.resolve(scopeChecked)
        : readCaseId(this.store, caseId, this.legacyCaseIds));
    };
    return {
      assertFree: async (id, procedure) => {
        if (id !== caseId) return this.assertFree(id, procedure);
        refuseIfTaken(caseId, heldBy(await readIt()).procedure, procedure);
      },
      planReservation: async (id, procedure, metadata) =>
        id === caseId
          ? this.reservationOn(heldBy(await readIt()), caseId, procedure, metadata)
          : this.planReservation(id, procedure, metadata),
    };
  }

  /**
   * Reserves `caseId` for `procedure`, or refuses with 409 `case.id_taken` naming the procedure
   * that holds it. Its `undo` frees the id again unless the case was written after all.
   */
  async reserve(
    caseId: string,
    procedure: string,
    metadata: EventMetadata,
  ): Promise<{ undo(): Promise<void> }> {
    const streamId = caseIdStream(caseId);
    const kept = { undo: async () => undefined };
    let holder: string | null = null;
    for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt += 1) {
      const { reservation: events, reserved, procedure: holding } = await this.holderOf(caseId);
      holder = holding;
      if (holder === procedure) return kept;
      if (holder !== null && (await this.holds(caseId, holder, reserved?.reservedAt))) break;
      try {
        await this.append(streamId, events.at(-1)?.revision ?? null, metadata, {
          type: 'CaseIdReserved',
          data: { caseId, procedure },
        });
        return { undo: () => this.releaseUnlessOpened(caseId, procedure, metadata) };
      } catch (error) {
        // Another opener appended first: read again to see which procedure holds the id now.
        if (!(error instanceof WrongExpectedRevision)) throw error;
      }
    }
    throw idTaken(caseId, holder ?? 'another procedure');
  }

  /**
   * The reservation of `caseId` for `procedure` as an append for the caller to make together
   * with the case's first events (one write: nothing to give back if it fails), or null when
   * the procedure holds the id already (a retried open). Refuses with 409 `case.id_taken`
   * naming the procedure that holds it. The append expects the revision read here, so an opener
   * that reserved the id since makes the whole write fail and the opening be decided again.
   */
  async planReservation(
    caseId: string,
    procedure: string,
    metadata: EventMetadata,
  ): Promise<StreamAppend | null> {
    return this.reservationOn(await this.holderOf(caseId), caseId, procedure, metadata);
  }

  private async reservationOn(
    { reservation, reserved, procedure: holder }: ReturnType<typeof heldBy>,
    caseId: string,
    procedure: string,
    metadata: EventMetadata,
  ): Promise<StreamAppend | null> {
    if (holder === procedure) return null;
    if (holder !== null && (await this.holds(caseId, holder, reserved?.reservedAt)))
      throw idTaken(caseId, holder);
    const event: CaseIdEvent = { type: 'CaseIdReserved', data: { caseId, procedure } };
    return {
      streamId: caseIdStream(caseId),
      expectedRevision: reservation.at(-1)?.revision ?? 'no_stream',
      events: [{ id: randomUUID(), ...event, metadata }],
    };
  }

  /** The id's reservation stream, its holder there, and the procedure holding the id (or none). */
  private async holderOf(caseId: string) {
    return heldBy(await readCaseId(this.store, caseId, this.legacyCaseIds));
  }

  /** Whether the holding procedure still has the id: its case exists, or is being written now. */
  private async holds(caseId: string, procedure: string, reservedAt?: string): Promise<boolean> {
    if ((await this.store.streamRevision(caseStream(procedure, caseId))) !== null) return true;
    return (
      reservedAt !== undefined && Date.now() - Date.parse(reservedAt) < ABANDONED_RESERVATION_MS
    );
  }

  /** After a failed open: frees the id unless the case was written (a concurrent open of it won). */
  private async releaseUnlessOpened(
    caseId: string,
    procedure: string,
    metadata: EventMetadata,
  ): Promise<void> {
    const streamId = caseIdStream(caseId);
    try {
      if ((await this.store.streamRevision(caseStream(procedure, caseId))) !== null) return;
      const events = await this.store.readStream(streamId);
      if (caseIdHolder(events)?.procedure !== procedure) return;
      const last = events.at(-1)!.revision;
      await this.append(streamId, last, metadata, {
        type: 'CaseIdReleased',
        data: { caseId, procedure, reason: 'not_opened' },
      });
      // A concurrent opener of the same case (it found the id held by its procedure and reserved
      // nothing) may have written it between the check and the release: reserved again, so no
      // case stream is left without its reservation (lookups may read only that: CaseIdCoverage).
      if ((await this.store.streamRevision(caseStream(procedure, caseId))) !== null)
        await this.append(streamId, last + 1, metadata, {
          type: 'CaseIdReserved',
          data: { caseId, procedure },
        });
    } catch (error) {
      // Best effort: a reservation whose case never appears is free after a while all the same.
      this.logger.warn({ err: error, streamId, caseId }, 'case id reservation not released');
    }
  }

  private async append(
    streamId: string,
    revision: number | null,
    metadata: EventMetadata,
    event: CaseIdEvent,
  ): Promise<void> {
    await this.store.append(streamId, [{ id: randomUUID(), ...event, metadata }], {
      expectedRevision: revision === null ? 'no_stream' : revision,
    });
  }
}

/** The id's reservation stream, its holder there, and the procedure holding the id (or none). */
function heldBy({ reservation, probed }: CaseIdRead) {
  const reserved = caseIdHolder(reservation);
  return { reservation, reserved, procedure: reserved ? reserved.procedure : probed };
}

/** 409 `case.id_taken` when a case of another procedure holds the id. */
function refuseIfTaken(caseId: string, holder: string | null, procedure: string): void {
  if (holder !== null && holder !== procedure) throw idTaken(caseId, holder);
}

function idTaken(caseId: string, procedure: string): DomainRuleViolation {
  return new DomainRuleViolation(
    'case.id_taken',
    `id: case id ${caseId} is already used by ${/^[aeiou]/.test(procedure) ? 'an' : 'a'} ${procedure} case; choose another id`,
    'conflict',
    'id',
    { procedure },
  );
}
