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

/** Orders two positions as the log does: by transaction, then by sequence. */
export function comparePositions(a: string, b: string): number {
  const left = parsePosition(a);
  const right = parsePosition(b);
  const byTx = BigInt(left.tx) - BigInt(right.tx);
  if (byTx !== 0n) return byTx > 0n ? 1 : -1;
  const byPos = BigInt(left.pos) - BigInt(right.pos);
  return byPos === 0n ? 0 : byPos > 0n ? 1 : -1;
}
