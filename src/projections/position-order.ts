import { parsePosition } from '../event-store/postgres/postgres-position';

/**
 * Orders two global positions (negative: a before b). Positions are opaque to the port, but a
 * consumer must tell "already applied" from "new" to stay idempotent under re-delivery, so each
 * adapter's position format comes with its order.
 */
export type PositionOrder = (a: string, b: string) => number;

/** PostgreSQL adapter positions `<transaction id>/<sequence>`: by transaction, then sequence. */
export const postgresPositionOrder: PositionOrder = (a, b) => {
  const left = parsePosition(a);
  const right = parsePosition(b);
  const byTx = compareBig(BigInt(left.tx), BigInt(right.tx));
  return byTx !== 0 ? byTx : compareBig(BigInt(left.pos), BigInt(right.pos));
};

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `position` is at or before `checkpoint` (null checkpoint = nothing applied yet). */
export function isAtOrBefore(
  order: PositionOrder,
  position: string,
  checkpoint: string | null,
): boolean {
  return checkpoint !== null && order(position, checkpoint) <= 0;
}
