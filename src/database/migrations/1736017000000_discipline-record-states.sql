-- Up Migration

-- Each discipline decision's state from a day on, not only its form: its validity, its bar and the
-- complaint decision that made it so (null for the decision itself), and a row for an annulment
-- too. The register judged on a day before a review showed the review's number and the form,
-- validity and bar it gave; it now reads the row that stood on that day. Filled by the
-- `discipline_register` projection (version 5: rebuild it); until then every row carries the
-- decision's present state, so the register answers as before.
ALTER TABLE discipline_record_forms
  ADD COLUMN in_effect_until date,
  ADD COLUMN bar_ends_on     date,
  ADD COLUMN revised_by_ref  text,
  ADD COLUMN revised_on      date;
UPDATE discipline_record_forms f
   SET in_effect_until = d.in_effect_until, bar_ends_on = d.bar_ends_on,
       revised_by_ref = d.revised_by_ref, revised_on = d.revised_on
  FROM discipline_records d WHERE d.case_id = f.case_id;

-- Down Migration
ALTER TABLE discipline_record_forms
  DROP COLUMN revised_on,
  DROP COLUMN revised_by_ref,
  DROP COLUMN bar_ends_on,
  DROP COLUMN in_effect_until;
