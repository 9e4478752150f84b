-- Up Migration

-- The discipline register keeps the decision's own number and names the complaint decision that
-- changed or annulled it apart (before: a changed form's review replaced the decision's number,
-- shown beside the decision's day). Filled by the `discipline_register` projection (version 4:
-- rebuild it; until then a revised row still holds the review's number as its decision_ref).
ALTER TABLE discipline_records
  ADD COLUMN revised_by_ref text,
  ADD COLUMN revised_on     date;

-- Down Migration
ALTER TABLE discipline_records
  DROP COLUMN revised_on,
  DROP COLUMN revised_by_ref;
