import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventMetadata } from '../../event-store/event-envelope';
import { WrongExpectedRevision } from '../../event-store/event-store.errors';
import { EventStore } from '../../event-store/event-store.port';
import { RuleSet, RuleTrack, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { PersonDecideContext } from '../person/person.commands';
import { PersonState } from '../person/person.state';
import { RegistryRuleViolation } from '../registry-rule-violation';
import { personStream } from '../person-stream';
import {
  claimsNotWithdrawn,
  SeatClaimMade,
  SeatClaimType,
  SeatClaimWithdrawalReason,
} from '../seat-claim-withdrawal';
import { assertPostHasRoomInPool, CitedLimit, PersonPlanningLimits } from './planning-pool-limits';
import { PlanningDisciplineRule, planningDisciplineRule } from './planning-discipline';
import { CitedPlannableTerms, PlannableTermsRule } from './planning-term';
import { planningWorkingTime, PlanningWorkingTime } from './planning-working-time';

/**
 * A claim whose person record still lacks the entry this long after is taken as abandoned (a
 * process stopped between the two); one whose entry was refused is withdrawn at once.
 */
const ABANDONED_CLAIM_MS = 60_000;
const CLAIM_ATTEMPTS = 5;

/**
 * The seat stream of a post's pool for a term: its kind has no hyphen (stream names are
 * `<kind>-<id>`), and the post id is escaped so that a hyphen in it cannot merge two streams.
 */
export const planningSeatStream = (positionId: string, term: string): string =>
  `planningseat-${encodeURIComponent(positionId)}/${term}`;

/**
 * The events of a pool's seat stream: a place claimed for a person about to be added, and a claim
 * withdrawn (`claimId`) because the entry it was made for was refused after it (a stale If-Match,
 * a later check). `claimant`, not `personId`: the seat stream is about the post, so it must not
 * join the claimant's history (where every other claimant of the post would show too).
 */
export type PlanningSeatEvent =
  | { type: 'PlanningPoolSeatClaimed'; data: { claimant: string } }
  | {
      type: 'PlanningPoolSeatClaimWithdrawn';
      data: { claimId: string; claimant: string; reason: SeatClaimWithdrawalReason };
    };

const PLANNING_SEAT_CLAIMED: PlanningSeatEvent['type'] & SeatClaimType = 'PlanningPoolSeatClaimed';

export interface PlanningLimits {
  maxPeoplePerPost: CitedLimit;
  maxPostsPerPersonPerLevel: CitedLimit;
  termYears: CitedLimit;
  plannableTerms: CitedPlannableTerms;
  workingTime: PlanningWorkingTime;
}

/** The planning limits of the rule set in force (Quy định 50-QĐ/TW, then 377-QĐ/TW). */
export function planningLimits(ruleSet: RuleSet): PlanningLimits {
  const cited = (name: string): CitedLimit => ({
    value: ruleValue<number>(ruleSet, name),
    citation: ruleCitation(ruleSet, name),
  });
  return {
    maxPeoplePerPost: cited('planning.maxPeoplePerPost'),
    maxPostsPerPersonPerLevel: cited('planning.maxPostsPerPersonPerLevel'),
    termYears: cited('planning.termYears'),
    plannableTerms: {
      value: ruleValue<PlannableTermsRule>(ruleSet, 'planning.plannableTerms'),
      citation: ruleCitation(ruleSet, 'planning.plannableTerms'),
    },
    workingTime: planningWorkingTime(ruleSet),
  };
}

/** The limits of a change's day, and the planning decision's own day when it is not that day. */
interface PlanningOnDay {
  limits: PlanningLimits;
  day: string;
  decidedOn?: string;
  discipline?: PlanningDisciplineRule;
}

/**
 * The planning limits in force on the day a change is made (the State track's rule set); a
 * review's `reviewedOn` (`decidedOn`) is the day a running term's working time is counted from.
 */
export function planningLimitsOn(
  rules: { ruleSetOn(day: string, track: RuleTrack): RuleSet | undefined },
  day: string,
  decidedOn?: string,
): PlanningOnDay {
  const ruleSet = rules.ruleSetOn(day, 'state');
  if (!ruleSet)
    throw new RegistryRuleViolation(
      'rule_set.none_in_force',
      `no rule set is in force on ${day}`,
      'unprocessable',
    );
  const discipline = planningDisciplineRule(ruleSet, day);
  return { limits: planningLimits(ruleSet), day, ...(decidedOn ? { decidedOn } : {}), discipline };
}

type LoadPerson = (personId: string) => Promise<{ state: PersonState }>;

/**
 * At most so many people per post and term. Each person's record is the truth of who is planned;
 * the seat stream of the post is where two staff adding people to one pool at once meet: each
 * appends its claim at the revision it read, the store lets one through, the other reads again
 * and counts the winner (a claim not yet on its person's record counts while it is fresh).
 */
export class PlanningPoolSeats {
  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly loadPerson: LoadPerson,
  ) {}

  /** The levels (ranks) of the posts the decider compares, for the per-person limit. */
  async personLimits(
    state: PersonState,
    positionId: string,
    limits: PlanningLimits,
    day: string,
    decidedOn?: string,
  ): Promise<PersonPlanningLimits> {
    const ids = [
      positionId,
      ...(state.status === 'registered' ? state.planningPool : []).map((e) => e.positionId),
    ];
    const { rows } = await this.pool.query<{ id: string; rank: number }>(
      'SELECT id, rank FROM positions WHERE id = ANY ($1::text[])',
      [ids],
    );
    return {
      maxPostsPerLevel: limits.maxPostsPerPersonPerLevel,
      levelOf: Object.fromEntries(rows.map((r) => [r.id, r.rank])),
      termYears: limits.termYears,
      plannableTerms: limits.plannableTerms,
      workingTime: limits.workingTime,
      day,
      ...(decidedOn ? { decidedOn } : {}),
    };
  }

  /** What the person's decider judges an entry by; for one put back, also who holds the seats. */
  async decideContext(
    state: PersonState,
    seat: { personId: string; positionId: string; term: string; restored: boolean },
    { limits, day, decidedOn, discipline }: PlanningOnDay,
  ): Promise<PersonDecideContext> {
    const planning = await this.personLimits(state, seat.positionId, limits, day, decidedOn);
    // A new entry is refused while a discipline keeps the person off the pool.
    if (!seat.restored)
      return { planning, ...(discipline ? { planningDiscipline: discipline } : {}) };
    const plannedOthers = await this.plannedFor(seat.positionId, seat.term, seat.personId);
    return { planning, seats: { plannedOthers, limit: limits.maxPeoplePerPost } };
  }

  /** Who is planned for the post in the term now (the person asking excepted). */
  async plannedFor(positionId: string, term: string, except?: string): Promise<string[]> {
    const claims = await this.claims(positionId, term);
    const { rows } = await this.pool.query<{ person_id: string }>(
      'SELECT person_id FROM planning_pool_entries WHERE position_id = $1 AND term = $2',
      [positionId, term],
    );
    const candidates = new Set([...claims.keys(), ...rows.map((r) => r.person_id)]);
    candidates.delete(except ?? '');
    const planned: string[] = [];
    for (const personId of [...candidates].sort()) {
      const { state } = await this.loadPerson(personId);
      const onRecord =
        state.status === 'registered' &&
        state.planningPool.some((e) => e.positionId === positionId && e.term === term);
      if (onRecord || (await this.holdsClaim(personId, positionId, term, claims.get(personId))))
        planned.push(personId);
    }
    return planned;
  }

  /**
   * Claims a seat for the person, or refuses with the counts and the rule. Answers the claim
   * appended (`withdrawSeatClaim` takes it back when the entry is then refused), null when the
   * person's claim already holds the seat (a retried command's, which is not this call's to
   * withdraw).
   */
  async claim(
    { positionId, term, personId }: { positionId: string; term: string; personId: string },
    limit: CitedLimit,
    metadata: EventMetadata,
  ): Promise<SeatClaimMade | null> {
    const streamId = planningSeatStream(positionId, term);
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      const revision = await this.store.streamRevision(streamId);
      // A retried command (its person's record moved under it) already holds its seat: claiming
      // again would move the seat stream under everyone else's claims for nothing.
      const mine = (await this.claims(positionId, term)).get(personId);
      if (mine && (await this.holdsClaim(personId, positionId, term, mine))) return null;
      assertPostHasRoomInPool(
        positionId,
        term,
        await this.plannedFor(positionId, term, personId),
        limit,
      );
      const data = { claimant: personId };
      const claim = { id: randomUUID(), type: PLANNING_SEAT_CLAIMED, data, metadata };
      try {
        await this.store.append(streamId, [claim], {
          expectedRevision: revision === null ? 'no_stream' : revision,
        });
        return { seatStream: streamId, claim };
      } catch (error) {
        // Another claim came first: count again with it.
        if (!(error instanceof WrongExpectedRevision)) throw error;
      }
    }
    throw new RegistryRuleViolation(
      'planning_pool.busy',
      `positionId: the planning pool of ${positionId} kept changing; try again`,
      'conflict',
      'positionId',
    );
  }

  /** Each claimant's latest claim not withdrawn (`claimsNotWithdrawn`), by when it was made. */
  private async claims(positionId: string, term: string): Promise<Map<string, string>> {
    const events = await this.store.readStream(planningSeatStream(positionId, term));
    return new Map(
      claimsNotWithdrawn(events, PLANNING_SEAT_CLAIMED).map(
        (e) => [(e.data as { claimant: string }).claimant, e.recordedAt] as const,
      ),
    );
  }

  /**
   * A claim the record as loaded did not show, judged on the person's stream read again: the
   * claimant's entry may have been appended between that load and this read (before, such a claim
   * counted as neither on record nor in flight, and a fourth person got a place). An entry added
   * since the claim holds the seat until it is removed; a claim with nothing added or removed since
   * holds it only while its append may still be under way (fresh); added and taken off, nothing.
   */
  private async holdsClaim(
    personId: string,
    positionId: string,
    term: string,
    claimedAt?: string,
  ): Promise<boolean> {
    if (claimedAt === undefined) return false;
    const events = await this.store.readStream(personStream(personId));
    const since = events.filter(
      (e) =>
        (e.type === 'PlanningPoolEntryAdded' || e.type === 'PlanningPoolEntryRemoved') &&
        (e.data as { positionId?: string }).positionId === positionId &&
        e.recordedAt >= claimedAt,
    );
    const last = since.at(-1);
    if (last)
      return (
        last.type === 'PlanningPoolEntryAdded' && (last.data as { term?: string }).term === term
      );
    return Date.now() - Date.parse(claimedAt) < ABANDONED_CLAIM_MS;
  }
}
