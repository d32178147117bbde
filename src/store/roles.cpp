// Supervisors (schemas/003-supervisors.sql): who may review, approve, return and unlock a
// coding and mark the master coding. Names are actor names, as the audit trail records
// them; there is no login, so this keeps honest people in their lanes rather than stopping
// someone who can edit the database file.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>

#include "store/audit.h"
#include "store/review.h"
#include "store/store.h"
#include "store/store_util.h"
#include "core/text.h"

namespace attune {

using namespace store_detail;
using nlohmann::json;

namespace {

std::vector<std::string> supervisor_names(SQLite::Database& db) {
  SQLite::Statement st(db, "SELECT name FROM supervisors ORDER BY name");
  std::vector<std::string> names;
  while (st.executeStep()) names.push_back(st.getColumn(0).getString());
  return names;
}

bool allowed(const std::vector<std::string>& names, const std::string& actor) {
  return names.empty() || std::find(names.begin(), names.end(), actor) != names.end();
}

}  // namespace

namespace store_detail {

void require_supervisor(SQLite::Database& db, const std::string& actor, const std::string& what) {
  const std::vector<std::string> names = supervisor_names(db);
  if (allowed(names, actor)) return;
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  throw Error(ErrorKind::Conflict, "only a supervisor may " + what + " (supervisors: " + list + "; you are " + actor + ")");
}

}  // namespace store_detail

std::vector<std::string> Store::supervisors() const {
  return guarded(path_, [&] { return supervisor_names(*db_); });
}

bool Store::may_supervise() const {
  return guarded(path_, [&] { return allowed(supervisor_names(*db_), actor_); });
}

void Store::add_supervisor(const std::string& name) {
  if (is_blank(name)) throw Error(ErrorKind::InvalidInput, "a supervisor needs a name (the name Attune records for them)");
  require_writable();
  guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    const std::vector<std::string> names = supervisor_names(*db_);
    if (std::find(names.begin(), names.end(), name) != names.end()) return;
    require_supervisor(*db_, actor_, "name another supervisor");
    AuditWriter audit(*db_, actor_, utc_now());
    SQLite::Statement insert(*db_, "INSERT INTO supervisors (name, added_utc) VALUES (?, ?)");
    insert.bind(1, name);
    insert.bind(2, audit.at_utc());
    insert.exec();
    audit.append("supervisor.add", "supervisors", 0, std::nullopt, std::nullopt, dump_text(json{{"name", name}}));
    tx.commit();
  });
}

void Store::remove_supervisor(const std::string& name) {
  require_writable();
  guarded(path_, [&] {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    const std::vector<std::string> names = supervisor_names(*db_);
    if (std::find(names.begin(), names.end(), name) == names.end()) return;
    require_supervisor(*db_, actor_, "remove a supervisor");
    AuditWriter audit(*db_, actor_, utc_now());
    SQLite::Statement del(*db_, "DELETE FROM supervisors WHERE name = ?");
    del.bind(1, name);
    del.exec();
    audit.append("supervisor.remove", "supervisors", 0, std::nullopt, dump_text(json{{"name", name}}), std::nullopt);
    tx.commit();
  });
}

}  // namespace attune
