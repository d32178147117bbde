#pragma once
// Event rows: reading and writing the events table, and the JSON form of events and
// operations used by the undo journal (history_steps.ops) and the audit (old/new_json).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/change.h"
#include "core/event.h"

namespace SQLite {
class Database;
}

namespace attune::store_detail {

// {"id","code","subject" (null when none),"start_us","end_us","frame","modifiers","comment"}.
nlohmann::json event_to_json(const Event& event);
Event event_from_json(const nlohmann::json& json);
// The audit's form of a row: the event plus its session.
std::string event_row_json(const Event& event, SessionId session);

nlohmann::json ops_to_json(const std::vector<EventOp>& ops);
std::vector<EventOp> ops_from_json(const nlohmann::json& json);

std::optional<Event> read_event(SQLite::Database& db, SessionId session, EventId id);
std::vector<Event> read_events(SQLite::Database& db, SessionId session);  // by start, then id

// Error(InvalidInput) for what the table's constraints would refuse less clearly.
void validate_event(const Event& event);
// Inserts under event.id when it is not 0 (a redo or an undone delete), else lets SQLite
// assign one. Returns the id. Error(Conflict) when the id is taken.
EventId insert_event(SQLite::Database& db, SessionId session, const Event& event, const std::string& now);
void update_event(SQLite::Database& db, SessionId session, const Event& event, const std::string& now);
void delete_event(SQLite::Database& db, SessionId session, EventId id);

}  // namespace attune::store_detail
