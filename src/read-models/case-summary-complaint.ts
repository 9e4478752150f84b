import type { CaseSummaryRow } from './case-summary-row';
import { COMPLAINT_REVIEW } from './inbox-steps';

/**
 * A complaint filed is the leadership's next task on the case, due on the day the law gives to
 * resolve it (`filed`: null when the rule set sets none): the case is under way again, so it has
 * no end day until a review ends it, on the day the review's decision is signed (`on`).
 */
export function complaint(
  row: CaseSummaryRow,
  event: { filed: string | null } | { outcome: 'keep' | 'change' | 'annul'; on: string },
  sequence: number,
): CaseSummaryRow {
  if ('filed' in event)
    return {
      ...row,
      status: 'under_review',
      current_step_id: COMPLAINT_REVIEW.id,
      current_step_due_on: event.filed,
      closed_on: null,
      updated_sequence: sequence,
    };
  const status = event.outcome === 'annul' ? 'annulled' : 'decided';
  const ended = { current_step_id: null, current_step_due_on: null, closed_on: event.on };
  return { ...row, status, ...ended, updated_sequence: sequence };
}
