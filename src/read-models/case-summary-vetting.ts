import type { CaseSummaryRow } from './case-summary-row';
import { RecordedEvent } from '../event-store/event-envelope';

interface RecordedItem {
  item: string;
  result: string;
}

/**
 * The row after an event (`next`, the summary's fold applied to `before`) with the vetting items
 * that hold the decision back kept up: the decider refuses the decision while any is open
 * (vetting.flagged_item_blocks_decision) and the case view does not offer it, so the inbox names
 * them rather than list «Quyết định» as a step ready to take.
 */
export function withVetting(
  before: CaseSummaryRow | undefined,
  next: CaseSummaryRow | undefined,
  event: RecordedEvent,
  sequence: number,
): CaseSummaryRow | undefined {
  if (!before || !next) return next;
  const data = event.data as { items?: RecordedItem[]; item?: string; corrected?: unknown };
  switch (event.type) {
    case 'VettingItemsRecorded':
      return before.status === 'open' ? vettingRecorded(next, data.items ?? [], sequence) : next;
    case 'VettingItemResolved':
    case 'VettingItemClearedFromRecord':
      return vettingResolved(next, String(data.item), sequence);
    case 'VettingItemFlaggedFromRecord':
      return vettingFlagged(next, String(data.item), sequence);
    case 'StepCorrected':
      return vettingCorrected(next, data.corrected, sequence);
    default:
      return next;
  }
}

/** A row's item lists as stored (a row written before version 9 of the projection has none). */
const flaggedOf = (row: CaseSummaryRow) => row.flagged_items ?? [];

/**
 * A vetting step (or a part of it) recorded: its flagged items hold the decision back until
 * resolved, its cleared ones no longer do; they are the items a correction of the step replaces.
 */
function vettingRecorded(
  row: CaseSummaryRow,
  items: readonly RecordedItem[],
  sequence: number,
): CaseSummaryRow {
  const named = new Set(items.map((entry) => entry.item));
  const flagged = items.filter((entry) => entry.result === 'flagged').map((entry) => entry.item);
  return {
    ...row,
    flagged_items: [...flaggedOf(row).filter((item) => !named.has(item)), ...flagged],
    last_vetting_items: [...named],
    updated_sequence: sequence,
  };
}

/**
 * A correction: of the vetting step, the case stands as before that step's last version, with the
 * corrected items in place of the replaced ones (the case's fold does the same); another step's
 * correction leaves the vetting as it is.
 */
function vettingCorrected(
  row: CaseSummaryRow,
  corrected: unknown,
  sequence: number,
): CaseSummaryRow {
  const version = corrected as { type?: string; data?: { items?: RecordedItem[] } };
  if (version?.type !== 'VettingItemsRecorded') return row;
  const replaced = new Set(row.last_vetting_items ?? []);
  const before = { ...row, flagged_items: flaggedOf(row).filter((item) => !replaced.has(item)) };
  return vettingRecorded(before, version.data?.items ?? [], sequence);
}

/** A flagged item resolved, or cleared as the record reads now: it no longer holds the decision back. */
function vettingResolved(row: CaseSummaryRow, item: string, sequence: number): CaseSummaryRow {
  if (!flaggedOf(row).includes(item)) return row;
  return {
    ...row,
    flagged_items: flaggedOf(row).filter((flagged) => flagged !== item),
    updated_sequence: sequence,
  };
}

/** An item the record flagged after the vetting (a status, a discipline case): it holds it back. */
function vettingFlagged(row: CaseSummaryRow, item: string, sequence: number): CaseSummaryRow {
  if (flaggedOf(row).includes(item)) return row;
  return { ...row, flagged_items: [...flaggedOf(row), item], updated_sequence: sequence };
}
