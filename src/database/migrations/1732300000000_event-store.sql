-- Up Migration

-- One row per stream: the lock point for optimistic concurrency and the head of its hash chain.
CREATE TABLE streams (
  stream_id   text PRIMARY KEY,
  revision    bigint NOT NULL,
  last_hash   bytea NOT NULL
);

-- The log. global_position is the insertion sequence; readers order by (transaction_id,
-- global_position) and only read below the oldest running transaction, so an event whose
-- transaction commits late is never skipped.
CREATE TABLE events (
  global_position bigserial PRIMARY KEY,
  transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text NOT NULL,
  revision        bigint NOT NULL,
  event_id        text NOT NULL,
  type            text NOT NULL,
  schema_version  integer NOT NULL,
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  content_hash    bytea NOT NULL,
  hash            bytea NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, revision),
  CONSTRAINT events_event_id_unique UNIQUE (event_id)
);
CREATE INDEX events_all_order ON events (transaction_id, global_position);
CREATE INDEX events_type ON events (type, transaction_id, global_position);

-- Appends a batch atomically in one round trip.
-- expected: >= 0 exact revision, -1 no_stream, -2 any, -3 stream_exists.
-- batch: jsonb array of {id, type, schemaVersion, data, metadata, contentHash (hex)}.
-- Errors: SQLSTATE CF001 wrong expected revision (DETAIL = actual revision or 'absent'),
--         CF002 event id reused for other content or at another place (DETAIL = event id);
--         a reused id inside a new batch fails on events_event_id_unique.
CREATE FUNCTION cf_append(p_stream text, p_expected bigint, p_batch jsonb)
RETURNS TABLE (next_revision bigint, last_position text)
LANGUAGE plpgsql AS $$
DECLARE
  v_revision   bigint;
  v_hash       bytea;
  v_count      int := jsonb_array_length(p_batch);
  v_first_id   text := p_batch->0->>'id';
  v_existing   record;
  v_event      jsonb;
  v_position   bigint;
  v_tx         xid8;
  v_matches    int;
BEGIN
  -- Idempotent retry: the batch's first id is already stored.
  SELECT e.stream_id, e.revision INTO v_existing FROM events e WHERE e.event_id = v_first_id;
  IF FOUND THEN
    SELECT count(*) INTO v_matches
      FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS b(ev, ord)
      JOIN events e ON e.event_id = b.ev->>'id'
     WHERE e.stream_id = p_stream
       AND e.revision = v_existing.revision + b.ord - 1
       AND e.content_hash = decode(b.ev->>'contentHash', 'hex');
    IF v_existing.stream_id <> p_stream OR v_matches <> v_count
       OR (p_expected >= 0 AND v_existing.revision <> p_expected + 1)
       OR (p_expected = -1 AND v_existing.revision <> 0) THEN
      RAISE EXCEPTION 'event id % already stored differently', v_first_id
        USING ERRCODE = 'CF002', DETAIL = v_first_id;
    END IF;
    SELECT s.revision INTO v_revision FROM streams s WHERE s.stream_id = p_stream;
    SELECT e.transaction_id::text || '/' || e.global_position::text INTO last_position
      FROM events e WHERE e.stream_id = p_stream AND e.revision = v_existing.revision + v_count - 1;
    next_revision := v_revision;
    RETURN NEXT;
    RETURN;
  END IF;

  IF p_expected = -1 THEN
    INSERT INTO streams (stream_id, revision, last_hash) VALUES (p_stream, -1, ''::bytea)
      ON CONFLICT (stream_id) DO NOTHING;
    IF NOT FOUND THEN
      SELECT s.revision INTO v_revision FROM streams s WHERE s.stream_id = p_stream;
      RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'CF001', DETAIL = v_revision::text;
    END IF;
    v_revision := -1;
    v_hash := ''::bytea;
  ELSE
    IF p_expected = -2 THEN
      INSERT INTO streams (stream_id, revision, last_hash) VALUES (p_stream, -1, ''::bytea)
        ON CONFLICT (stream_id) DO NOTHING;
    END IF;
    SELECT s.revision, s.last_hash INTO v_revision, v_hash
      FROM streams s WHERE s.stream_id = p_stream FOR UPDATE;
    IF NOT FOUND OR (v_revision < 0 AND p_expected <> -2) THEN
      RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'CF001', DETAIL = 'absent';
    END IF;
    IF p_expected >= 0 AND v_revision <> p_expected THEN
      RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'CF001', DETAIL = v_revision::text;
    END IF;
  END IF;

  FOR v_event IN SELECT value FROM jsonb_array_elements(p_batch) LOOP
    v_revision := v_revision + 1;
    v_hash := sha256(v_hash || decode(v_event->>'contentHash', 'hex'));
    -- A reused event id surfaces as a unique violation of events_event_id_unique.
    INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata,
                        content_hash, hash)
    VALUES (p_stream, v_revision, v_event->>'id', v_event->>'type',
            (v_event->>'schemaVersion')::int, v_event->'data', v_event->'metadata',
            decode(v_event->>'contentHash', 'hex'), v_hash)
    RETURNING global_position, transaction_id INTO v_position, v_tx;
  END LOOP;

  UPDATE streams SET revision = v_revision, last_hash = v_hash WHERE stream_id = p_stream;
  -- No NOTIFY here: NOTIFY serialises committing transactions on a database-wide lock; the
  -- adapter sends a coalesced NOTIFY after the append instead.
  next_revision := v_revision;
  last_position := v_tx::text || '/' || v_position::text;
  RETURN NEXT;
END;
$$;

-- Down Migration
DROP FUNCTION cf_append(text, bigint, jsonb);
DROP TABLE events;
DROP TABLE streams;
