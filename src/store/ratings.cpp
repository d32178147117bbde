// Global ratings per session (table ratings, schemas/001-initial.sql): checked against the session's own
// scheme, refused on an approved session, every change audited with old and new values.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/audit.h"
#include "store/review.h"
#include "store/session_loader.h"
#include "store/store.h"
#include "store/store_util.h"

namespace attune {

using namespace store_detail;
using nlohmann::json;

namespace {

std::optional<SessionRating> stored_rating(SQLite::Database& db, SessionId session, const std::string& scale) {
  SQLite::Statement st(db, "SELECT value FROM ratings WHERE session_id = ? AND scale_id = ?");
  st.bind(1, session);
  st.bind(2, scale);
  if (!st.executeStep()) return std::nullopt;
  return SessionRating{scale, st.getColumn(0).getInt()};
}

json rating_json(SessionId session, const SessionRating& r) {
  return json{{"session_id", session}, {"scale", r.scale_id}, {"value", r.value}};
}

}  // namespace

void Store::set_rating(SessionId session, const std::string& scale_id, std::optional<int> value) {
  require_writable();
  guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (current_status(*db_, session) == SessionStatus::Approved)
      throw Error(ErrorKind::Conflict, session_text(session) +
                                           " is approved; a supervisor must unlock it before its ratings can change");
    const std::shared_ptr<const Scheme> stored = load_stored_scheme(*this, this->session(session).scheme_id);
    const Scheme& scheme = *stored;
    if (value) {
      check_rating(scheme, scale_id, *value);
    } else if (!scheme.find_rating(scale_id)) {
      check_rating(scheme, scale_id, 0);  // the same "not a global rating" message
    }
    const std::optional<SessionRating> before = stored_rating(*db_, session, scale_id);
    if ((!before && !value) || (before && value && before->value == *value)) return;  // nothing changes
    AuditWriter audit(*db_, actor_, utc_now());
    const std::string old_json = before ? dump_text(rating_json(session, *before)) : std::string();
    if (!value) {
      SQLite::Statement del(*db_, "DELETE FROM ratings WHERE session_id = ? AND scale_id = ?");
      del.bind(1, session);
      del.bind(2, scale_id);
      del.exec();
      audit.append("rating.clear", "ratings", session, session, old_json, std::nullopt);
    } else {
      const SessionRating after{scale_id, *value};
      SQLite::Statement put(*db_,
                            "INSERT INTO ratings (session_id, scale_id, value) VALUES (?, ?, ?) "
                            "ON CONFLICT (session_id, scale_id) DO UPDATE SET value = excluded.value");
      put.bind(1, session);
      put.bind(2, scale_id);
      put.bind(3, after.value);
      put.exec();
      audit.append("rating.set", "ratings", session, session, before ? std::optional<std::string>(old_json) : std::nullopt,
                   dump_text(rating_json(session, after)));
    }
    tx.commit();
  });
}

std::vector<SessionRating> Store::ratings(SessionId session) const {
  return guarded(path_, [&] {
    current_status(*db_, session);  // NotFound
    SQLite::Statement st(*db_, "SELECT scale_id, value FROM ratings WHERE session_id = ? ORDER BY scale_id");
    st.bind(1, session);
    std::vector<SessionRating> out;
    while (st.executeStep()) out.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt()});
    return out;
  });
}

}  // namespace attune
