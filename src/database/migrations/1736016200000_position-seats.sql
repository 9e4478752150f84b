-- Up Migration

-- How many people may hold a post at once (a head post: 1, a unit's deputies: 3), when the
-- registry says. NULL keeps what a post without it always meant: an elected post has one holder,
-- an appointed post no limit (src/cadres/post-seats.ts). Adding the column rewrites no row, so the
-- trigger that keeps a registered post fixed (position_is_fixed) is not met; a post's seats are as
-- fixed as its other columns.
ALTER TABLE positions
  ADD COLUMN seats integer CHECK (seats BETWEEN 1 AND 50);

-- Down Migration
ALTER TABLE positions DROP COLUMN seats;
