-- Up Migration

-- The start of the term a `person_posts` row carries (its `term_end` is that term's), beside
-- `from_on`, the day the post has been held since (terms continuing one another). The
-- `registry_facts` projection (version 4) tells by it a term starting before the one held,
-- recorded after it (an earlier term entered later, or imported), which the person's record keeps
-- as past: it neither replaces the term held nor, across a gap, moves `from_on` back. Rows built
-- before keep it null (read as `from_on`) until "npm run projections -- rebuild registry_facts".
ALTER TABLE person_posts ADD COLUMN term_from date;

-- Down Migration
ALTER TABLE person_posts DROP COLUMN term_from;
