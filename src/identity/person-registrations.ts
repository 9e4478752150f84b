import { Inject, Injectable } from '@nestjs/common';
import { StreamFoldCache } from '../common/stream-fold-cache';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { personStream } from '../cadres/person-stream';
import { EventOf, RegisteredPerson } from '../cadres/person/person-evolvers';
import { postEvolvers } from '../cadres/person/person-posts.evolve';

/** Records whose managing unit and posts one process keeps. */
const REGISTRATIONS_KEPT = 50_000;

/** What a record says of posts, as the record's own fold keeps it (posts-held-on.ts reads it). */
type PostsPart = Pick<RegisteredPerson, 'posts' | 'pastPosts' | 'postRestorations'>;

/** What scope reads of a person: the unit managing the record, and the posts on it. */
export interface ScopeRecord extends PostsPart {
  unit: string;
}

/** The record as scope reads it: null while the record does not exist. */
type Registration = ScopeRecord | null;

const unitNamed = (data: unknown): string | null => {
  const unit = (data as { orgUnitId?: unknown } | undefined)?.orgUnitId;
  return typeof unit === 'string' ? unit : null;
};

/**
 * The record's posts folded by the record's own evolvers, so that scope counts a post held exactly
 * as the record does. They read and spread only the posts part of the state they are given.
 */
const evolvePosts = (
  state: ScopeRecord,
  event: EventOf<'PostAssigned'> | EventOf<'PostEnded'>,
): ScopeRecord => {
  const evolve = postEvolvers[event.type] as unknown as (
    part: PostsPart,
    e: typeof event,
  ) => PostsPart;
  return { ...state, ...evolve(state, event) };
};

/** Only the events that say where the record is managed (registration, moves) and its posts. */
const registrationFold = {
  initialState: (): Registration => null,
  evolve: (state: Registration, event: { type: string; data: unknown }): Registration => {
    if (event.type === 'PersonRegistered') {
      const unit = unitNamed(event.data);
      return unit ? { unit, posts: [], pastPosts: [], postRestorations: [] } : state;
    }
    if (!state) return state;
    if (event.type === 'RegistrationMoved')
      return { ...state, unit: unitNamed(event.data) ?? state.unit };
    if (event.type === 'PostAssigned' || event.type === 'PostEnded')
      return evolvePosts(state, event as EventOf<'PostAssigned'> | EventOf<'PostEnded'>);
    return state;
  },
};

/**
 * The unit a person's record lies in for scope: the one it was registered in, or the receiving
 * unit of the last decision that moved the person into a post of another unit (RegistrationMoved);
 * and the posts the record holds, whose units see the person too (OrgScope). Unlike a stream's
 * first event this can change, so every answer asks the record's head (one cheap read) and reads
 * only the events appended since the kept answer.
 */
@Injectable()
export class PersonRegistrations {
  private readonly folds: StreamFoldCache<Registration>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.folds = new StreamFoldCache(store, registrationFold, REGISTRATIONS_KEPT);
  }

  async unitOf(personId: string): Promise<string | null> {
    return (await this.recordOf(personId))?.unit ?? null;
  }

  /** The record as scope reads it, or null if there is no such person. */
  async recordOf(personId: string): Promise<ScopeRecord | null> {
    const [record] = await this.recordsOf([personId]);
    return record;
  }

  /** Several records as `recordOf` reads each, their heads asked in one read. */
  async recordsOf(personIds: readonly string[]): Promise<(ScopeRecord | null)[]> {
    const loaded = await this.folds.loadMany(personIds.map(personStream));
    return loaded.map(({ state }) => state);
  }
}
