-- Attune database, schema 3: who may act as a supervisor. Applied after 002 by
-- src/store/migrations.cpp in the same way. While the table is empty every user may do
-- everything (a clinician working alone); once a name is in it, only the named users may
-- review, approve, return or unlock a coding, mark the master coding, and change the list.
-- Names are the actor names Attune records in the audit trail ($ATTUNE_USER, else the login
-- name); adding and removing one is audited as supervisor.add / supervisor.remove.
CREATE TABLE supervisors (
  name      TEXT NOT NULL PRIMARY KEY CHECK (name <> ''),
  added_utc TEXT NOT NULL
) STRICT, WITHOUT ROWID;
