import { RecordedEvent } from '../event-store/event-envelope';
import { parseStreamName } from './stream-name';

/** One line of the audit history: a stored event with who, when, why and under which rule. */
export interface AuditEntry {
  eventId: string;
  /** Rank in the store's global order: sorts across streams. */
  sequence: number;
  globalPosition: string;
  streamId: string;
  streamKind: string;
  /** The case or person id (the stream name without its kind). */
  streamKey: string;
  revision: number;
  type: string;
  schemaVersion: number;
  actorId: string | null;
  /** The actor's name from their token (metadata `actorName`), when the event carries it. */
  actorName: string | null;
  roles: string[];
  orgUnit: string | null;
  /** `definitionId@version` of the procedure the case was pinned to. */
  definitionVersion: string | null;
  /** Rule set in force for the case (vn-2022, vn-2025, …). */
  ruleSet: string | null;
  occurredAt: string | null;
  recordedAt: string;
  correlationId: string | null;
  causationId: string | null;
  hash: string;
  /**
   * The person the event is about (event data `personId`; for a decision, the `appointee` it
   * names), if it names one.
   */
  personId: string | null;
  data: Record<string, unknown>;
}

/** The columns of `audit_history`, in the order of `AuditEntry` (and of the CSV export). */
export const AUDIT_COLUMNS = [
  ['eventId', 'event_id', 'text'],
  ['sequence', 'sequence', 'bigint'],
  ['globalPosition', 'global_position', 'text'],
  ['streamId', 'stream_id', 'text'],
  ['streamKind', 'stream_kind', 'text'],
  ['streamKey', 'stream_key', 'text'],
  ['revision', 'revision', 'bigint'],
  ['type', 'event_type', 'text'],
  ['schemaVersion', 'schema_version', 'integer'],
  ['actorId', 'actor_id', 'text'],
  ['actorName', 'actor_name', 'text'],
  ['roles', 'roles', 'text[]'],
  ['orgUnit', 'org_unit', 'text'],
  ['definitionVersion', 'definition_version', 'text'],
  ['ruleSet', 'rule_set', 'text'],
  ['occurredAt', 'occurred_at', 'timestamptz'],
  ['recordedAt', 'recorded_at', 'timestamptz'],
  ['correlationId', 'correlation_id', 'text'],
  ['causationId', 'causation_id', 'text'],
  ['hash', 'hash', 'text'],
  ['personId', 'person_id', 'text'],
  ['data', 'data', 'jsonb'],
] as const satisfies readonly (readonly [keyof AuditEntry, string, string])[];

/** A case's decision: a post case's decision names whom it appoints (`appointee`). */
export const DECISION_ISSUED = 'DecisionIssued';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * A case opened for a post names nobody; its decision names whom it appoints (the winner of an
 * exam or of the final ballot), the first event that may reveal them to every reader.
 */
function personOf(event: RecordedEvent): string | null {
  const data = event.data as Record<string, unknown>;
  const appointee = event.type === DECISION_ISSUED ? text(data.appointee) : null;
  return appointee ?? text(data.personId);
}

/** Metadata is written by many writers over years: read it defensively, never trust its shape. */
export function toAuditEntry(event: RecordedEvent, sequence: number): AuditEntry {
  const metadata = (event.metadata ?? {}) as unknown as Record<string, unknown>;
  const stream = parseStreamName(event.streamId);
  const roles = Array.isArray(metadata.roles)
    ? metadata.roles.filter((role): role is string => typeof role === 'string')
    : [];
  const occurredAt = text(metadata.occurredAt);
  return {
    eventId: event.id,
    sequence,
    globalPosition: event.position,
    streamId: event.streamId,
    streamKind: stream.kind,
    streamKey: stream.id,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    actorId: text(metadata.actorId),
    actorName: text(metadata.actorName),
    roles,
    orgUnit: text(metadata.orgUnit),
    definitionVersion: text(metadata.definitionVersion),
    ruleSet: text(metadata.ruleSet),
    // An unparseable business time must not stop the projection; the raw value stays in the store.
    occurredAt: occurredAt !== null && !Number.isNaN(Date.parse(occurredAt)) ? occurredAt : null,
    recordedAt: event.recordedAt,
    correlationId: text(metadata.correlationId),
    causationId: text(metadata.causationId),
    hash: event.hash,
    personId: personOf(event),
    data: event.data as Record<string, unknown>,
  };
}

/**
 * Names beside the ids of an entry, read from the registry when the history is read (names are
 * not part of the event; a renamed unit shows its current name).
 */
export interface AuditNames {
  /** The unit of the grant the actor acted under (`orgUnit`). */
  orgUnitName: string | null;
  personName: string | null;
  /** The post the event is about (event data `positionId`), if it names one. */
  positionId: string | null;
  positionTitle: string | null;
}

export type NamedAuditEntry = AuditEntry & AuditNames;

/** The name columns the history queries add to `audit_history` rows. */
export const NAME_COLUMNS = [
  'org_unit_name',
  'person_name',
  'position_id',
  'position_title',
] as const;

/** A row of `audit_history` as pg returns it. */
export type AuditRow = Record<(typeof AUDIT_COLUMNS)[number][1], unknown>;

/** pg gives bigint as string and timestamptz as Date: normalise to the API's JSON shape. */
export function fromAuditRow(row: AuditRow): AuditEntry {
  const iso = (value: unknown): string | null =>
    value instanceof Date ? value.toISOString() : (value as string | null);
  return {
    eventId: row.event_id as string,
    sequence: Number(row.sequence),
    globalPosition: row.global_position as string,
    streamId: row.stream_id as string,
    streamKind: row.stream_kind as string,
    streamKey: row.stream_key as string,
    revision: Number(row.revision),
    type: row.event_type as string,
    schemaVersion: Number(row.schema_version),
    actorId: row.actor_id as string | null,
    actorName: row.actor_name as string | null,
    roles: (row.roles as string[] | null) ?? [],
    orgUnit: row.org_unit as string | null,
    definitionVersion: row.definition_version as string | null,
    ruleSet: row.rule_set as string | null,
    occurredAt: iso(row.occurred_at),
    recordedAt: iso(row.recorded_at) as string,
    correlationId: row.correlation_id as string | null,
    causationId: row.causation_id as string | null,
    hash: row.hash as string,
    personId: row.person_id as string | null,
    data: row.data as Record<string, unknown>,
  };
}

/** A history row with its names (see `AuditHistoryQueries`). */
export type NamedAuditRow = AuditRow & Record<(typeof NAME_COLUMNS)[number], string | null>;

export function fromNamedAuditRow(row: NamedAuditRow): NamedAuditEntry {
  return {
    ...fromAuditRow(row),
    orgUnitName: row.org_unit_name,
    personName: row.person_name,
    positionId: row.position_id,
    positionTitle: row.position_title,
  };
}
