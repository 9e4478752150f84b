import { parseStreamName, PERSON_STREAM_KIND } from './stream-name';

/**
 * Which unit a stream belongs to, for every kind of stream the store holds. A grant reads a
 * stream (its chain check, its lines in an export) only when the grant reaches that unit: the
 * name of a reservation stream alone tells whose case it is (`caseslot-appointment/<person>/<post>`),
 * so none is "of no unit" except the backfills' coverage markers, which hold counts only.
 *
 * - a person's stream: the unit managing the record now, the one named by its last
 *   `RegistrationMoved` (a decision into another unit's post moved it), else by its first event
 *   (`orgUnitId`): after a move the new unit's auditors read the whole record, the unit left none
 *   of it (it keeps the cases it opened);
 * - a case's, a transfer batch's, a planning review's or an import's stream: the unit its first
 *   event names (`orgUnitId`);
 * - a case id's reservation, an open-case slot and a discipline violation's claim: the case its
 *   first event names (`caseId`);
 * - a timer: the stream its first event targets (`target`, a case's or a person's);
 * - a planning-pool seat (`planningseat-<post>/<term>`) and a post's seat (`postseat-<post>`): the
 *   post's unit, by the name alone, for its claims and their withdrawals alike.
 */
export type StreamOwner =
  | { owner: 'none' }
  | { owner: 'unit'; unitId: string }
  | { owner: 'person'; personId: string }
  | { owner: 'case'; caseId: string }
  | { owner: 'stream'; streamId: string }
  | { owner: 'position'; positionId: string }
  | { owner: 'unknown' };

/** Coverage markers (`caseids-coverage`, `caseslots-coverage`): counts, no record of anyone. */
export const UNITLESS_STREAM_KINDS: readonly string[] = ['caseids', 'caseslots'];
const CASE_LINKED_STREAM_KINDS: readonly string[] = ['caseid', 'caseslot', 'violationclaim'];
const TIMER_STREAM_KIND = 'timer';
/** The streams where claims on a post's places meet: its planning pool's, its seats. */
const POSITION_SEAT_STREAM_KINDS: readonly string[] = ['planningseat', 'postseat'];
/** The event after which a person's stream lies in the unit it names (`orgUnitId`). */
const REGISTRATION_MOVED = 'RegistrationMoved';
/** A person stream's note of a case about them (person.events.ts). */
const CASE_NOTED = 'CaseNoted';

const textOf = (data: unknown, key: string): string | null => {
  const value = (data as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
};

/**
 * Who owns a stream, from its name and its first event's data (null: the stream is empty). A
 * person's stream is the person's: its unit is the registration's (PersonRegistrations), which
 * folds the same two events as the SQL below.
 */
export function streamOwnerOf(streamId: string, firstData: unknown): StreamOwner {
  const { kind, id } = parseStreamName(streamId);
  if (UNITLESS_STREAM_KINDS.includes(kind)) return { owner: 'none' };
  if (kind === PERSON_STREAM_KIND) return { owner: 'person', personId: id };
  if (POSITION_SEAT_STREAM_KINDS.includes(kind)) {
    const positionId = safeDecode(id.split('/')[0]);
    return positionId ? { owner: 'position', positionId } : { owner: 'unknown' };
  }
  if (CASE_LINKED_STREAM_KINDS.includes(kind)) {
    const caseId = textOf(firstData, 'caseId');
    return caseId ? { owner: 'case', caseId } : { owner: 'unknown' };
  }
  if (kind === TIMER_STREAM_KIND) {
    const target = textOf(firstData, 'target');
    return target ? { owner: 'stream', streamId: target } : { owner: 'unknown' };
  }
  const unitId = textOf(firstData, 'orgUnitId');
  return unitId ? { owner: 'unit', unitId } : { owner: 'unknown' };
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text) || null;
  } catch {
    return null;
  }
}

/**
 * The same rule over `audit_history`, for an export: the ids of the streams that lie in the
 * subtree of the unit in parameter `$unitParam` (`$caseKindsParam`: CASE_PROCEDURES). One
 * statement, read with the export's rows, so a stream opened meanwhile is judged by the same
 * snapshot. A person's last move is looked up once per moved person (`moves`, read through the
 * partial index `audit_history_registration_moves`), not once per row of the export.
 */
export function streamsInSubtreeSql(unitParam: string, caseKindsParam: string): string {
  const first = (alias: string) => `${alias}.revision = 0`;
  return `(WITH units AS (SELECT id FROM org_units WHERE ${unitParam} = ANY (path)),
      moves AS (SELECT DISTINCT ON (m.stream_id) m.stream_id, m.data->>'orgUnitId' AS unit_id
                  FROM audit_history m
                 WHERE m.event_type = '${REGISTRATION_MOVED}' AND m.stream_kind = '${PERSON_STREAM_KIND}'
                 ORDER BY m.stream_id, m.sequence DESC),
      owned AS (SELECT o.stream_id, o.stream_kind, o.stream_key
                  FROM audit_history o LEFT JOIN moves ON moves.stream_id = o.stream_id
                 WHERE ${first('o')}
                   AND COALESCE(moves.unit_id, o.data->>'orgUnitId') IN (SELECT id FROM units)),
      cases AS (SELECT stream_key FROM owned WHERE stream_kind = ANY (${caseKindsParam}))
    SELECT stream_id FROM owned
    UNION ALL
    SELECT r.stream_id FROM audit_history r
     WHERE ${first('r')} AND r.stream_kind = ANY ('{${CASE_LINKED_STREAM_KINDS.join(',')}}')
       AND r.data->>'caseId' IN (SELECT stream_key FROM cases)
    UNION ALL
    SELECT t.stream_id FROM audit_history t
     WHERE ${first('t')} AND t.stream_kind = '${TIMER_STREAM_KIND}'
       AND t.data->>'target' IN (SELECT stream_id FROM owned)
    UNION ALL
    SELECT s.stream_id FROM audit_history s JOIN positions p ON p.id = split_part(s.stream_key, '/', 1)
     WHERE ${first('s')} AND s.stream_kind = ANY ('{${POSITION_SEAT_STREAM_KINDS.join(',')}}')
       AND p.org_unit_id IN (SELECT id FROM units))`;
}

/**
 * A condition on `alias`, a history row read within a grant's subtree (`subtreeSql`: the
 * subtree's streams, `streamsInSubtreeSql`): a note in a person's stream that a case about them
 * opened, moved or closed (`CaseNoted`) is kept only when that case's stream lies in the subtree.
 * A unit reads its official's record, but none of the cases a unit above opened about them.
 */
export function caseNotesWithinSql(alias: string, subtreeSql: string): string {
  return `NOT (${alias}.event_type = '${CASE_NOTED}' AND ${alias}.stream_kind = '${PERSON_STREAM_KIND}'
      AND (${alias}.data->>'procedure') || '-' || (${alias}.data->>'caseId') NOT IN ${subtreeSql})`;
}
