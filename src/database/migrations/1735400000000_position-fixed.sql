-- Up Migration

-- A post is fixed once it is registered: the service only inserts posts (`POST /positions`, the
-- seed, imports name existing ones) and never changes or deletes one, and each process keeps the
-- posts it has read (src/cadres/kept-positions.ts) to answer scope checks, ranks and the
-- procedures' checks without a query. The database now holds the service to that, so a kept post
-- can never place a post in another unit, rank it otherwise or name another appointing authority
-- than the registry says: changing any of a post's columns, or deleting a post, is refused.
-- Changing posts means dropping this trigger in a migration and restarting every instance of the
-- service with it (the kept posts start empty).
CREATE FUNCTION cf_position_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'posts are never deleted' USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'post %: a registered post is fixed (unit, authority, title, rank, how it is filled) and never deleted', OLD.id
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER position_is_fixed BEFORE UPDATE OR DELETE ON positions
  FOR EACH ROW EXECUTE FUNCTION cf_position_is_fixed();
CREATE TRIGGER positions_never_emptied BEFORE TRUNCATE ON positions
  FOR EACH STATEMENT EXECUTE FUNCTION cf_position_is_fixed();

-- Down Migration
DROP TRIGGER positions_never_emptied ON positions;
DROP TRIGGER position_is_fixed ON positions;
DROP FUNCTION cf_position_is_fixed();
