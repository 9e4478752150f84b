import { PostFilledBy } from './post-filled-by';

/** A unit of the org tree (province → district or town → commune), with the ids above it. */
export interface OrgUnit {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  path: string[];
}

/** A post in a unit, with the authority that appoints to it and how it is filled. */
export interface Position {
  id: string;
  title: string;
  orgUnitId: string;
  appointingAuthority: string;
  rank: number;
  isLeadership: boolean;
  filledBy: PostFilledBy;
  /**
   * How many people may hold the post at once, when the registry says (1..50); absent or null: an
   * elected post has one, an appointed post no limit (`seatsOf`, post-seats.ts).
   */
  seats?: number | null;
}
