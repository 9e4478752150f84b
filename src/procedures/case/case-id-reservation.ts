import { RecordedEvent } from '../../event-store/event-envelope';
import { EventStore } from '../../event-store/event-store.port';
import { CASE_PROCEDURES, caseStream } from './case-stream';

/**
 * One case id space across procedures: a case id (chosen by the client) names at most one case,
 * whatever its procedure (appointment, re-appointment, rotation or discipline). Case streams are
 * `<procedure>-<caseId>`, so without a reservation the same id could open one case per procedure
 * and `GET /cases/<id>` would reach only one of them.
 */
export type CaseIdEvent =
  | {
      type: 'CaseIdReserved';
      /** `backfilled`: written for a case opened before reservations existed (CaseIdBackfill). */
      data: { caseId: string; procedure: string; backfilled?: true };
    }
  | { type: 'CaseIdReleased'; data: { caseId: string; procedure: string; reason: string } };

/** The reservation stream of a case id. Its kind has no hyphen (see audit/stream-name.ts). */
export const caseIdStream = (caseId: string): string => `caseid-${caseId}`;

export interface CaseIdHolder {
  procedure: string;
  /** When the store recorded the reservation (ISO 8601). */
  reservedAt: string;
}

/** The procedure holding the id according to its reservation stream, or null when it is free. */
export function caseIdHolder(events: readonly RecordedEvent[]): CaseIdHolder | null {
  let holder: CaseIdHolder | null = null;
  for (const event of events) {
    const { procedure } = event.data as { procedure: string };
    if (event.type === 'CaseIdReserved') holder = { procedure, reservedAt: event.recordedAt };
    else if (event.type === 'CaseIdReleased' && holder?.procedure === procedure) holder = null;
  }
  return holder;
}

/** What the store says of a case id: its reservation stream, and the first procedure with a stream. */
export interface CaseIdRead {
  /** The id's reservation stream, whole. */
  reservation: RecordedEvent[];
  /** The first of the probed procedures that has a stream for this id (at most one has), or null. */
  probed: string | null;
}

/**
 * Whether case ids must still be looked for in every procedure's case stream: while the store may
 * hold cases opened before reservations existed (CaseIdCoverage says when it holds none).
 */
export interface LegacyCaseIds {
  probesNeeded(): Promise<boolean>;
}

/** For a store nothing has checked: every lookup probes. */
export const PROBE_ALWAYS: LegacyCaseIds = { probesNeeded: async () => true };

/**
 * The id's reservation stream and, while `legacyCaseIds` says the store may hold cases from before
 * reservations (they have none and are found by their streams), the first event of every candidate
 * case stream, in one read. An opening asks this three times (its scope, the id free, the
 * reservation); two statements each were a visible share of a new case's reads.
 */
export async function readCaseId(
  store: EventStore,
  caseId: string,
  legacyCaseIds: LegacyCaseIds = PROBE_ALWAYS,
): Promise<CaseIdRead> {
  const among = (await legacyCaseIds.probesNeeded()) ? CASE_PROCEDURES : [];
  const [reservation, ...firsts] = await store.readStreams([
    { streamId: caseIdStream(caseId) },
    ...among.map((procedure) => ({ streamId: caseStream(procedure, caseId), limit: 1 })),
  ]);
  const index = firsts.findIndex((events) => events.length > 0);
  return { reservation, probed: index === -1 ? null : among[index] };
}

/**
 * The procedure whose stream holds the case, from a read of its id (probing at least the
 * procedures `among`), or null: its reservation says, or for a case from before reservations its
 * stream. `among` narrows the answer to some procedures (the case engine's API does not reach
 * discipline cases): a case of another procedure is then answered as none.
 */
export function procedureIn(
  { reservation, probed }: CaseIdRead,
  among: readonly string[] = CASE_PROCEDURES,
): string | null {
  const holder = caseIdHolder(reservation);
  if (holder) return among.includes(holder.procedure) ? holder.procedure : null;
  return probed !== null && among.includes(probed) ? probed : null;
}

/** Whether a read of every procedure found the id unused: no reservation, no case stream. */
export const idUnused = ({ reservation, probed }: CaseIdRead): boolean =>
  reservation.length === 0 && probed === null;
