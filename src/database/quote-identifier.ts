/** A schema, table or index name as a quoted SQL identifier (names cannot be query parameters). */
export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
