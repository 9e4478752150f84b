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
  | { type: 'CaseIdReserved'; data: { caseId: string; procedure: string } }
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

/**
 * The procedure whose stream holds the case, or null. Cases opened before reservations existed
 * have none: their streams are probed, one procedure after the other (there is at most one).
 * `among` narrows the answer to some procedures (the case engine's API does not reach discipline
 * cases): a case of another procedure is then answered as none.
 */
export async function procedureOfCase(
  store: EventStore,
  caseId: string,
  among: readonly string[] = CASE_PROCEDURES,
): Promise<string | null> {
  const holder = caseIdHolder(await store.readStream(caseIdStream(caseId)));
  if (holder) return among.includes(holder.procedure) ? holder.procedure : null;
  return probeCaseStreams(store, caseId, among);
}

/**
 * The first procedure that has a stream for this case id: how cases were found before
 * reservations. One read of every candidate's first event (an opening probes on each of its
 * checks, and one statement per procedure was most of a new case's reads).
 */
export async function probeCaseStreams(
  store: EventStore,
  caseId: string,
  among: readonly string[] = CASE_PROCEDURES,
): Promise<string | null> {
  const firsts = await store.readStreams(
    among.map((procedure) => ({ streamId: caseStream(procedure, caseId), limit: 1 })),
  );
  const index = firsts.findIndex((events) => events.length > 0);
  return index === -1 ? null : among[index];
}
