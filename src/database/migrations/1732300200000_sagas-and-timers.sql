-- Up Migration

-- Read model of the timer streams (`timer-<timerId>`), kept by the `timers` projection in the same
-- transaction as its checkpoint. The event store stays the source of truth: the reconciler reads
-- this table plus the timer events after the projection's checkpoint, so a lagging projection
-- never hides a timer. No serial columns and no foreign keys (the projection can be rebuilt).
CREATE TABLE timers (
  timer_id      text PRIMARY KEY,
  kind          text NOT NULL,
  -- The case or person stream the timer acts on.
  target        text NOT NULL,
  due_at        timestamptz NOT NULL,
  payload       jsonb NOT NULL,
  -- scheduled | fired | cancelled
  status        text NOT NULL,
  scheduled_at  timestamptz NOT NULL,
  fired_at      timestamptz,
  cancelled_at  timestamptz
);
CREATE INDEX timers_pending_due ON timers (due_at) WHERE status = 'scheduled';
CREATE INDEX timers_target ON timers (target);

-- Where each process manager (saga) has got to in the store's global order. Written only after
-- the saga's outputs for the event were carried out (at-least-once; outputs are idempotent).
CREATE TABLE saga_checkpoints (
  name            text PRIMARY KEY,
  -- Opaque global position of the last handled event; NULL = nothing handled yet.
  position        text,
  events_handled  bigint NOT NULL DEFAULT 0,
  events_parked   bigint NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  last_error      text
);

-- Work that failed every attempt: parked here, visible (GET /admin/dead-letters) and replayable
-- (POST /admin/dead-letters/:id/replay), never silently dropped.
CREATE TABLE dead_letters (
  id                uuid PRIMARY KEY,
  -- What failed, stable across retries: `timer:<timerId>`, `saga:<saga>:<eventId>`.
  key               text NOT NULL,
  -- timer | saga | job
  source            text NOT NULL,
  queue_name        text NOT NULL,
  job_name          text NOT NULL,
  -- The BullMQ job id a replay re-enqueues under.
  job_id            text NOT NULL,
  job_data          jsonb NOT NULL,
  error_message     text NOT NULL,
  error_stack       text,
  attempts          integer NOT NULL,
  -- parked | replayed (re-enqueued, outcome pending) | resolved (the replay succeeded)
  status            text NOT NULL DEFAULT 'parked',
  first_failed_at   timestamptz NOT NULL,
  last_failed_at    timestamptz NOT NULL,
  parked_at         timestamptz NOT NULL DEFAULT now(),
  replayed_at       timestamptz,
  replay_count      integer NOT NULL DEFAULT 0,
  resolved_at       timestamptz
);
-- One open dead letter per failing thing: a crash-and-retry of the same final failure updates it.
CREATE UNIQUE INDEX dead_letters_one_open_per_key ON dead_letters (key) WHERE status <> 'resolved';
CREATE INDEX dead_letters_by_status ON dead_letters (status, parked_at);

-- Down Migration
DROP TABLE dead_letters;
DROP TABLE saga_checkpoints;
DROP TABLE timers;
