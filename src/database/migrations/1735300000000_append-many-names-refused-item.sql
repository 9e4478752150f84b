-- Up Migration

-- A shared append (`cf_append_many`) that fails on one of its items now says which: the error is
-- raised again as it came (same SQLSTATE, message, detail and constraint) with the HINT
-- `cf_append_many item <n>`, n the item's 0-based place in p_items. The adapter then sends only
-- that item alone and the others together again, instead of every item alone (one refused append
-- in a statement of twelve cost twelve statements). One exception block per call (a
-- subtransaction per shared statement, not per item); pg_current_xact_id() in it is still the
-- top-level transaction's id, which the events' order and the readers' snapshots rely on.
CREATE OR REPLACE FUNCTION cf_append_many(p_items jsonb)
RETURNS TABLE (next_revision bigint, last_position text)
LANGUAGE plpgsql AS $$
DECLARE
  v_item       jsonb;
  v_place      bigint := -1;
  v_state      text;
  v_message    text;
  v_detail     text;
  v_constraint text;
  v_table      text;
  v_schema     text;
BEGIN
  BEGIN
    FOR v_item, v_place IN
      SELECT e.value, e.ord - 1 FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e(value, ord) ORDER BY e.ord
    LOOP
      SELECT a.next_revision, a.last_position INTO next_revision, last_position
        FROM cf_append(v_item->>'stream', (v_item->>'expected')::bigint, v_item->'batch') a;
      RETURN NEXT;
    END LOOP;
  EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT,
      v_detail = PG_EXCEPTION_DETAIL, v_constraint = CONSTRAINT_NAME, v_table = TABLE_NAME,
      v_schema = SCHEMA_NAME;
    RAISE EXCEPTION USING ERRCODE = v_state, MESSAGE = v_message, DETAIL = v_detail,
      CONSTRAINT = v_constraint, TABLE = v_table, SCHEMA = v_schema,
      HINT = 'cf_append_many item ' || v_place;
  END;
END;
$$;

-- Down Migration
CREATE OR REPLACE FUNCTION cf_append_many(p_items jsonb)
RETURNS TABLE (next_revision bigint, last_position text)
LANGUAGE plpgsql AS $$
DECLARE
  v_item jsonb;
BEGIN
  FOR v_item IN SELECT e.value FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e(value, ord) ORDER BY e.ord LOOP
    SELECT a.next_revision, a.last_position INTO next_revision, last_position
      FROM cf_append(v_item->>'stream', (v_item->>'expected')::bigint, v_item->'batch') a;
    RETURN NEXT;
  END LOOP;
END;
$$;
