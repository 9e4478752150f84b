-- Up Migration

-- Who acted, by the name their sign-in token gave (event metadata `actorName`), so a history names
-- them beside their id. Events written before it carry no name: their lines keep it null, as the
-- audit history projection would write them again, so no rebuild is needed.
ALTER TABLE audit_history ADD COLUMN actor_name text;

-- Down Migration
ALTER TABLE audit_history DROP COLUMN actor_name;
