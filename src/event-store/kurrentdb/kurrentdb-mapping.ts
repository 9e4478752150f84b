import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import { EventMetadata } from '../event-envelope';
import { ExpectedRevision } from '../expected-revision';

/** A KurrentDB $all position as the port's opaque string: `<commit>/<prepare>`. */
export interface AllPosition {
  commit: bigint;
  prepare: bigint;
}

export function positionToString(position: AllPosition): string {
  return `${position.commit}/${position.prepare}`;
}

export function parseAllPosition(position: string): AllPosition {
  const match = /^(\d+)\/(\d+)$/.exec(position);
  if (!match)
    throw new Error(`not a KurrentDB position: "${position}" (expected <commit>/<prepare>)`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function comparePositions(a: AllPosition, b: AllPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** What KurrentDB is asked to check, given what the stream looks like now. */
export function toStreamState(
  expected: ExpectedRevision,
  lastRevision: number | null,
): bigint | typeof NO_STREAM | typeof ANY | typeof STREAM_EXISTS {
  if (expected === 'no_stream') return NO_STREAM;
  if (typeof expected === 'number') return BigInt(expected);
  // For `any` and `stream_exists` the chain needs a definite predecessor, so pin the revision read.
  if (lastRevision === null) return expected === 'any' ? NO_STREAM : STREAM_EXISTS;
  return BigInt(lastRevision);
}

/** cadreflow's own fields travel in the event metadata beside the envelope metadata. */
export interface StoredMetadata extends EventMetadata {
  $cf: { schemaVersion: number; hash: string };
}

export function wrapMetadata(
  metadata: EventMetadata,
  schemaVersion: number,
  hash: string,
): StoredMetadata {
  return { ...metadata, $cf: { schemaVersion, hash } };
}

export function unwrapMetadata(stored: unknown): {
  metadata: EventMetadata;
  schemaVersion: number;
  hash: string;
} {
  const { $cf, ...metadata } = (stored ?? {}) as Partial<StoredMetadata>;
  return {
    metadata: metadata as EventMetadata,
    schemaVersion: $cf?.schemaVersion ?? 1,
    hash: $cf?.hash ?? '',
  };
}
