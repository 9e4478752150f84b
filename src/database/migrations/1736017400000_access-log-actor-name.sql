-- Up Migration

-- The reader's name from their token, beside their user id: the audit page's access log names
-- who read (before: only "staff-1", which tells an auditor nothing). Reads logged before, or by a
-- token without a name, keep it null and are shown by their user id.
ALTER TABLE access_log ADD COLUMN actor_name text;

-- Down Migration
ALTER TABLE access_log DROP COLUMN actor_name;
