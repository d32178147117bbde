#pragma once
// A ChangeSet is what a Command does to a session's events, as primitive operations.
// Undo applies the inverse; both cost O(size of the change), never a copy of the session.
#include <string>
#include <vector>

#include "core/event.h"

namespace attune {

struct EventOp {
  enum class Kind { Insert, Update, Delete };
  Kind kind = Kind::Insert;
  Event before;  // Update, Delete: the row as it was
  Event after;   // Insert, Update: the row as it becomes

  static EventOp insert(Event e) { return {Kind::Insert, {}, std::move(e)}; }
  static EventOp update(Event before, Event after) { return {Kind::Update, std::move(before), std::move(after)}; }
  static EventOp remove(Event e) { return {Kind::Delete, std::move(e), {}}; }
  bool operator==(const EventOp&) const = default;
};

struct ChangeSet {
  std::string label;  // for the Edit menu: "Add Bid", "Move Comfort" …
  std::vector<EventOp> ops;
  bool empty() const { return ops.empty(); }
};

// The change that undoes `change`: inverse operations in reverse order.
ChangeSet invert(const ChangeSet& change);

// One undo step made of two consecutive ones (`later` committed right after `earlier`): each
// event's operations folded into one (insert then update: the insert of the final row;
// update then update: from the first row to the last; insert then delete: nothing), so undo
// takes the merged step back in one go at the cost of its events, not of its history. The
// label stays `earlier`'s ("Add Bid" with its modifiers chosen is still "Add Bid").
ChangeSet merge_changes(const ChangeSet& earlier, const ChangeSet& later);

// The ids of the events a change touches.
std::vector<EventId> touched_events(const ChangeSet& change);

const char* to_string(EventOp::Kind kind);

}  // namespace attune
