import { PersonState } from '../cadres/person/person.state';
import { refusePostHeldByAnother } from '../cadres/post-held-by-another';
import { holdsOnRecord, PostHolder } from '../cadres/post-holders';
import { refuseUnelectedHold } from '../cadres/elected-post-record';
import { seatsOf } from '../cadres/post-seats';
import { Position } from '../cadres/registry-records';

/** The posts rows' facts from the registry: each post, and who may hold one (by post id). */
export interface PostFacts {
  positions: ReadonlyMap<string, Position>;
  /** The people the record or an earlier row of the file puts in each post at some time. */
  holdersOf: Map<string, Set<string>>;
}

/**
 * A post row is refused as `POST /cadres/:id/posts` refuses it (`refuseUnelectedHold`: an elected
 * post needs the day the council elected the person, an appointed one takes none), and when a
 * post's seats are all held by others on a day of its term (`refusePostHeldByAnother`: any hold of
 * the post, one beginning later too), read from the records as the file leaves them so far (`states`). Only a post with a seat limit (`seatsOf`: its
 * `seats`, or one for an elected post): a unit's files put several people in an appointed post
 * without one (its deputies, a reorganisation's staff). Throws the registry's refusal.
 */
export function refuseImportedPost(
  data: {
    personId: string;
    positionId: string;
    from: string;
    termEnd: string | null;
    electedOn?: string;
  },
  states: ReadonlyMap<string, PersonState>,
  facts: PostFacts,
  today: string,
): void {
  const position = facts.positions.get(data.positionId);
  if (!position) return;
  refuseUnelectedHold(position, data.electedOn, today);
  if (seatsOf(position) === null) return;
  const holders: PostHolder[] = [];
  for (const personId of facts.holdersOf.get(data.positionId) ?? []) {
    const state = states.get(personId);
    if (personId !== data.personId && state)
      holders.push(...holdsOnRecord(personId, state, data.positionId));
  }
  refusePostHeldByAnother(position, data.personId, data.from, holders, data.termEnd);
}
