import { DisclosedData } from './ballot-disclosure';

/**
 * The case and discipline views have always answered `tally` and `reason` with why they are
 * hidden ("not announced", "withheld from the subject"); clients read those. Kept, with the list
 * of every withheld field beside them.
 */
export function withheldPlaceholders(disclosed: DisclosedData): Record<string, unknown> {
  if (!disclosed.reason) return {};
  return {
    ...(disclosed.withheld.includes('tally') ? { tally: disclosed.reason } : {}),
    ...(disclosed.withheld.includes('reason') ? { reason: disclosed.reason } : {}),
    withheld: disclosed.withheld,
  };
}
