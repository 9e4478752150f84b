-- Up Migration

-- Signed checkpoints (ADR 10): the database's copy, for listing. Verification reads the copy kept
-- outside the database (CHECKPOINT_DIR), which this table cannot vouch for.
CREATE TABLE audit_checkpoints (
  sequence    bigint PRIMARY KEY,
  position    text,
  events      bigint NOT NULL,
  streams     bigint NOT NULL,
  root        text NOT NULL,
  key_id      text NOT NULL,
  created_at  timestamptz NOT NULL,
  signed      jsonb NOT NULL
);

-- Down Migration
DROP TABLE audit_checkpoints;
