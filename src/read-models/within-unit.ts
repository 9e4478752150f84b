/**
 * SQL condition: the row's org unit is `unit` or below it. Grants reach their subtree only, so
 * every read model query carries the caller's unit through this.
 */
export const withinUnit = (column: string, param: string): string =>
  `${column} IN (SELECT id FROM org_units WHERE ${param} = ANY (path))`;
