-- Up Migration

-- People by name, for lists and search (inbox, case pages, finding a person to open a case on).
-- Built by the `people` projection from the `cadre-<id>` streams; rebuildable, no foreign keys.
CREATE TABLE people (
  person_id        text PRIMARY KEY,
  full_name        text NOT NULL,
  date_of_birth    date,
  org_unit_id      text NOT NULL,
  search_name      text NOT NULL,
  updated_sequence bigint NOT NULL
);
CREATE INDEX people_by_org_unit ON people (org_unit_id, full_name);

-- Down Migration
DROP TABLE people;
