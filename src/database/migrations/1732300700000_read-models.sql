-- Up Migration

-- Read models of the staff inbox, the case list and the inspectors' discipline register. Built by
-- projections from the event store and rebuildable at any time: no sequences, no foreign keys.

-- One row per case of any procedure, with where it stands.
CREATE TABLE case_summaries (
  case_id             text PRIMARY KEY,
  stream_id           text NOT NULL,
  procedure           text NOT NULL,
  -- `appointment.internal@1`: with current_step_id, says which roles act next.
  definition          text NOT NULL,
  rule_set            text NOT NULL,
  person_id           text NOT NULL,
  position_id         text,
  org_unit_id         text NOT NULL,
  summary             text NOT NULL,
  status              text NOT NULL,
  current_step_id     text,
  current_step_due_on date,
  deadline_missed     boolean NOT NULL DEFAULT false,
  opened_on           date NOT NULL,
  closed_on           date,
  opened_sequence     bigint NOT NULL,
  updated_sequence    bigint NOT NULL
);
CREATE INDEX case_summaries_open_by_due ON case_summaries (current_step_due_on, case_id) WHERE current_step_id IS NOT NULL;
CREATE INDEX case_summaries_by_opened ON case_summaries (opened_sequence DESC);
CREATE INDEX case_summaries_by_person ON case_summaries (person_id);
CREATE INDEX case_summaries_by_org_unit ON case_summaries (org_unit_id, opened_sequence DESC);

-- Tasks for organization staff that are not a case step (e.g. a re-appointment notice to act on).
CREATE TABLE inbox_tasks (
  task_id         text PRIMARY KEY,
  kind            text NOT NULL,
  person_id       text NOT NULL,
  position_id     text,
  org_unit_id     text NOT NULL,
  due_on          date,
  detail          text NOT NULL,
  created_sequence bigint NOT NULL
);
CREATE INDEX inbox_tasks_by_due ON inbox_tasks (due_on, task_id);

-- The discipline register: one row per discipline decision, its current form and bar.
CREATE TABLE discipline_records (
  case_id            text PRIMARY KEY,
  person_id          text NOT NULL,
  org_unit_id        text NOT NULL,
  track              text NOT NULL,
  form               text NOT NULL,
  violation_category text NOT NULL,
  decided_on         date NOT NULL,
  effective_from     date NOT NULL,
  bar_ends_on        date,
  annulled_on        date,
  decision_ref       text NOT NULL,
  rule_set           text NOT NULL,
  updated_sequence   bigint NOT NULL
);
CREATE INDEX discipline_records_by_decided ON discipline_records (decided_on DESC, case_id DESC);
CREATE INDEX discipline_records_by_person ON discipline_records (person_id);
CREATE INDEX discipline_records_by_org_unit ON discipline_records (org_unit_id, decided_on DESC, case_id DESC);

-- Down Migration
DROP TABLE discipline_records;
DROP TABLE inbox_tasks;
DROP TABLE case_summaries;
