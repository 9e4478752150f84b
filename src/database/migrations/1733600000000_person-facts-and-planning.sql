-- Up Migration

-- What the register and the reports read about a person beyond the name: gender (women in the
-- planning pool), place of origin (non-local key cadres), management tier, civil-service rank and
-- the latest yearly rating. Filled by the `people` projection (version 2: rebuild it).
ALTER TABLE people
  ADD COLUMN gender                 text,
  ADD COLUMN origin_province        text,
  ADD COLUMN origin_locality        text,
  ADD COLUMN management_tier        text,
  ADD COLUMN civil_service_rank     text,
  ADD COLUMN civil_service_rank_title text,
  ADD COLUMN latest_rating_year     integer,
  ADD COLUMN latest_rating          text;

-- The posts people hold now and their planning-pool entries, from the `cadre-<id>` streams; and
-- the periodic reviews of the pools (rà soát, bổ sung quy hoạch). Built by the `registry_facts`
-- projection; rebuildable, no foreign keys.
CREATE TABLE person_posts (
  person_id        text NOT NULL,
  position_id      text NOT NULL,
  from_on          date NOT NULL,
  term_end         date,
  updated_sequence bigint NOT NULL,
  PRIMARY KEY (person_id, position_id)
);
CREATE INDEX person_posts_by_position ON person_posts (position_id);

CREATE TABLE planning_pool_entries (
  person_id        text NOT NULL,
  position_id      text NOT NULL,
  term             text NOT NULL,
  decision_ref     text NOT NULL,
  updated_sequence bigint NOT NULL,
  PRIMARY KEY (person_id, position_id)
);
CREATE INDEX planning_pool_entries_by_position ON planning_pool_entries (position_id, term);

CREATE TABLE planning_reviews (
  review_id        text PRIMARY KEY,
  org_unit_id      text NOT NULL,
  term             text NOT NULL,
  reviewed_on      date NOT NULL,
  decision_ref     text NOT NULL,
  added            jsonb NOT NULL,
  removed          jsonb NOT NULL,
  recorded_sequence bigint NOT NULL
);
CREATE INDEX planning_reviews_by_org_unit ON planning_reviews (org_unit_id, reviewed_on DESC);

-- Down Migration
DROP TABLE planning_reviews;
DROP TABLE planning_pool_entries;
DROP TABLE person_posts;
ALTER TABLE people
  DROP COLUMN gender,
  DROP COLUMN origin_province,
  DROP COLUMN origin_locality,
  DROP COLUMN management_tier,
  DROP COLUMN civil_service_rank,
  DROP COLUMN civil_service_rank_title,
  DROP COLUMN latest_rating_year,
  DROP COLUMN latest_rating;
