-- Up Migration

-- A decision effective on a later day ends the post held on that day: until then the person
-- still holds it. The `registry_facts` projection (version 2) keeps such a post with the day it
-- ends (`ends_on`) instead of deleting it, and `from_on` is the day the person has held the post
-- since (a new term of a post held continues it); who holds a post on a day is read at query
-- time: from_on <= day AND (ends_on IS NULL OR day < ends_on).
ALTER TABLE person_posts ADD COLUMN ends_on date;

-- Down Migration
ALTER TABLE person_posts DROP COLUMN ends_on;
