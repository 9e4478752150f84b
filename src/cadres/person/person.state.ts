import { PersonRegistered, PersonStatusKind } from './person.events';

export interface PostHeld {
  positionId: string;
  from: string;
  /** End of the term (nhiệm kỳ), or null for posts without a term. */
  termEnd: string | null;
  decisionRef: string;
}

export interface PlanningPoolEntry {
  positionId: string;
  term: string;
  decisionRef: string;
}

export interface PersonStatusPeriod {
  status: PersonStatusKind;
  from: string;
  until: string | null;
  note: string;
}

export type PersonState =
  | { status: 'unknown' }
  | {
      status: 'registered';
      profile: PersonRegistered['data'];
      posts: PostHeld[];
      pastPosts: (PostHeld & { endedOn: string; reason: string })[];
      planningPool: PlanningPoolEntry[];
      statuses: PersonStatusPeriod[];
    };
