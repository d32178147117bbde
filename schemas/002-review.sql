-- Attune database, schema 2: supervisor review. Applied after 001 by src/store/migrations.cpp
-- in the same way (one IMMEDIATE transaction, then PRAGMA user_version = 2). Every row
-- written here by the application also writes an audit row (comment.insert, session.master).

-- Supervisor comments on a session, tied to a moment (at_us), to an event (event_id, with
-- at_us holding the event's onset when the comment was written), or to the whole session
-- (both NULL). event_id has no foreign key on purpose: undo of a delete re-inserts an event
-- under its old id (events.id is AUTOINCREMENT, never reused), and a comment on an event
-- that is gone still has its moment.
CREATE TABLE comments (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  event_id    INTEGER,
  at_us       INTEGER,
  author      TEXT    NOT NULL CHECK (author <> ''),
  text        TEXT    NOT NULL CHECK (text <> ''),
  created_utc TEXT    NOT NULL,
  CHECK (event_id IS NULL OR at_us IS NOT NULL)
) STRICT;
CREATE INDEX comments_by_session ON comments (session_id, at_us, id);

-- One master coding per recording. Schema 1 had no way to set is_master, so no database
-- should hold two; if one does, the lowest session id keeps the mark.
UPDATE sessions SET is_master = 0
 WHERE is_master = 1
   AND id NOT IN (SELECT min(id) FROM sessions WHERE is_master = 1 GROUP BY recording_id);
CREATE UNIQUE INDEX sessions_one_master ON sessions (recording_id) WHERE is_master = 1;
