import { isViolationCategory } from '../../../src/procedures/discipline/violation-category-names';

/**
 * The categories a violation is filed under (the register filters by them) and where a report
 * came from (VIOLATION_SOURCES of discipline.events.ts). The server takes only the categories of
 * its closed list (violation-category-names.ts, which names them in Vietnamese for this screen
 * too); the screen offers the usual ones and every category a rule set
 * exempts from the limitation period (`discipline.limitationExemptCategories`: bảo vệ chính trị
 * nội bộ, quốc phòng, an ninh, đối ngoại, văn bằng giả), read from the catalog so the list follows
 * the rule sets. Before, an exempt kind could only be filed as "Khác" and was wrongly time-barred.
 */
const USUAL_CATEGORIES = [
  'land_management',
  'budget',
  'public_investment',
  'personnel_work',
  'asset_declaration',
  'ethics',
];

const EXEMPT_RULE = 'discipline.limitationExemptCategories';

/**
 * Exemptions that are not a violation's subject: a civil servant the Party expelled for the same
 * violation (Nghị định 112/2020 art. 5(2) as amended) is exempt by that decision, which the case
 * names; nobody files a violation under it.
 */
export const EXEMPTIONS_NOT_FILED = ['party_member_expulsion'];

/** The categories to offer: the usual ones, those of the rule sets' exemptions, then "other". */
export function violationCategories(
  ruleSets: { params: Record<string, { value: unknown } | undefined> }[],
): string[] {
  const exempt = ruleSets
    .flatMap((r) => (r.params[EXEMPT_RULE]?.value as string[] | null) ?? [])
    .filter((category) => !EXEMPTIONS_NOT_FILED.includes(category))
    // A kind the list lacks would be refused by the server: offered, it could never be filed.
    .filter(isViolationCategory);
  return [...new Set([...USUAL_CATEGORIES, ...exempt]), 'other'];
}

export const VIOLATION_SOURCES = ['report', 'inspection', 'denunciation'] as const;
