#include "core/change.h"

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

const char* to_string(EventOp::Kind kind) {
  switch (kind) {
    case EventOp::Kind::Insert: return "insert";
    case EventOp::Kind::Update: return "update";
    case EventOp::Kind::Delete: return "delete";
  }
  return "insert";
}

}  // namespace attune
