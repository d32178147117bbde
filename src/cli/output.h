#pragma once
// How attune-cli prints: aligned text tables for people, JSON (--json) for programs.
// Times are seconds with up to 6 decimals; JSON also carries the exact microseconds.
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/event.h"
#include "core/scheme.h"

namespace attune::cli {

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);
void print_json(std::ostream& out, const nlohmann::json& value);

nlohmann::json event_json(const Event& event);
nlohmann::json session_json(const SessionInfo& session, const Recording& recording);
nlohmann::json recording_json(const Recording& recording);
std::string modifiers_text(const ModifierValues& modifiers);
// A session's events as a table (or a JSON array).
void print_events(std::ostream& out, const std::vector<Event>& events, bool json);

}  // namespace attune::cli
