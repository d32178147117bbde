#pragma once
// Commands: every change a user can make to a session's events. A command is planned
// against the model into a ChangeSet (checked against the scheme); History hands it to its
// Journal, which plans and checks it inside the write transaction against the session as
// stored, commits it, then applies it to the model.
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "core/change.h"
#include "core/session_model.h"

namespace attune {

// Code an event. A point event ignores `end`. A state with no `end` starts running; a
// state in an exclusive group closes the group's running state for the subject at `start`.
struct AddEvent {
  std::string code;
  std::string subject;  // "" picks the code's only subject, if it has exactly one
  Micros start = 0;
  std::optional<Micros> end;
  std::optional<std::int64_t> frame;
  ModifierValues modifiers;
  std::string comment;
};

// Ends a running state at `at`.
struct CloseState {
  EventId id = 0;
  Micros at = 0;
};

// What a tap on a state code's key does: ends the code's running state for the subject,
// or starts one (closing the exclusive group's running state).
struct ToggleState {
  std::string code;
  std::string subject;
  Micros at = 0;
  std::optional<std::int64_t> frame;
  ModifierValues modifiers;
};

// Changes the given fields of one event; unset fields stay as they are.
struct EditEvent {
  EventId id = 0;
  std::optional<Micros> start;
  std::optional<std::optional<Micros>> end;  // set to nullopt to reopen a state
  std::optional<std::string> code;
  std::optional<std::string> subject;
  std::optional<std::int64_t> frame;
  ModifierValues set_modifiers;  // merged into the event's values; "" removes a value
  std::optional<std::string> comment;
  std::string label;  // "" gives "Edit <code>"; drags say "Move …", nudges "Nudge …"
};

struct DeleteEvent {
  EventId id = 0;
};

using Command = std::variant<AddEvent, CloseState, ToggleState, EditEvent, DeleteEvent>;

// Plans `command` against `model`. Throws Error(InvalidInput) when it contradicts the
// scheme (unknown code, subject not allowed, bad modifier value, end before start) and
// Error(NotFound / Conflict) when it contradicts the data (unknown event, overlapping
// state in an exclusive group). Inserted events carry id 0 until committed.
ChangeSet plan(const Command& command, const SessionModel& model);

// Checks a planned change against the scheme's rules and `model` (the session as stored
// when called inside the journal's write transaction): every event it inserts or updates
// passes check_event and overlaps no rival state (the same code, or a code of the same
// exclusive group, for the same subject) left in the model or in the change. Throws like
// plan(). The journal runs it on every commit, undo and redo, whatever planned the change.
void check_change(const ChangeSet& change, const SessionModel& model);

// A rule of the scheme broken by stored events (verify reports them): the events involved
// and one line saying which rule.
struct RuleProblem {
  std::vector<EventId> events;
  std::string message;
};
// Every event that fails check_event, and every pair of overlapping rival states; by event ids.
std::vector<RuleProblem> find_rule_problems(std::span<const Event> events, const Scheme& scheme);

// Checks one event against the scheme (code, subject, kind, modifiers, times). Throws
// Error(InvalidInput) with a plain sentence.
void check_event(const Event& event, const Scheme& scheme);

}  // namespace attune
