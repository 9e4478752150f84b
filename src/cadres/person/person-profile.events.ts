/**
 * Events of the person's record that the register and the reports need beyond the registration:
 * place of origin, management tier, civil-service rank and the yearly quality rating. Stored
 * names are stable; never rename.
 */

/** Who manages the person's post (diện quản lý): the body that decides on their appointment. */
export const MANAGEMENT_TIERS = [
  'politburo_secretariat',
  'provincial_standing_committee',
  'district_standing_committee',
  'commune_party_committee',
  'agency_leadership',
] as const;
export type ManagementTier = (typeof MANAGEMENT_TIERS)[number];

/** The four grades of the yearly evaluation (xếp loại chất lượng), best first. */
export const QUALITY_RATINGS = ['excellent', 'good', 'completed', 'not_completed'] as const;
export type QualityRating = (typeof QUALITY_RATINGS)[number];

/** Quê quán: the province the person comes from, and the commune or district as written. */
export interface PlaceOfOriginRecorded {
  type: 'PlaceOfOriginRecorded';
  data: { personId: string; province: string; locality: string };
}

export interface ManagementTierRecorded {
  type: 'ManagementTierRecorded';
  data: { personId: string; tier: ManagementTier; from: string; decisionRef: string };
}

/** Ngạch: the civil-service rank by its code (01.003 chuyên viên, …) and title. */
export interface CivilServiceRankRecorded {
  type: 'CivilServiceRankRecorded';
  data: { personId: string; code: string; title: string; from: string; decisionRef: string };
}

/**
 * The year's evaluation and rating. A later event for the same year replaces the earlier one
 * (a corrected rating), and both stay in the stream.
 */
export interface AnnualRatingRecorded {
  type: 'AnnualRatingRecorded';
  data: {
    personId: string;
    year: number;
    rating: QualityRating;
    evaluatedOn: string;
    decisionRef: string;
    note: string;
  };
}

export type PersonProfileEvent =
  PlaceOfOriginRecorded | ManagementTierRecorded | CivilServiceRankRecorded | AnnualRatingRecorded;
