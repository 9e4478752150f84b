-- Up Migration

-- The rule that refused opening the re-appointment a staff task stands in for (`refusalRule` of an
-- inbox item), so the inbox can say it in the reader's language; null when the notice only asks
-- staff to act. The `case_summaries` projection (version 6) fills it.
ALTER TABLE inbox_tasks ADD COLUMN refusal_rule text;

-- Down Migration
ALTER TABLE inbox_tasks DROP COLUMN refusal_rule;
