-- Up Migration

-- Several appends to distinct existing streams in one statement, one transaction, one commit:
-- the adapter sends appends that waited for a free statement together (group commit). Each item
-- runs the full `cf_append`; if any of them raises, nothing is written and the adapter sends
-- each again on its own, so every caller gets its own answer.
-- p_items: jsonb array of {stream, expected, batch} as `cf_append` takes them.
CREATE FUNCTION cf_append_many(p_items jsonb)
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

-- Down Migration
DROP FUNCTION cf_append_many(jsonb);
