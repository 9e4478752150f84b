-- Up Migration

-- The auditors' history (thanh tra, kiểm toán): one row per stored event, with who acted, under
-- which rule version, why (correlation/causation) and the event's chained hash. A read model:
-- rebuilt from the event store at any time. No sequences or foreign keys on purpose: a rebuild
-- copies the table with CREATE TABLE ... (LIKE ... INCLUDING ALL) and swaps it in.
CREATE TABLE audit_history (
  event_id           text PRIMARY KEY,
  -- 1-based rank of the event in the store's global order: sorts across streams.
  sequence           bigint NOT NULL,
  global_position    text NOT NULL,
  stream_id          text NOT NULL,
  -- `appointment-<id>` → kind `appointment`, key `<id>`: finds a case whatever its procedure.
  stream_kind        text NOT NULL,
  stream_key         text NOT NULL,
  revision           bigint NOT NULL,
  event_type         text NOT NULL,
  schema_version     integer NOT NULL,
  actor_id           text,
  roles              text[] NOT NULL DEFAULT '{}',
  org_unit           text,
  definition_version text,
  rule_set           text,
  occurred_at        timestamptz,
  recorded_at        timestamptz NOT NULL,
  correlation_id     text,
  causation_id       text,
  hash               text NOT NULL,
  -- The person a case is about (event data `personId`), so a person's history includes it.
  person_id          text,
  data               jsonb NOT NULL,
  CONSTRAINT audit_history_sequence_unique UNIQUE (sequence)
);
CREATE INDEX audit_history_by_stream_key ON audit_history (stream_key, sequence);
CREATE INDEX audit_history_by_person ON audit_history (person_id, sequence) WHERE person_id IS NOT NULL;
CREATE INDEX audit_history_by_recorded_at ON audit_history (recorded_at, sequence);

-- Down Migration
DROP TABLE audit_history;
