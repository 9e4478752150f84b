-- Up Migration

-- The form each discipline decision had from a day on: the decision's own from its day, a review
-- that changed it from the review's day. A report for a closed period counts the form that stood
-- at the period's end, so a later review does not change it (the annulment's day is already on
-- discipline_records). Filled by the `discipline_register` projection (version 4: rebuild it);
-- until then each decision has its present form from its own day, as the report read it before.
CREATE TABLE discipline_record_forms (
  case_id  text NOT NULL,
  since    date NOT NULL,
  form     text NOT NULL,
  sequence bigint NOT NULL,
  PRIMARY KEY (case_id, sequence)
);
INSERT INTO discipline_record_forms (case_id, since, form, sequence)
  SELECT case_id, decided_on, form, updated_sequence FROM discipline_records;

-- Down Migration
DROP TABLE discipline_record_forms;
