-- Attune database, schema 1. Applied by src/store/migrations.cpp inside one IMMEDIATE
-- transaction, which also sets PRAGMA application_id and PRAGMA user_version = 1.
-- Tables are STRICT so a wrong type is an error, not a silent conversion.
-- No json_valid() in CHECKs: with trusted_schema=OFF SQLite 3.40 refuses it in the schema.
-- The store writes JSON only through nlohmann::json; the CHECKs below catch gross mistakes.
-- Times: *_us are integer microseconds; *_utc are ISO 8601 text written by the application.

-- A coding scheme exactly as imported. A changed scheme is a new version, never an edit,
-- so every session keeps pointing at the scheme it was coded with.
CREATE TABLE schemes (
  id           INTEGER PRIMARY KEY,
  name         TEXT    NOT NULL CHECK (name <> ''),
  version      INTEGER NOT NULL CHECK (version >= 1),
  description  TEXT    NOT NULL DEFAULT '',
  json         TEXT    NOT NULL,
  sha256       TEXT    NOT NULL,  -- lowercase hex of json
  imported_utc TEXT    NOT NULL,
  UNIQUE (name, version)
) STRICT;

-- One video of one dyad. The dyad is a pseudonym; the linking table to real names is not
-- kept here.
CREATE TABLE recordings (
  id               INTEGER PRIMARY KEY,
  dyad             TEXT    NOT NULL CHECK (dyad <> ''),
  child_age_months INTEGER CHECK (child_age_months >= 0),
  session_type     TEXT    NOT NULL DEFAULT '',
  video_path       TEXT    NOT NULL DEFAULT '',
  video_size       INTEGER CHECK (video_size >= 0),
  video_hash       TEXT    NOT NULL DEFAULT '',  -- "sha256:<hex>" or ''
  fps_num          INTEGER NOT NULL DEFAULT 0 CHECK (fps_num >= 0),  -- 0/1: unknown
  fps_den          INTEGER NOT NULL DEFAULT 1 CHECK (fps_den >= 1),
  duration_us      INTEGER CHECK (duration_us >= 0),
  created_utc      TEXT    NOT NULL
) STRICT;

-- One coder's coding of one recording with one scheme version.
CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  recording_id INTEGER NOT NULL REFERENCES recordings (id),
  scheme_id    INTEGER NOT NULL REFERENCES schemes (id),
  coder        TEXT    NOT NULL CHECK (coder <> ''),
  status       TEXT    NOT NULL DEFAULT 'coding'
               CHECK (status IN ('coding', 'submitted', 'reviewed', 'approved')),
  is_master    INTEGER NOT NULL DEFAULT 0 CHECK (is_master IN (0, 1)),
  created_utc  TEXT    NOT NULL,
  modified_utc TEXT    NOT NULL
) STRICT;
CREATE INDEX sessions_by_recording ON sessions (recording_id);
CREATE INDEX sessions_by_scheme ON sessions (scheme_id);

-- Coded events. A state is one interval (end_us NULL while it runs); a point has
-- end_us = start_us. AUTOINCREMENT so an id freed by a delete is never handed out again:
-- undo of that delete re-inserts the event under its old id.
-- Episodes are the events whose code belongs to the scheme's episode-role group. That role
-- lives in the scheme JSON, so there is no SQL view: callers select them with the Scheme.
CREATE TABLE events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id   INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  code         TEXT    NOT NULL CHECK (code <> ''),
  subject      TEXT    CHECK (subject <> ''),  -- NULL when the code has no subject
  start_us     INTEGER NOT NULL,
  end_us       INTEGER CHECK (end_us >= start_us),
  frame        INTEGER,
  modifiers    TEXT    NOT NULL DEFAULT '{}' CHECK (substr(modifiers, 1, 1) = '{'),  -- JSON object
  comment      TEXT    NOT NULL DEFAULT '',
  created_utc  TEXT    NOT NULL,
  modified_utc TEXT    NOT NULL
) STRICT;
CREATE INDEX events_by_session_start ON events (session_id, start_us);

-- Global ratings of a session on the scheme's rating scales.
CREATE TABLE ratings (
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  scale_id   TEXT    NOT NULL,
  value      INTEGER NOT NULL,
  PRIMARY KEY (session_id, scale_id)
) STRICT;

-- The durable undo journal: one row per undo step of a session. Done steps always have
-- lower ids than undone ones; committing a new step deletes the undone ones (redo branch).
CREATE TABLE history_steps (
  id          INTEGER PRIMARY KEY,
  session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  label       TEXT    NOT NULL,
  ops         TEXT    NOT NULL CHECK (substr(ops, 1, 1) = '['),  -- [{"op", "before", "after"}]
  state       TEXT    NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone')),
  created_utc TEXT    NOT NULL
) STRICT;
CREATE INDEX history_steps_by_session ON history_steps (session_id, state, id);

-- Append-only audit trail with a SHA-256 hash chain:
--   hash = sha256_hex(prev_hash || canonical(id, at_utc, actor, action, table_name, row_id,
--                                            session_id, old_json, new_json))
-- where canonical() writes each field as "<byte length>:<bytes>," and NULL as "~,"; the first
-- row's prev_hash is 64 zeros. session_id has no foreign key: the audit outlives its rows.
CREATE TABLE audit (
  id         INTEGER PRIMARY KEY,
  at_utc     TEXT    NOT NULL,
  actor      TEXT    NOT NULL,
  action     TEXT    NOT NULL,
  table_name TEXT    NOT NULL,
  row_id     INTEGER NOT NULL,
  session_id INTEGER,
  old_json   TEXT,
  new_json   TEXT,
  prev_hash  TEXT    NOT NULL,
  hash       TEXT    NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_by_session ON audit (session_id, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
