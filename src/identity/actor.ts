/** Who is acting: taken from the verified bearer token, written into every event's metadata. */
export interface Actor {
  userId: string;
  roles: string[];
  /** The org unit the grant belongs to; a grant reaches this unit and its subtree. */
  orgUnit: string;
  name?: string;
  /** The person record of the user, when they are a cadre: they may not act on their own cases. */
  personId?: string;
}

export const ROLES = [
  'organization_staff',
  'ballot_secretary',
  'leadership',
  'inspector',
  'auditor',
  'admin',
  /** Văn thư lưu trữ: enters cases kept on paper, as of the day they began. */
  'records_clerk',
] as const;
export type Role = (typeof ROLES)[number];
