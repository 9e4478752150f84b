/** A `case_summaries` row, column by column. */
export interface CaseSummaryRow {
  case_id: string;
  stream_id: string;
  procedure: string;
  definition: string;
  rule_set: string;
  person_id: string;
  position_id: string | null;
  org_unit_id: string;
  summary: string;
  status: string;
  current_step_id: string | null;
  current_step_due_on: string | null;
  /** The inbox's sort key: the deadline, or 9999-12-31 for an open step without one; null when no step is open. */
  inbox_due: string | null;
  deadline_missed: boolean;
  opened_on: string;
  closed_on: string | null;
  /** The nominees and examination candidates the case's steps named (none may take its steps). */
  named_people: string[];
  /** A case for a post: the nominees still standing (see case-summary-nominees.ts). */
  nominees: string[];
  /** The vetting items flagged, not resolved, holding the decision back (case-summary-vetting.ts). */
  flagged_items: string[];
  /** The items the last vetting step (or its correction) recorded: a correction replaces them. */
  last_vetting_items: string[];
  opened_sequence: number;
  updated_sequence: number;
}

export const CASE_SUMMARY_COLUMNS: [keyof CaseSummaryRow, string][] = [
  ['case_id', 'text'],
  ['stream_id', 'text'],
  ['procedure', 'text'],
  ['definition', 'text'],
  ['rule_set', 'text'],
  ['person_id', 'text'],
  ['position_id', 'text'],
  ['org_unit_id', 'text'],
  ['summary', 'text'],
  ['status', 'text'],
  ['current_step_id', 'text'],
  ['current_step_due_on', 'date'],
  ['inbox_due', 'date'],
  ['deadline_missed', 'boolean'],
  ['opened_on', 'date'],
  ['closed_on', 'date'],
  ['named_people', 'text[]'],
  ['nominees', 'text[]'],
  ['flagged_items', 'text[]'],
  ['last_vetting_items', 'text[]'],
  ['opened_sequence', 'bigint'],
  ['updated_sequence', 'bigint'],
];
