/**
 * A PostgreSQL global position is `<transaction id>/<sequence>`: events are ordered by the
 * transaction that wrote them first, then by insertion sequence.
 */
export interface PostgresPosition {
  tx: string;
  pos: string;
}

const POSITION = /^(\d+)\/(\d+)$/;

function notAPosition(position: string): Error {
  return new Error(`not a PostgreSQL event-store position: "${position}" (expected <tx>/<seq>)`);
}

export function parsePosition(position: string): PostgresPosition {
  const match = POSITION.exec(position);
  if (!match) throw notAPosition(position);
  return { tx: match[1], pos: match[2] };
}

/**
 * Orders two positions as the log does: by transaction, then by sequence. Compared as decimal
 * digits, not parsed into numbers: every live subscription compares positions for each event it
 * reads, and building BigInts for it was a visible part of a bulk write's CPU (issue 21).
 */
export function comparePositions(a: string, b: string): number {
  if (!POSITION.test(a)) throw notAPosition(a);
  if (!POSITION.test(b)) throw notAPosition(b);
  const slashA = a.indexOf('/');
  const slashB = b.indexOf('/');
  return (
    compareDigits(a, 0, slashA, b, 0, slashB) ||
    compareDigits(a, slashA + 1, a.length, b, slashB + 1, b.length)
  );
}

/** Compares two runs of decimal digits by value (leading zeros allowed). */
function compareDigits(
  a: string,
  aStart: number,
  aEnd: number,
  b: string,
  bStart: number,
  bEnd: number,
): number {
  while (aStart < aEnd - 1 && a.charCodeAt(aStart) === 48) aStart += 1;
  while (bStart < bEnd - 1 && b.charCodeAt(bStart) === 48) bStart += 1;
  const byLength = aEnd - aStart - (bEnd - bStart);
  if (byLength !== 0) return byLength > 0 ? 1 : -1;
  for (; aStart < aEnd; aStart += 1, bStart += 1) {
    const byDigit = a.charCodeAt(aStart) - b.charCodeAt(bStart);
    if (byDigit !== 0) return byDigit > 0 ? 1 : -1;
  }
  return 0;
}
