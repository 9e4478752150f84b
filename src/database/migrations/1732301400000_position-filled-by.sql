-- Up Migration

-- How a post is filled: by appointment (bổ nhiệm) or by election (bầu cử: a commune chair, a
-- deputy head of an inspection commission). An appointment case is refused for an elected post.
ALTER TABLE positions
  ADD COLUMN filled_by text NOT NULL DEFAULT 'appointment'
  CHECK (filled_by IN ('appointment', 'election'));

-- Down Migration
ALTER TABLE positions DROP COLUMN filled_by;
