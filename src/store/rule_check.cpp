#include "store/rule_check.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <map>
#include <memory>

#include "core/commands.h"
#include "scheme/scheme_loader.h"
#include "store/event_rows.h"
#include "store/store.h"
#include "store/store_util.h"

namespace attune::store_detail {

void check_stored_rules(SQLite::Database& db, VerifyReport& report) {
  auto note = [&](const std::string& problem) {
    ++report.rule_problem_count;
    if (report.rule_problems.size() < VerifyReport::kMaxRuleProblems) report.rule_problems.push_back(one_line(problem));
  };
  try {
    std::map<std::int64_t, std::shared_ptr<const Scheme>> schemes;  // by scheme id; null: does not load
    SQLite::Statement sessions(db, "SELECT s.id, s.scheme_id, sc.name, sc.version, sc.json FROM sessions s "
                                   "JOIN schemes sc ON sc.id = s.scheme_id ORDER BY s.id");
    while (sessions.executeStep()) {
      const SessionId session = sessions.getColumn(0).getInt64();
      const std::int64_t scheme_id = sessions.getColumn(1).getInt64();
      const std::string label = "session " + std::to_string(session) + ": ";
      auto known = schemes.find(scheme_id);
      if (known == schemes.end()) {
        const std::string name = sessions.getColumn(2).getString() + "@" + sessions.getColumn(3).getString();
        SchemeLoadResult loaded = load_scheme_text(sessions.getColumn(4).getString(), name);
        known = schemes.emplace(scheme_id, loaded.ok() ? std::make_shared<const Scheme>(std::move(*loaded.scheme))
                                                       : nullptr).first;
      }
      const std::vector<Event> events = read_events(db, session);
      if (!known->second) {
        if (!events.empty()) note(label + "its scheme does not load, so its events cannot be checked");
        continue;
      }
      for (const RuleProblem& problem : find_rule_problems(events, *known->second)) note(label + problem.message);
    }
    report.rules_ok = report.rule_problem_count == 0;
    report.rules_message = report.rules_ok ? "ok"
                                           : std::to_string(report.rule_problem_count) + " rule problem(s), first: " +
                                                 report.rule_problems.front();
  } catch (const std::exception& e) {
    report.rules_ok = false;
    report.rules_message = one_line(std::string("stored events cannot be checked: ") + e.what());
  }
}

}  // namespace attune::store_detail
