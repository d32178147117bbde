#pragma once
// verify's third part: the scheme's rules over what is stored. Every session's events are
// checked against the scheme it is coded with (core's find_rule_problems), so a rule broken
// by a second program, an old version or a hand edit in the sqlite3 shell is reported with
// the session and event ids.
namespace SQLite {
class Database;
}

namespace attune {

struct VerifyReport;

namespace store_detail {

// Fills report.rules_*; damage is reported there, never thrown.
void check_stored_rules(SQLite::Database& db, VerifyReport& report);

}  // namespace store_detail
}  // namespace attune
