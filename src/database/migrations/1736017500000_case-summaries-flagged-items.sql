-- Up Migration

-- The vetting items flagged and not resolved, which hold a case's decision back (the decision is
-- refused while any is open: vetting.flagged_item_blocks_decision), so the inbox says so instead
-- of listing «Quyết định» as a step ready to take; and the items the last vetting step recorded,
-- which a correction of that step replaces. The `case_summaries` projection (version 9) fills them.
ALTER TABLE case_summaries
  ADD COLUMN flagged_items text[] NOT NULL DEFAULT '{}',
  ADD COLUMN last_vetting_items text[] NOT NULL DEFAULT '{}';

-- Down Migration
ALTER TABLE case_summaries DROP COLUMN last_vetting_items, DROP COLUMN flagged_items;
