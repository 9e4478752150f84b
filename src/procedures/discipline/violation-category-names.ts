/**
 * The violation categories a discipline case is filed under (the register filters by them), a
 * closed list, with their Vietnamese names: the API refuses any other code (400 naming `category`
 * and these), an import's "Loại vi phạm" takes a name or a code from here, the Vietnamese CSV
 * names them from here and the web app reads the same module. The kinds the rule sets exempt from
 * the limitation period (`discipline.limitationExemptCategories`, except a Party expulsion, which a
 * case names and nobody files a violation under) are in it, so an exempt kind is filed as itself.
 * `land` is the older code for land cases (recorded before `land_management` was offered); both
 * stay valid because recorded cases use both.
 */
export const VIOLATION_CATEGORY_NAMES = {
  land_management: 'Quản lý đất đai',
  land: 'Đất đai',
  budget: 'Tài chính, ngân sách',
  public_investment: 'Đầu tư công',
  personnel_work: 'Công tác cán bộ',
  asset_declaration: 'Kê khai tài sản, thu nhập',
  ethics: 'Đạo đức, lối sống',
  internal_politics: 'Bảo vệ chính trị nội bộ',
  national_security: 'An ninh quốc gia',
  defence: 'Quốc phòng',
  foreign_affairs: 'Đối ngoại',
  false_diploma: 'Sử dụng văn bằng, chứng chỉ giả, không hợp pháp',
  other: 'Khác',
} as const satisfies Readonly<Record<string, string>>;

export type ViolationCategory = keyof typeof VIOLATION_CATEGORY_NAMES;

/** Every category the API accepts, in the order the names above give them. */
export const VIOLATION_CATEGORIES = Object.keys(VIOLATION_CATEGORY_NAMES) as ViolationCategory[];

/** A code the list has. */
export const isViolationCategory = (code: string): code is ViolationCategory =>
  Object.hasOwn(VIOLATION_CATEGORY_NAMES, code);

/**
 * The older codes still accepted, each with the current code of the same category: a violation
 * filed under either is the same violation wherever cases are compared (one violation is
 * disciplined once per track), though each case keeps the code it was recorded with.
 */
export const VIOLATION_CATEGORY_ALIASES: Readonly<
  Partial<Record<ViolationCategory, ViolationCategory>>
> = {
  land: 'land_management',
};

/** The current code of a category (an older code's successor, otherwise the code itself). */
export const canonicalViolationCategory = (code: string): string =>
  (isViolationCategory(code) ? VIOLATION_CATEGORY_ALIASES[code] : undefined) ?? code;
