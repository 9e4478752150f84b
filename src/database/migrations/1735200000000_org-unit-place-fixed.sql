-- Up Migration

-- A unit's place in the tree is fixed once it is registered: the service only inserts units (the
-- path built from the parent's) and never moves or deletes one, and each process keeps the paths
-- it has read to answer scope checks without a query (src/identity/org-scope.ts). The database
-- now holds the service to that, so a kept path can never grant more than the registry says:
-- changing a unit's id, parent or path, or deleting a unit, is refused. Its name and kind may
-- still change. Restructuring the tree means dropping this trigger in a migration and restarting
-- every instance of the service with it.
CREATE FUNCTION cf_org_unit_place_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'org units are never deleted' USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id
     AND NEW.path = OLD.path THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'org unit %: a unit''s place in the tree (id, parent, path) is fixed and a unit is never deleted', OLD.id
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER org_unit_place_is_fixed BEFORE UPDATE OR DELETE ON org_units
  FOR EACH ROW EXECUTE FUNCTION cf_org_unit_place_is_fixed();
CREATE TRIGGER org_units_never_emptied BEFORE TRUNCATE ON org_units
  FOR EACH STATEMENT EXECUTE FUNCTION cf_org_unit_place_is_fixed();

-- Down Migration
DROP TRIGGER org_units_never_emptied ON org_units;
DROP TRIGGER org_unit_place_is_fixed ON org_units;
DROP FUNCTION cf_org_unit_place_is_fixed();
