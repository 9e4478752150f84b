import { PersonState } from '../cadres/person/person.state';
import { refusePostHeldByAnother } from '../cadres/post-held-by-another';
import { holdsOnRecord, PostHolder } from '../cadres/post-holders';
import { unelectedHoldViolations } from '../cadres/elected-post-record';
import { impossiblePostDays, reversedTerm } from '../cadres/person/person-dates';
import { endedTermViolation } from '../cadres/person/ended-post-term';
import { overlappingTermViolation } from '../cadres/person/overlapping-post-term';
import { PostAssigned } from '../cadres/person/person.events';
import { RegistryRuleViolation } from '../cadres/registry-rule-violation';
import { seatsOf } from '../cadres/post-seats';
import { Position } from '../cadres/registry-records';
import { pendingClaimsOf, PostSeatClaim } from '../cadres/post-seat-claims';
import { ImportSeatStream } from './import-post-seats';

/** The posts rows' facts from the registry: each post, and who may hold one (by post id). */
export interface PostFacts {
  positions: ReadonlyMap<string, Position>;
  /** The people the record, a fresh claim or an earlier row of the file puts in each post at some time. */
  holdersOf: Map<string, Set<string>>;
  /**
   * The fresh claims on each seated post's seat stream (`freshClaims`): a claim whose record does
   * not hold it yet (another clerk's record being written) holds its seat all the same.
   */
  claims: ReadonlyMap<string, readonly PostSeatClaim[]>;
  /** The seat streams of the rows' seated posts as read before the holds, for the import's claims. */
  seatStreams: ReadonlyMap<string, ImportSeatStream>;
}

/**
 * Every rule a post row breaks, as `POST /cadres/:id/posts` and the person decider judge it, all
 * at once: the election's day (`unelectedHoldViolations`: an elected post needs the day the
 * council elected the person, an appointed one takes none, and that day is not after today), the
 * days in a life's order (`impossiblePostDays`, for a person registered or registering in the
 * file: `holder`; for one the record does not know, the term's own order, `reversedTerm`), a
 * term the record shows ended given another term end, decision or election day
 * (`endedTermViolation`: the file does not reopen it, and is not told of the seats instead), a
 * term sharing days with another of the same post on record or in an earlier row
 * (`overlappingTermViolation`), and,
 * with none of those, a post whose seats are all held by others on a day of its term
 * (`refusePostHeldByAnother`: any hold of the post, one beginning later too), read from the
 * records as the file leaves them so far (`states`) and the fresh seat claims not on their records
 * yet, as the registry reads them. Only a post with a seat limit (`seatsOf`: its `seats`, or one
 * for an elected post): a unit's files put several people in an appointed post without one (its
 * deputies, a reorganisation's staff).
 */
export function importedPostViolations(
  data: PostAssigned['data'],
  states: ReadonlyMap<string, PersonState>,
  facts: PostFacts,
  today: string,
): RegistryRuleViolation[] {
  const position = facts.positions.get(data.positionId);
  const holder = states.get(data.personId);
  const registered = holder?.status === 'registered' ? holder : null;
  const reopened = registered && endedTermViolation(registered, data, today);
  const overlap = registered && !reopened && overlappingTermViolation(registered, data);
  const violations = [
    ...(position ? unelectedHoldViolations(position, data.electedOn, today) : []),
    // Of a person not on record, the days the row holds are judged still: its term's order.
    ...(registered ? impossiblePostDays(registered.profile, data) : reversedTerm(data)),
    ...(reopened ? [reopened] : []),
    ...(overlap ? [overlap] : []),
  ];
  if (violations.length > 0 || !position || seatsOf(position) === null) return violations;
  const holders: PostHolder[] = [];
  const claims = facts.claims.get(data.positionId) ?? [];
  for (const personId of facts.holdersOf.get(data.positionId) ?? []) {
    const state = states.get(personId);
    if (personId === data.personId || !state) continue;
    const onRecord = holdsOnRecord(personId, state, data.positionId);
    const fullName = state.status === 'registered' ? state.profile.fullName : personId;
    const pending = pendingClaimsOf(claims, personId, onRecord).map(
      ({ from, termEnd }): PostHolder => ({ personId, fullName, from, termEnd, endsOn: null }),
    );
    holders.push(...onRecord, ...pending);
  }
  try {
    refusePostHeldByAnother(position, data.personId, data.from, holders, data.termEnd);
  } catch (error) {
    if (error instanceof RegistryRuleViolation) return [error];
    throw error;
  }
  return [];
}
