#include "core/change.h"

#include <algorithm>

namespace attune {

ChangeSet invert(const ChangeSet& change) {
  ChangeSet inverse;
  inverse.label = change.label;
  inverse.ops.reserve(change.ops.size());
  for (auto it = change.ops.rbegin(); it != change.ops.rend(); ++it) {
    switch (it->kind) {
      case EventOp::Kind::Insert: inverse.ops.push_back(EventOp::remove(it->after)); break;
      case EventOp::Kind::Delete: inverse.ops.push_back(EventOp::insert(it->before)); break;
      case EventOp::Kind::Update: inverse.ops.push_back(EventOp::update(it->after, it->before)); break;
    }
  }
  return inverse;
}

namespace {
EventId id_of(const EventOp& op) { return op.kind == EventOp::Kind::Delete ? op.before.id : op.after.id; }
}  // namespace

ChangeSet merge_changes(const ChangeSet& earlier, const ChangeSet& later) {
  ChangeSet merged = earlier;
  for (const EventOp& op : later.ops) {
    auto same = std::find_if(merged.ops.begin(), merged.ops.end(), [&](const EventOp& m) {
      return m.kind != EventOp::Kind::Delete && op.kind != EventOp::Kind::Insert && id_of(m) == id_of(op);
    });
    if (same == merged.ops.end()) {
      merged.ops.push_back(op);
      continue;
    }
    if (op.kind == EventOp::Kind::Update) {
      same->after = op.after;  // insert stays insert (of the final row); update spans both
    } else if (same->kind == EventOp::Kind::Insert) {  // inserted, then deleted: nothing left
      merged.ops.erase(same);
    } else {  // updated, then deleted: the delete of the row as it was first
      *same = EventOp::remove(same->before);
    }
  }
  std::erase_if(merged.ops, [](const EventOp& op) { return op.kind == EventOp::Kind::Update && op.before == op.after; });
  return merged;
}

std::vector<EventId> touched_events(const ChangeSet& change) {
  std::vector<EventId> ids;
  for (const EventOp& op : change.ops)
    if (std::find(ids.begin(), ids.end(), id_of(op)) == ids.end()) ids.push_back(id_of(op));
  return ids;
}

const char* to_string(EventOp::Kind kind) {
  switch (kind) {
    case EventOp::Kind::Insert: return "insert";
    case EventOp::Kind::Update: return "update";
    case EventOp::Kind::Delete: return "delete";
  }
  return "insert";
}

}  // namespace attune
