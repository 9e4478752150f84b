/**
 * SQL condition: the row's org unit is `unit` or below it. Grants reach their subtree only, so
 * every read model query carries the caller's unit through this. Written as `@>` (contains)
 * rather than `= ANY`, which the GIN index on `path` cannot serve: a subtree query then reads the
 * index instead of every unit.
 */
export const withinUnit = (column: string, param: string): string =>
  `${column} IN (SELECT id FROM org_units WHERE path @> ARRAY[${param}::text])`;
