-- Up Migration

-- Who stands for a case opened for a post, as its case view has them (`nominees`): whom the last
-- decisive nomination selected, then whom each ballot passed. The inbox shows them where the
-- case has no person yet (before, its "Cán bộ" column was blank). The `case_summaries`
-- projection (version 5) fills it.
ALTER TABLE case_summaries ADD COLUMN nominees text[] NOT NULL DEFAULT '{}';

-- Down Migration
ALTER TABLE case_summaries DROP COLUMN nominees;
