-- Up Migration

-- When each state of a discipline decision was recorded: the register judged as of a moment
-- (`asOf=2026-12-07T13:16:00Z`) counts only what was recorded within it, as every other asOf
-- does; before, it read only the moment's day, so a decision recorded later that day was listed,
-- with its review. Filled by the `discipline_register` projection (version 7: rebuild it); until
-- then a state with none is read as recorded, so the register answers as before.
ALTER TABLE discipline_record_forms ADD COLUMN recorded_at timestamptz;

-- Down Migration
ALTER TABLE discipline_record_forms DROP COLUMN recorded_at;
