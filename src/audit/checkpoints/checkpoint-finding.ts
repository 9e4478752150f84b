import { StoredEventRecord } from '../../event-store/event-store.port';
import { chainHash } from '../../event-store/hash-chain';
import { digestOf, WitnessStream } from './checkpoint-witness';

export type FindingKind =
  | 'rewritten'
  | 'hash-rewritten'
  | 'deleted-stream'
  | 'deleted-tail'
  | 'deleted-event'
  | 'inserted'
  | 'moved'
  /** An event after the checkpoint whose chain link its content (or its place) does not give. */
  | 'chain-broken';

/** Where the store and the checkpoint part ways in one stream (the first place; later ones counted). */
export interface CheckpointFinding {
  kind: FindingKind;
  streamId: string;
  revision: number;
  /** The store's position of the event, or the position the checkpoint recorded for it. */
  position: string | null;
  detail: string;
  /** Further events of the same stream that differ after this one. */
  further: number;
}

export type FirstFinding = Omit<CheckpointFinding, 'further'>;

/** An event stored before the checkpoint's position that the checkpoint does not cover. */
export const insertedFinding = (event: StoredEventRecord): FirstFinding => ({
  kind: 'inserted',
  streamId: event.streamId,
  revision: event.revision,
  position: event.position,
  detail: 'stored before the checkpoint position but not covered by it',
});

/**
 * A covered event against what the checkpoint signed for it: its content, then its stored chain
 * link. `previousHash` is the stored link of the event before it (null for revision 0); with it the
 * finding tells whether the store's chain was recomputed to hide the rewrite.
 */
export function coveredEventFinding(
  event: StoredEventRecord,
  stream: WitnessStream,
  previousHash: string | null,
): FirstFinding | null {
  const at = { streamId: event.streamId, revision: event.revision, position: event.position };
  const digest = digestOf(event);
  if (digest.toString('hex') !== stream.digests![event.revision]) {
    const selfLink = chainHash(
      previousHash === null ? null : Buffer.from(previousHash, 'hex'),
      digest,
    );
    return {
      kind: 'rewritten',
      ...at,
      detail:
        selfLink.toString('hex') === event.hash
          ? "content differs from the signed checkpoint's; the store's chain was recomputed to match it"
          : "content differs from the signed checkpoint's",
    };
  }
  if (event.hash !== stream.links![event.revision])
    return {
      kind: 'hash-rewritten',
      ...at,
      detail: "content as signed, but its stored chain link differs from the checkpoint's",
    };
  // The global order is in no hash: the outside copy's record of where each covered event lay is
  // what shows two events' places swapped, or one moved among the covered ones.
  const coveredAt = stream.positions?.[event.revision];
  if (coveredAt !== undefined && coveredAt !== event.position)
    return {
      kind: 'moved',
      ...at,
      detail: `covered at position ${coveredAt}, now stored at ${event.position}`,
    };
  return null;
}

/** Covered revisions of a stream the store no longer has: the whole stream, its tail, or one event. */
export function missingFinding(
  streamId: string,
  stream: WitnessStream,
  missing: number[],
  streamGone: boolean,
): CheckpointFinding {
  const first = missing[0];
  const isTail =
    missing[missing.length - 1] === stream.revision &&
    missing.length === stream.revision - first + 1;
  return {
    kind: streamGone ? 'deleted-stream' : isTail ? 'deleted-tail' : 'deleted-event',
    streamId,
    revision: first,
    position: stream.positions![first],
    detail: streamGone
      ? `all ${stream.revision + 1} covered events are gone`
      : isTail
        ? `revisions ${first}..${stream.revision} are gone (the checkpoint covers up to ${stream.revision})`
        : `revision ${first} is gone`,
    further: missing.length - 1,
  };
}
