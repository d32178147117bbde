#include "core/running_states.h"

#include <algorithm>
#include <limits>

namespace attune {

namespace {
constexpr Micros kOpen = std::numeric_limits<Micros>::max();
bool span_before(Micros start_a, EventId id_a, Micros start_b, EventId id_b) {
  return start_a != start_b ? start_a < start_b : id_a < id_b;
}
}  // namespace

RunningStates::Spans* RunningStates::spans_of(const Event& e, bool create) {
  const Code* code = scheme_ ? scheme_->find_code(e.code) : nullptr;
  if (!code || code->kind != CodeKind::State) return nullptr;
  auto& subjects = spans_[e.code];
  for (auto& [subject, spans] : subjects)
    if (subject == e.subject) return &spans;
  if (!create) return nullptr;
  return &subjects.emplace_back(e.subject, Spans{}).second;
}

void RunningStates::insert(const Event& e) {
  Spans* spans = spans_of(e, true);
  if (!spans) return;
  const Span span{e.start, e.end.value_or(kOpen), e.id};
  auto at = std::upper_bound(spans->begin(), spans->end(), span,
                             [](const Span& a, const Span& b) { return span_before(a.start, a.id, b.start, b.id); });
  spans->insert(at, span);
}

void RunningStates::remove(const Event& e) {
  Spans* spans = spans_of(e, false);
  if (!spans) return;
  auto at = std::lower_bound(spans->begin(), spans->end(), e,
                             [](const Span& a, const Event& b) { return span_before(a.start, a.id, b.start, b.id); });
  if (at != spans->end() && at->id == e.id) spans->erase(at);
}

void RunningStates::update(const SessionModel& model) {
  if (built_ && model_ == model.instance() && version_ == model.version() && scheme_ == model.scheme_ptr()) return;
  if (built_ && model_ == model.instance() && scheme_ == model.scheme_ptr())
    if (auto changes = model.changes_since(version_)) {
      for (const ChangeSet* change : *changes)
        for (const EventOp& op : change->ops) {
          if (op.kind != EventOp::Kind::Insert) remove(op.before);
          if (op.kind != EventOp::Kind::Delete) insert(op.after);
        }
      version_ = model.version();
      return;
    }
  scheme_ = model.scheme_ptr();
  spans_.clear();
  for (const Event& e : model.events()) insert(e);  // in (start, id) order: each insert appends
  model_ = model.instance();
  version_ = model.version();
  built_ = true;
  ++builds_;
}

const Event* RunningStates::at(const SessionModel& model, const std::string& code, const std::string& subject,
                               Micros t) const {
  auto found = spans_.find(code);
  if (found == spans_.end()) return nullptr;
  for (const auto& [id, spans] : found->second) {
    if (id != subject) continue;
    // The last interval starting at or before t is the only one that can contain it.
    auto after = std::upper_bound(spans.begin(), spans.end(), t, [](Micros v, const Span& s) { return v < s.start; });
    if (after == spans.begin()) return nullptr;
    const Span& last = *std::prev(after);
    if (t >= last.end) return nullptr;
    return model.find(last.id);
  }
  return nullptr;
}

}  // namespace attune
