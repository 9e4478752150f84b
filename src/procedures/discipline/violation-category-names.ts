/**
 * The Vietnamese names of the violation categories the screen offers (web/src/discipline:
 * VIOLATION_CATEGORIES, discipline-strings.ts `categories`), by code. The server takes any code
 * written as lower-case words joined by `_`; these are the ones a clerk names in words, in an
 * import's "Loại vi phạm" or a Vietnamese download.
 */
export const VIOLATION_CATEGORY_NAMES: Readonly<Record<string, string>> = {
  land_management: 'Quản lý đất đai',
  budget: 'Tài chính, ngân sách',
  public_investment: 'Đầu tư công',
  personnel_work: 'Công tác cán bộ',
  asset_declaration: 'Kê khai tài sản, thu nhập',
  ethics: 'Đạo đức, lối sống',
  other: 'Khác',
};
