/** The circumstances a person's record holds as periods (`POST /cadres/:id/statuses`). */
export const PERSON_STATUS_KINDS = [
  'under_investigation',
  'abroad',
  'in_hospital',
  'maternity_leave',
  'seriously_ill',
  'pregnant',
  'child_under_12_months',
  'prosecuted',
  /** On trial (đang bị xét xử): holds a re-appointment back (Nghị định 138/2020 art. 49(5)(a)). */
  'on_trial',
  'detained',
  /** Deferral reasons of discipline (chưa xem xét kỷ luật): loss of cognitive capacity, leave. */
  'lost_cognitive_capacity',
  'on_leave',
  'suspended',
  /**
   * Out of the service: retired (nghỉ hưu) or left it (thôi việc, nghỉ việc). A violation found
   * after leaving has its own forms (Luật Cán bộ, công chức 2025 art. 43(3)).
   */
  'retired',
  'left_service',
] as const;
export type PersonStatusKind = (typeof PERSON_STATUS_KINDS)[number];

/** Why a father raises a child under 12 months himself (Nghị định 172/2025's deferral for men). */
export const FATHER_CARE_GROUNDS = ['wife_died', 'wife_unable_to_care'] as const;
export type FatherCareGround = (typeof FATHER_CARE_GROUNDS)[number];
