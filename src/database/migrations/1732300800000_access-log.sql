-- Up Migration

-- Who read which sensitive record, when and why (personnel files, the discipline register, case
-- histories). Written by the API on every such read, queried by auditors. Not a projection: the
-- reads themselves are the source.
CREATE TABLE access_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    text NOT NULL,
  roles       text[] NOT NULL,
  org_unit    text NOT NULL,
  method      text NOT NULL,
  route       text NOT NULL,
  resource    text NOT NULL,
  query       jsonb NOT NULL DEFAULT '{}',
  purpose     text,
  status      integer NOT NULL,
  request_id  text
);
CREATE INDEX access_log_by_at ON access_log (at DESC, id DESC);
CREATE INDEX access_log_by_actor ON access_log (actor_id, at DESC);

-- Down Migration
DROP TABLE access_log;
