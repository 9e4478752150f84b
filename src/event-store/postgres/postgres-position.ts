/**
 * A PostgreSQL global position is `<transaction id>/<sequence>`: events are ordered by the
 * transaction that wrote them first, then by insertion sequence.
 */
export interface PostgresPosition {
  tx: string;
  pos: string;
}

export function parsePosition(position: string): PostgresPosition {
  const match = /^(\d+)\/(\d+)$/.exec(position);
  if (!match)
    throw new Error(`not a PostgreSQL event-store position: "${position}" (expected <tx>/<seq>)`);
  return { tx: match[1], pos: match[2] };
}
