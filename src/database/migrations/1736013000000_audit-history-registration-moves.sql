-- Up Migration

-- A person's stream lies in the unit its last `RegistrationMoved` names (stream-ownership.ts):
-- an export's scope looks each moved person's last move up here, among the few such events,
-- instead of scanning the whole history for them.
CREATE INDEX audit_history_registration_moves ON audit_history (stream_id, sequence)
  WHERE event_type = 'RegistrationMoved';

-- Down Migration
DROP INDEX audit_history_registration_moves;
