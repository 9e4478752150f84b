-- Up Migration

-- Appends no longer keep a `streams` row: the unique (stream_id, revision) index is the
-- concurrency guard (two writers at the same head cannot both insert the next revision) and the
-- previous chain link is read from the stream's last event. This halves the rows written per
-- append (see bench/README.md).
CREATE OR REPLACE FUNCTION cf_append(p_stream text, p_expected bigint, p_batch jsonb)
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
  SELECT e.revision, e.hash INTO v_revision, v_hash
    FROM events e WHERE e.stream_id = p_stream ORDER BY e.revision DESC LIMIT 1;
  IF NOT FOUND THEN
    v_revision := -1;
    v_hash := ''::bytea;
  END IF;

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
    SELECT e.transaction_id::text || '/' || e.global_position::text INTO last_position
      FROM events e WHERE e.stream_id = p_stream AND e.revision = v_existing.revision + v_count - 1;
    next_revision := v_revision;
    RETURN NEXT;
    RETURN;
  END IF;

  IF (p_expected = -1 AND v_revision >= 0) OR (p_expected >= 0 AND v_revision <> p_expected) THEN
    RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'CF001', DETAIL = v_revision::text;
  END IF;
  IF p_expected = -3 AND v_revision < 0 THEN
    RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'CF001', DETAIL = 'absent';
  END IF;

  FOR v_event IN SELECT value FROM jsonb_array_elements(p_batch) LOOP
    v_revision := v_revision + 1;
    v_hash := sha256(v_hash || decode(v_event->>'contentHash', 'hex'));
    -- A concurrent writer at the same head fails on events_stream_revision_unique.
    INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata,
                        content_hash, hash)
    VALUES (p_stream, v_revision, v_event->>'id', v_event->>'type',
            (v_event->>'schemaVersion')::int, v_event->'data', v_event->'metadata',
            decode(v_event->>'contentHash', 'hex'), v_hash)
    RETURNING global_position, transaction_id INTO v_position, v_tx;
  END LOOP;

  next_revision := v_revision;
  last_position := v_tx::text || '/' || v_position::text;
  RETURN NEXT;
END;
$$;

DROP TABLE streams;

-- Down Migration
CREATE TABLE streams (
  stream_id   text PRIMARY KEY,
  revision    bigint NOT NULL,
  last_hash   bytea NOT NULL
);
INSERT INTO streams (stream_id, revision, last_hash)
  SELECT DISTINCT ON (stream_id) stream_id, revision, hash FROM events ORDER BY stream_id, revision DESC;
