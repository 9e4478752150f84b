import { PersonCommand } from '../cadres/person/person.decider';
import { PostSeatClaim, postSeatStream, seatClaimsOf } from '../cadres/post-seat-claims';
import { seatsOf } from '../cadres/post-seats';
import { Position } from '../cadres/registry-records';
import { deterministicId } from '../common/deterministic-id';
import { EventMetadata, NewEvent } from '../event-store/event-envelope';
import { EventStore, StreamAppend } from '../event-store/event-store.port';

/** A seated post's seat stream as the import's checks read it: its revision, then its claims. */
export interface ImportSeatStream {
  revision: number | null;
  claims: PostSeatClaim[];
}

/**
 * The seat streams of the rows' posts that have a seat limit (`seatsOf`), each revision read
 * before its claims and before the holds the rows are judged on: the import's claims are appended
 * at those revisions, so a claim another record made since refuses them. Two statements on
 * PostgreSQL whatever the number of posts; a post without a limit is not read.
 */
export async function readImportSeatStreams(
  store: EventStore,
  positions: Iterable<Position>,
): Promise<Map<string, ImportSeatStream>> {
  const seated = [...positions].filter((position) => seatsOf(position) !== null);
  const streams = seated.map((position) => postSeatStream(position.id));
  const heads = await store.streamHeads(streams);
  const events = await store.readStreams(streams.map((streamId) => ({ streamId })));
  return new Map(
    seated.map((position, at) => [
      position.id,
      // Read after the head: a claim appended in between is counted, and refuses the append.
      { revision: heads[at]?.revision ?? null, claims: seatClaimsOf(events[at]) },
    ]),
  );
}

/** The post a row's command takes a seat of (a post with a seat limit), as the registry's `seatOf`. */
export function seatTakenBy(
  command: PersonCommand,
  positions: ReadonlyMap<string, Position>,
): Position | undefined {
  if (command.type !== 'AssignPost') return undefined;
  const position = positions.get(command.data.positionId);
  return position && seatsOf(position) !== null ? position : undefined;
}

/** A post row that writes (not one on record already), with the seed of its events' ids. */
interface SeatedRow {
  command: PersonCommand;
  idSeed: string;
}

/**
 * The seats the import's rows take, to append in the same write as the rows, as the registry's
 * record claims its seat (`PostSeatClaims`): one append a post, its claims in the rows' order, at
 * the revision the checks read plus the claims earlier writes of this import made (`next`, kept
 * across the chunks in the order they are taken). Ids are seeded by each row, so the very same
 * write again appends nothing.
 */
export class ImportSeatClaims {
  private readonly next = new Map<string, number | null>();

  constructor(
    streams: ReadonlyMap<string, ImportSeatStream>,
    private readonly positions: ReadonlyMap<string, Position>,
  ) {
    for (const [positionId, { revision }] of streams) this.next.set(positionId, revision);
  }

  appendsOf(rows: readonly SeatedRow[], metadata: EventMetadata): StreamAppend[] {
    const byPost = new Map<string, NewEvent[]>();
    for (const { command, idSeed } of rows) {
      const position = seatTakenBy(command, this.positions);
      if (!position || command.type !== 'AssignPost') continue;
      const { personId: claimant, from, termEnd } = command.data;
      const claim = {
        id: deterministicId(idSeed, 'seat'),
        type: 'PostSeatClaimed',
        data: { claimant, from, termEnd },
        metadata,
      };
      byPost.set(position.id, [...(byPost.get(position.id) ?? []), claim]);
    }
    return [...byPost].map(([positionId, events]) => {
      const revision = this.next.get(positionId) ?? null;
      this.next.set(positionId, (revision ?? -1) + events.length);
      return {
        streamId: postSeatStream(positionId),
        events,
        expectedRevision: revision === null ? 'no_stream' : revision,
      };
    });
  }
}
