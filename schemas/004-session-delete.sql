-- Attune database, schema 4: deleting a session started by mistake (a wrong file, a wrong
-- dyad). Applied after 003 by src/store/migrations.cpp in the same way. The delete is soft:
-- the session, its events and comments stay in the file, so the audit trail that points at
-- them stays readable and the rows can be recovered; deleted_utc and deleted_by say when and
-- by whom. Every list hides a deleted session, and every change and export refuses it. The
-- store audits the delete as session.delete with the whole old row.
ALTER TABLE sessions ADD COLUMN deleted_utc TEXT CHECK (deleted_utc <> '');
ALTER TABLE sessions ADD COLUMN deleted_by TEXT CHECK (deleted_by <> '');
