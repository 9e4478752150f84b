/**
 * SQL condition: the row's org unit is `unit` or below it. Grants reach their subtree only, so
 * every read model query carries the caller's unit through this. Written as `@>` (contains)
 * rather than `= ANY`, which the GIN index on `path` cannot serve: a subtree query then reads the
 * index instead of every unit.
 */
export const withinUnit = (column: string, param: string): string =>
  `${column} IN (SELECT id FROM org_units WHERE path @> ARRAY[${param}::text])`;

/**
 * SQL condition: a discipline decision (a row of `table`, with org_unit_id the deciding unit and
 * person_id) belongs to unit `param`'s register and report: decided within the unit's subtree, or
 * on a person whose record is managed within it as the registry stands (`people.org_unit_id`). A
 * ward thus sees its own officials disciplined by the city: the decision is on the person's
 * record, which the ward reads anyway. The managing unit, not a post held at the decision: the
 * record follows the person, so a transfer takes the discipline to the unit that now manages it.
 * Only decisions are registered, so a case still open above is never named here.
 */
export const disciplineWithinUnit = (table: string, param: string): string =>
  `(${withinUnit(`${table}.org_unit_id`, param)} OR ${table}.person_id IN (SELECT managed.person_id FROM people managed WHERE ${withinUnit('managed.org_unit_id', param)}))`;
