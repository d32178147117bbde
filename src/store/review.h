#pragma once
// Store-internal: the review workflow's status lookup and refusal message, shared by
// store.cpp (set_session_status), review.cpp (unlock, master, comments, exports) and
// ratings.cpp and roles.cpp.
#include <string>

#include "core/error.h"
#include "core/event.h"

namespace SQLite {
class Database;
}

namespace attune::store_detail {

std::string session_text(SessionId session);  // "session 7"
// The session's status; Error(NotFound) when there is no such session or it was deleted.
SessionStatus current_status(SQLite::Database& db, SessionId session);
// The NotFound a deleted session answers with: "session 7 was deleted (2024-05-01 by ann)".
Error session_deleted(SessionId session, const std::string& deleted_utc, const std::string& deleted_by);

// Throws Error(Conflict) unless `actor` may act as a supervisor: the supervisors table is
// empty (nobody named yet) or names the actor. `what` completes "only a supervisor may …".
void require_supervisor(SQLite::Database& db, const std::string& actor, const std::string& what);

// Error(Conflict) saying why `session` cannot go from `from` to `to` and what it can do.
Error status_change_refused(SessionId session, SessionStatus from, SessionStatus to);

}  // namespace attune::store_detail
