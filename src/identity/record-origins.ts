import { Inject, Injectable, Optional } from '@nestjs/common';
import { BoundedCache } from '../common/bounded-cache';
import { RecordedEvent } from '../event-store/event-envelope';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import {
  CaseIdRead,
  idUnused,
  LegacyCaseIds,
  PROBE_ALWAYS,
  procedureIn,
  readCaseId,
} from '../procedures/case/case-id-reservation';
import { CaseIdCoverage } from '../procedures/case/case-id-coverage';
import { CASE_PROCEDURES, caseStream } from '../procedures/case/case-stream';

/** Streams whose first event one process keeps (about a kilobyte each). */
const FIRST_EVENTS_KEPT = 10_000;
/** Case ids whose procedure one process keeps (a few dozen bytes each). */
const CASE_PROCEDURES_KEPT = 50_000;
/** How long an opening may use the read of an unused id that its scope check made. */
const UNUSED_ID_READ_MS = 2_000;
/** Such reads kept at most (each a few hundred bytes; most are taken within milliseconds). */
const UNUSED_ID_READS_KEPT = 10_000;

/** What is kept of a stream's first event: what it says, not where or when it was stored. */
export type StreamOrigin = Pick<RecordedEvent, 'streamId' | 'type' | 'data'>;

/**
 * Where a record began, kept per process because it can never change once it exists, so every
 * step of a case need not read it again (the scope check, the step's kind and the command each
 * asked before):
 * - a stream's first event: streams are append-only, so the event at revision 0 is fixed once
 *   written (it names the unit a person or case belongs to, and the definition a case pinned);
 * - the procedure of a case id, once that procedure's case stream exists: a reservation is only
 *   released while its case stream does not exist (`CaseIdReservations.releaseUnlessOpened`,
 *   and an abandoned one is taken over only then), so after that the id is that procedure's for
 *   good. A reservation whose case has not been written yet (an opener still at work, or one
 *   that died) is read again every time.
 * Nothing absent is kept: a stream or case that does not exist yet is asked for again, so a
 * kept answer never says more than the store would now. Only tampering behind the service can
 * part them: a stream deleted in the database after this process saw it still lies in the unit it
 * was opened in, for callers whose grant covers that unit (they get the record's 404, not 403);
 * an edited first event does not move a record into another unit. The audit routes, which look
 * for such tampering, read the first event afresh (`readFirstEvent`).
 */
@Injectable()
export class RecordOrigins {
  private readonly firstEvents = new BoundedCache<string, StreamOrigin>(FIRST_EVENTS_KEPT);
  private readonly caseProcedures = new BoundedCache<string, string>(CASE_PROCEDURES_KEPT);
  private readonly unusedIdReads = new BoundedCache<string, { read: CaseIdRead; at: number }>(
    UNUSED_ID_READS_KEPT,
  );

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional()
    @Inject(CaseIdCoverage)
    private readonly legacyCaseIds: LegacyCaseIds = PROBE_ALWAYS,
  ) {}

  /**
   * A case this process has just opened (its events from revision 0 appended, not a repeat): kept
   * as its stream and reservation would answer, so its first steps read neither. Its first event
   * is kept as decided (type and data, as written; nothing else of it is read from here).
   */
  caseOpened(caseId: string, procedure: string, first: Pick<RecordedEvent, 'type' | 'data'>): void {
    const streamId = caseStream(procedure, caseId);
    this.firstEvents.set(streamId, { streamId, type: first.type, data: first.data });
    this.caseProcedures.set(caseId, procedure);
  }

  /** The stream's first event, or null while the stream does not exist. */
  async firstEvent(streamId: string): Promise<StreamOrigin | null> {
    return this.firstEvents.get(streamId) ?? this.readFirstEvent(streamId);
  }

  /**
   * The stream's state as its first event left it (the decider's initial state while there is
   * none): what an opening fixes for good — whose case, which procedure, its pinned definition —
   * without reading the rest of the stream.
   */
  async openingState<State>(
    streamId: string,
    decider: {
      initialState(): State;
      evolve(state: State, event: Pick<RecordedEvent, 'type' | 'data'>): State;
    },
  ): Promise<State> {
    const first = await this.firstEvent(streamId);
    const initial = decider.initialState();
    return first ? decider.evolve(initial, { type: first.type, data: first.data }) : initial;
  }

  /** The stream's first event as the store holds it now (kept for `firstEvent` when there is one). */
  async readFirstEvent(streamId: string): Promise<RecordedEvent | null> {
    const [first] = await this.store.readStream(streamId, { limit: 1 });
    if (!first) return null;
    this.firstEvents.set(streamId, first);
    return first;
  }

  /**
   * The procedure whose stream holds the case with this id, among `among`, or null (see
   * `procedureIn`: its id reservation, or for older cases a probe of the streams while the store
   * may hold any: `LegacyCaseIds`).
   */
  async procedureOfCase(
    caseId: string,
    among: readonly string[] = CASE_PROCEDURES,
  ): Promise<string | null> {
    const known = this.caseProcedures.get(caseId);
    if (known) return among.includes(known) ? known : null;
    // Every procedure probed: a read that finds the id unused serves an opening's reservation too.
    const read = await readCaseId(this.store, caseId, this.legacyCaseIds);
    if (idUnused(read)) this.unusedIdReads.set(caseId, { read, at: performance.now() });
    const procedure = procedureIn(read, among);
    if (procedure && (await this.firstEvent(caseStream(procedure, caseId))))
      this.caseProcedures.set(caseId, procedure);
    return procedure;
  }

  /**
   * The read of an id that `procedureOfCase` found unused a moment ago (an opening's scope check),
   * taken once, for the opening's own first attempt: its reservation expects the id's stream to
   * be absent, so an id reserved since makes that write fail and the opening reads again. It never
   * answers anything else: an absent id is otherwise asked for again, as above.
   */
  takeUnusedIdRead(caseId: string): CaseIdRead | undefined {
    const kept = this.unusedIdReads.get(caseId);
    this.unusedIdReads.delete(caseId);
    return kept && performance.now() - kept.at < UNUSED_ID_READ_MS ? kept.read : undefined;
  }
}
