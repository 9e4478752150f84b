-- Up Migration

-- The first response to a request sent with an Idempotency-Key, replayed to its retries.
CREATE TABLE idempotent_requests (
  actor_id      text NOT NULL,
  idem_key      text NOT NULL,
  request_hash  text NOT NULL,
  status_code   integer NOT NULL,
  response      jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, idem_key)
);

-- Down Migration
DROP TABLE idempotent_requests;
