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

/**
 * Periods only a woman lives: pregnancy and the maternity leave after she gives birth (nghỉ thai
 * sản). Nghị định 172/2025 defers the discipline of a woman who is pregnant or on maternity leave
 * ("cán bộ, công chức là nữ giới đang trong thời gian mang thai, nghỉ thai sản"; article not
 * identified, read in a restatement: znews.vn post1563132, Jul 2025); a man's deferral is for
 * raising a child under 12 months himself (child_under_12_months with a fatherCareGround). A man's
 * days off when his wife gives birth (Luật Bảo hiểm xã hội: chế độ thai sản của lao động nam) are
 * leave (on_leave), which the sets that defer for leave defer as such.
 */
export const WOMEN_ONLY_STATUSES: readonly PersonStatusKind[] = ['pregnant', 'maternity_leave'];

/** Why a father raises a child under 12 months himself (Nghị định 172/2025's deferral for men). */
export const FATHER_CARE_GROUNDS = ['wife_died', 'wife_unable_to_care'] as const;
export type FatherCareGround = (typeof FATHER_CARE_GROUNDS)[number];
