import { PERSON_STREAM_KIND } from '../audit/stream-name';

/**
 * SQL expressions that put a name beside an id in exports, so a spreadsheet reader sees
 * "Nguyễn Văn An" and "Phó Trưởng ban Tổ chức", not only `p-…` and `pos-…`. Each takes an SQL
 * expression for the id and yields NULL for an id the registry does not know.
 *
 * People have no table of their own (their record is the `cadre-<id>` stream): the name is read
 * from their registration in the audit history read model, found by its stream key index.
 */
export const personNameSql = (personId: string): string =>
  `(SELECT registered.data->>'fullName' FROM audit_history registered
     WHERE registered.stream_key = ${personId} AND registered.stream_kind = '${PERSON_STREAM_KIND}'
       AND registered.event_type = 'PersonRegistered'
     ORDER BY registered.sequence LIMIT 1)`;

export const orgUnitNameSql = (orgUnitId: string): string =>
  `(SELECT unit.name FROM org_units unit WHERE unit.id = ${orgUnitId})`;

export const positionTitleSql = (positionId: string): string =>
  `(SELECT post.title FROM positions post WHERE post.id = ${positionId})`;
