// attune-cli audit [SESSION] [--json]: the audit trail (of one session, or all of it), oldest
// first: when, who, what action on which row, and the values before and after; then the
// chain head. attune-cli audit anchor: one line to keep elsewhere (docs/audit-trail.md).
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/error.h"
#include "export/exporter.h"

namespace attune::cli {

namespace {

using nlohmann::json;

// The stored JSON text, parsed; a row altered outside Attune may hold anything, kept as text.
json parsed(const std::string& text) {
  if (text.empty()) return nullptr;
  json value = json::parse(text, nullptr, false);
  return value.is_discarded() ? json(text) : value;
}

std::string value_text(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

std::string fields_text(const json& object) {
  if (!object.is_object()) return value_text(object);
  std::string text;
  for (const auto& [key, value] : object.items()) text += (text.empty() ? "" : ", ") + key + "=" + value_text(value);
  return text;
}

// "status: coding → submitted, reason: …" for a change; the whole row for an insert or delete.
std::string change_text(const json& before, const json& after) {
  if (before.is_null() && after.is_null()) return "";
  if (before.is_null()) return "+ " + fields_text(after);
  if (after.is_null()) return "- " + fields_text(before);
  if (!before.is_object() || !after.is_object()) return value_text(before) + " → " + value_text(after);
  std::string text;
  auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
  // Changed fields first, then added ones (an unlock's reason), then removed ones.
  for (const auto& [key, value] : after.items())
    if (before.contains(key) && before[key] != value)
      add(key + ": " + value_text(before[key]) + " → " + value_text(value));
  for (const auto& [key, value] : after.items())
    if (!before.contains(key)) add(key + ": " + value_text(value));
  for (const auto& [key, value] : before.items())
    if (!after.contains(key)) add(key + ": " + value_text(value) + " → (removed)");
  return text.empty() ? "(no change)" : text;
}

void audit(const std::string& session_text, const Context& context) {
  auto store = context.open_for_reading();
  std::optional<SessionId> session;
  if (!session_text.empty()) session = parse_id(session_text, "SESSION");
  const std::vector<AuditRow> rows = store->audit(session);
  // Every session has its session.insert row, a deleted one too: no rows, no such session.
  if (session && rows.empty()) store->session(*session);  // NotFound rather than an empty trail
  if (context.json) {
    json out = json::array();
    for (const AuditRow& r : rows)
      out.push_back({{"id", r.id},
                     {"at_utc", r.at_utc},
                     {"actor", r.actor},
                     {"action", r.action},
                     {"table", r.table_name},
                     {"row_id", r.row_id},
                     {"session", r.session_id ? json(*r.session_id) : json(nullptr)},
                     {"old", parsed(r.old_json)},
                     {"new", parsed(r.new_json)},
                     {"hash", r.hash}});
    print_json(std::cout, out);
    return;
  }
  std::vector<std::vector<std::string>> table;
  for (const AuditRow& r : rows)
    table.push_back({std::to_string(r.id), r.at_utc, r.actor, r.action, r.table_name + " " + std::to_string(r.row_id),
                     change_text(parsed(r.old_json), parsed(r.new_json))});
  print_table(std::cout, {"id", "at (UTC)", "actor", "action", "row", "old → new"}, table);
  // The whole database's chain, a session's listing too: that is what a head pins.
  std::cout << "\naudit head: " << store->audit_head().text()
            << (session ? " (the whole database's trail)" : "") << '\n';
}

// "attune.db 2026-12-02T16:30:05Z attune-audit-head 1234:<hash>": the file's name, the date and
// the head, no personal data; `verify --expect` takes the whole line. Only of a chain that
// verifies: an anchor of a broken trail would vouch for nothing.
void anchor(const Context& context) {
  auto store = context.open_existing_store();
  const VerifyReport report = store->verify();
  if (!report.integrity_ok || !report.audit_ok)
    throw Error(ErrorKind::Storage, store->path() + " fails verification (" +
                                        (!report.integrity_ok ? report.integrity_message : report.audit_message) +
                                        "): an anchor of it would vouch for nothing; see 'attune-cli verify'");
  const std::string name = std::filesystem::path(store->path()).filename().string();
  const std::string date = exports::utc_now_text();
  const std::string line = name + " " + date + " " + report.audit_head.text();
  if (context.json) {
    print_json(std::cout, {{"database", name},
                           {"date_utc", date},
                           {"count", report.audit_head.count},
                           {"hash", report.audit_head.hash},
                           {"head", report.audit_head.text()},
                           {"line", line}});
    return;
  }
  std::cout << line << '\n';
}

}  // namespace

void add_audit_command(CLI::App& app, Context& context) {
  auto session = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("audit", "List the audit trail of a session (or of the whole database), oldest first");
  cmd->add_option("session", *session, "Session id (default: every row)");
  CLI::App* anchor_cmd = cmd->add_subcommand(
      "anchor", "One line to keep or mail (database name, date, audit head); later: verify --expect LINE");
  anchor_cmd->callback([&context] { anchor(context); });
  cmd->callback([session, anchor_cmd, &context] {
    if (!anchor_cmd->parsed()) audit(*session, context);
  });
}

}  // namespace attune::cli
