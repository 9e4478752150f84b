-- Up Migration

-- The grant (sub, roles, unit, person) the answer was given under: a retry under another grant
-- is not shown it. NULL for answers stored before: they are replayed to nobody.
ALTER TABLE idempotent_requests ADD COLUMN grant_fingerprint text;
-- Answers are kept IDEMPOTENCY_TTL_HOURS: the sweep deletes by age.
CREATE INDEX idempotent_requests_created_at ON idempotent_requests (created_at);

-- Down Migration
DROP INDEX idempotent_requests_created_at;
ALTER TABLE idempotent_requests DROP COLUMN grant_fingerprint;
