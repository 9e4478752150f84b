-- Up Migration

-- The nominees and examination candidates a case has named so far: a case opened for a post has
-- no person until its decision, yet none of them may take its steps (separation of duties), so
-- the inbox leaves the case out of their own inbox as it does for the person a case is about.
-- The `case_summaries` projection (version 4) fills it.
ALTER TABLE case_summaries ADD COLUMN named_people text[] NOT NULL DEFAULT '{}';

-- Down Migration
ALTER TABLE case_summaries DROP COLUMN named_people;
