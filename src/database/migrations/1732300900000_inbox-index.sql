-- Up Migration

-- The inbox reads, for each org unit of the caller's subtree, its open steps in deadline order and
-- stops after a page: `inbox_due` is the deadline, or 9999-12-31 for steps without one, so one
-- index serves both the order and the cursor. The case_summaries projection (version 2) fills it.
ALTER TABLE case_summaries ADD COLUMN inbox_due date;
CREATE INDEX case_summaries_inbox ON case_summaries (org_unit_id, inbox_due, case_id) WHERE current_step_id IS NOT NULL;
DROP INDEX case_summaries_open_by_due;

-- Down Migration
CREATE INDEX case_summaries_open_by_due ON case_summaries (current_step_due_on, case_id) WHERE current_step_id IS NOT NULL;
DROP INDEX case_summaries_inbox;
ALTER TABLE case_summaries DROP COLUMN inbox_due;
