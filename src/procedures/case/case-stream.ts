import { DisciplineEvent } from '../discipline/discipline.events';
import { CaseEvent } from './decider/case.events';

/** Procedures with their own case streams: `<procedure>-<caseId>`. */
export const CASE_PROCEDURES = [
  'appointment',
  'reappointment',
  'rotation',
  'discipline',
  'removal',
  'extension',
  'approval_in_principle',
  'consultation',
  'election',
] as const;

export const caseStream = (procedure: string, caseId: string): string => `${procedure}-${caseId}`;

/** Any event a case stream holds: the case engine's (with its missed deadlines) or discipline's. */
export type CaseStreamEvent = CaseEvent | DisciplineEvent;

/**
 * A stored case event as the consumers switch on it (by type; its data as that type records it).
 * A type this code does not know falls to the consumers' `default`, which leaves their state as is.
 */
export const asCaseStreamEvent = (event: { type: string; data: unknown }): CaseStreamEvent =>
  ({ type: event.type, data: event.data }) as CaseStreamEvent;
