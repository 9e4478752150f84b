-- Up Migration

-- Where each projection (read model) has got to in the store's global order. The runner writes
-- this row in the same transaction as the projection's rows, so a crash neither skips an event
-- nor applies one twice. `version` is the projection code's version the rows were built with:
-- when the code's version is higher, the read model needs a rebuild.
CREATE TABLE projection_checkpoints (
  name            text PRIMARY KEY,
  version         integer NOT NULL,
  -- Opaque global position of the last applied event; NULL = nothing applied yet.
  position        text,
  events_handled  bigint NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  -- Last failure of the live runner (cleared by the next successful batch), for `status`.
  last_error      text
);

-- Down Migration
DROP TABLE projection_checkpoints;
