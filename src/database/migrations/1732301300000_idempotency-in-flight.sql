-- Up Migration

-- A request with an Idempotency-Key claims its row before it runs (status_code NULL = in flight);
-- retries on any instance wait on that row for the first answer instead of running alongside it.
ALTER TABLE idempotent_requests ALTER COLUMN status_code DROP NOT NULL;
-- When the running request claimed the key: a claim older than the lease belongs to an instance
-- that died mid-request, and a waiting retry takes it over.
ALTER TABLE idempotent_requests ADD COLUMN claimed_at timestamptz NOT NULL DEFAULT now();
-- The answer's ETag, replayed with it.
ALTER TABLE idempotent_requests ADD COLUMN etag text;
-- json, not jsonb: a retry gets the first answer byte for byte, keys in the order they were sent.
ALTER TABLE idempotent_requests ALTER COLUMN response TYPE json USING response::json;

-- Down Migration
DELETE FROM idempotent_requests WHERE status_code IS NULL;
ALTER TABLE idempotent_requests ALTER COLUMN response TYPE jsonb USING response::jsonb;
ALTER TABLE idempotent_requests DROP COLUMN etag;
ALTER TABLE idempotent_requests DROP COLUMN claimed_at;
ALTER TABLE idempotent_requests ALTER COLUMN status_code SET NOT NULL;
