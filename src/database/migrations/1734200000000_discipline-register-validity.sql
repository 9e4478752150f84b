-- Up Migration

-- The discipline register shows the discipline's own validity (hiệu lực) beside the bar on a
-- higher post: two dates, filtered apart (`inEffect`, `barred`). A row written before decisions
-- recorded their validity keeps the bar's end as its validity, as the register read it then.
-- A decision on the other track for the same violation is linked both ways. Filled by the
-- `discipline_register` projection (version 2: rebuild it).
ALTER TABLE discipline_records
  ADD COLUMN in_effect_until        date,
  ADD COLUMN same_violation_case_id text;
UPDATE discipline_records SET in_effect_until = bar_ends_on;

-- Down Migration
ALTER TABLE discipline_records
  DROP COLUMN same_violation_case_id,
  DROP COLUMN in_effect_until;
