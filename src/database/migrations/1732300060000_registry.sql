-- Up Migration

-- Org units form a tree of any depth (province → district/town → commune; Party committees and
-- People's Committees side by side). `path` lists the ids from the root, for subtree queries.
CREATE TABLE org_units (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  kind       text NOT NULL,
  parent_id  text REFERENCES org_units (id),
  path       text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_units_path ON org_units USING gin (path);

-- A post in a unit and the unit whose head appoints to it (thẩm quyền bổ nhiệm).
CREATE TABLE positions (
  id                   text PRIMARY KEY,
  title                text NOT NULL,
  org_unit_id          text NOT NULL REFERENCES org_units (id),
  appointing_authority text NOT NULL REFERENCES org_units (id),
  rank                 integer NOT NULL DEFAULT 0,
  is_leadership        boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE positions;
DROP TABLE org_units;
