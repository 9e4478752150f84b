import { createHash } from 'node:crypto';

/**
 * The Merkle tree a checkpoint signs: one leaf per stream (its last revision and chain link at the
 * checkpoint's position), leaves sorted by stream id, hashed as in RFC 6962 (Certificate
 * Transparency): leaf = sha256(0x00 ‖ leaf bytes), node = sha256(0x01 ‖ left ‖ right), a tree of
 * n leaves splits at the largest power of two below n. `scripts/verify-case-proof.mjs` repeats
 * these few lines; keep them the same.
 */
export interface StreamHead {
  streamId: string;
  /** Revision of the stream's last event covered. */
  revision: number;
  /** Chain link of that event, hex. */
  hash: string;
}

export type ProofStep = { side: 'left' | 'right'; hash: string };

const sha256 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** The bytes of a leaf: JSON of `[streamId, revision, hash]` (an array: no key order to agree on). */
export function leafHash(head: StreamHead): Buffer {
  const bytes = Buffer.from(JSON.stringify([head.streamId, head.revision, head.hash]), 'utf8');
  return sha256(Buffer.from([0]), bytes);
}

const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([1]), left, right);

/** Stream ids in the order leaves take: by UTF-16 code unit, as JavaScript compares strings. */
export const compareStreamIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** Root of leaf hashes in order; the empty tree's root is sha256 of nothing. */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  // Bottom-up with the same shape as the recursive RFC 6962 definition: pair left to right,
  // an odd last node goes up unchanged.
  let level = leaves.slice();
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let index = 0; index < level.length; index += 2) {
      next.push(index + 1 < level.length ? nodeHash(level[index], level[index + 1]) : level[index]);
    }
    level = next;
  }
  return level[0];
}

/** The sibling hashes from leaf `index` up to the root. */
export function inclusionPath(leaves: readonly Buffer[], index: number): ProofStep[] {
  if (index < 0 || index >= leaves.length) throw new Error(`no leaf ${index}`);
  const path: ProofStep[] = [];
  const walk = (from: number, to: number, target: number): void => {
    const n = to - from;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (target - from < k) {
      walk(from, from + k, target);
      path.push({ side: 'right', hash: merkleRoot(leaves.slice(from + k, to)).toString('hex') });
    } else {
      walk(from + k, to, target);
      path.push({ side: 'left', hash: merkleRoot(leaves.slice(from, from + k)).toString('hex') });
    }
  };
  walk(0, leaves.length, index);
  return path;
}

/** The root a leaf and its path lead to. */
export function rootFromPath(leaf: Buffer, path: readonly ProofStep[]): Buffer {
  return path.reduce(
    (node, step) =>
      step.side === 'left'
        ? nodeHash(Buffer.from(step.hash, 'hex'), node)
        : nodeHash(node, Buffer.from(step.hash, 'hex')),
    leaf,
  );
}
