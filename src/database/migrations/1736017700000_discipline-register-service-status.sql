-- Up Migration

-- Whether a civil-service discipline ran the person as a cadre (cán bộ) or a civil servant (công
-- chức): the register heads the first «Cán bộ», the second «Công chức» (before: every row on the
-- civil-service track read «Công chức», an elected official's too). Null on the Party track and on
-- an imported decision whose case was never opened here. The cases' own statuses are kept apart
-- for a decision recorded before it carried one. Filled by the `discipline_register` projection
-- (version 8: rebuild it); until then every civil-service row reads as a civil servant's, as before.
ALTER TABLE discipline_records ADD COLUMN service_status text;

CREATE TABLE discipline_case_service_statuses (
  case_id        text PRIMARY KEY,
  service_status text NOT NULL
);

-- Down Migration
DROP TABLE discipline_case_service_statuses;
ALTER TABLE discipline_records DROP COLUMN service_status;
