#include "core/commands.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/decimal.h"
#include "core/error.h"

namespace attune {

namespace {

Error invalid(const std::string& message) { return Error(ErrorKind::InvalidInput, message); }

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

const Code& code_or_throw(const Scheme& scheme, const std::string& id) {
  const Code* code = scheme.find_code(id);
  if (!code) throw invalid("the scheme '" + scheme.name + "' has no code '" + id + "'");
  return *code;
}

const Event& event_or_throw(const SessionModel& model, EventId id) {
  const Event* e = model.find(id);
  if (!e) throw Error(ErrorKind::NotFound, "event " + std::to_string(id) + " does not exist in this session");
  return *e;
}

// The subject a code is coded for: the given one when allowed, the only one when omitted.
std::string resolve_subject(const Code& code, const std::string& subject) {
  if (code.subjects.empty()) {
    if (!subject.empty()) throw invalid("code '" + code.id + "' is not coded for a subject");
    return "";
  }
  if (subject.empty()) {
    if (code.subjects.size() == 1) return code.subjects.front();
    throw invalid("code '" + code.id + "' needs a subject: " + join(code.subjects));
  }
  if (std::find(code.subjects.begin(), code.subjects.end(), subject) == code.subjects.end())
    throw invalid("code '" + code.id + "' is not coded for subject '" + subject + "' (allowed: " +
                  join(code.subjects) + ")");
  return subject;
}

// "from 1 to 3", "at least 0", "at most 10"
std::string range_text(const Modifier& m) {
  auto text = [](double d) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
  };
  if (m.min && m.max) return "from " + text(*m.min) + " to " + text(*m.max);
  return m.min ? "at least " + text(*m.min) : "at most " + text(*m.max);
}

// Number modifiers are kept in their canonical spelling ("2.50" -> "2.5"); a value that is
// not a plain decimal is left as it is for check_event to refuse.
void canonicalize_numbers(Event& event, const Scheme& scheme) {
  for (auto& [id, value] : event.modifiers) {
    const Modifier* m = scheme.find_modifier(id);
    if (!m || m->kind != ModifierKind::Number) continue;
    if (std::optional<std::string> canonical = canonical_decimal(value)) value = std::move(*canonical);
  }
}

// Times past the recording's end (when its length is known) cannot be coded.
void check_within_recording(const SessionModel& model, const Event& event) {
  const std::optional<Micros> length = model.duration();
  if (!length) return;
  for (const std::optional<Micros> t : {std::optional<Micros>(event.start), event.end})
    if (t && *t > *length)
      throw invalid(format_seconds(*t) + " s is past the end of the recording (" + format_seconds(*length) + " s)");
}

void check_modifier_value(const Modifier& modifier, const std::string& value) {
  auto allowed = [&](const std::string& v) {
    return std::find(modifier.values.begin(), modifier.values.end(), v) != modifier.values.end();
  };
  switch (modifier.kind) {
    case ModifierKind::Single:
      if (!allowed(value))
        throw invalid("'" + value + "' is not a value of modifier '" + modifier.id + "' (" + join(modifier.values) + ")");
      return;
    case ModifierKind::Multi: {
      std::vector<std::string> seen;
      std::size_t from = 0;
      while (from <= value.size()) {
        std::size_t comma = value.find(',', from);
        std::string part = value.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
        if (!allowed(part))
          throw invalid("'" + part + "' is not a value of modifier '" + modifier.id + "' (" + join(modifier.values) + ")");
        if (std::find(seen.begin(), seen.end(), part) != seen.end())
          throw invalid("modifier '" + modifier.id + "' lists '" + part + "' twice");
        seen.push_back(part);
        if (comma == std::string::npos) break;
        from = comma + 1;
      }
      return;
    }
    case ModifierKind::Number: {
      const std::optional<std::string> number = canonical_decimal(value);
      if (!number)
        throw invalid("modifier '" + modifier.id + "' takes a plain decimal number such as 2 or 2.5 (no '+', " +
                      "leading zeros, spaces or exponent), not '" + value + "'");
      if ((modifier.min && compare_decimal(*number, *modifier.min) < 0) ||
          (modifier.max && compare_decimal(*number, *modifier.max) > 0))
        throw invalid("modifier '" + modifier.id + "' is out of range: " + value + " (" + range_text(modifier) + ")");
      return;
    }
  }
}

std::string display_name(const Scheme& scheme, const std::string& code_id) {
  const Code* code = scheme.find_code(code_id);
  return code ? code->name : code_id;
}

// Whether `a` and `b` are states that may not overlap: the same subject, and the same code
// or two codes of one exclusive group.
bool rivals(const Scheme& scheme, const Event& a, const Event& b) {
  if (a.subject != b.subject) return false;
  const Code* x = scheme.find_code(a.code);
  const Code* y = scheme.find_code(b.code);
  if (!x || !y || x->kind != CodeKind::State || y->kind != CodeKind::State) return false;
  if (x->id == y->id) return true;
  const CodeGroup* group = scheme.find_group(x->group);
  return x->group == y->group && group && group->exclusive;
}

// Whether `e` reaches into `candidate` (a running state reaches to the end of the session).
bool reaches_into(const Event& candidate, const Event& e) {
  return (!e.end || *e.end > candidate.start) &&
         (!candidate.end || e.start < *candidate.end || e.start == candidate.start);
}

// A state may not overlap another state of its own exclusive group (or itself) for the same
// subject. Returns the first event `candidate` would overlap, ignoring the ids in `ignore`.
const Event* find_overlap(const SessionModel& model, const Event& candidate, const std::vector<EventId>& ignore) {
  const Scheme& scheme = model.scheme();
  const Code& code = code_or_throw(scheme, candidate.code);
  if (code.kind != CodeKind::State) return nullptr;
  const Micros begin = candidate.start;
  const std::optional<Micros> end = candidate.end;
  auto is_rival = [&](const Event& e) {
    if (std::find(ignore.begin(), ignore.end(), e.id) != ignore.end()) return false;
    return rivals(scheme, candidate, e);
  };
  // Rival states never overlap one another, so of those starting before `begin` only the
  // latest can reach into the candidate: look back to it, then forward while they start
  // inside. Cost follows the neighbourhood, not the session's length.
  const auto events = model.events();
  const std::size_t first = model.lower_bound(begin);
  for (std::size_t j = first; j-- > 0;) {
    if (!is_rival(events[j])) continue;
    if (reaches_into(candidate, events[j])) return &events[j];
    break;
  }
  for (std::size_t j = first; j < events.size(); ++j) {
    const Event& e = events[j];
    if (end && e.start >= *end && *end > begin) break;
    if (is_rival(e) && reaches_into(candidate, e)) return &e;
  }
  return nullptr;
}

// The rule two rival states break by overlapping, in words.
std::string overlap_rule(const Scheme& scheme, const Event& a, const Event& b) {
  const std::string subject = a.subject.empty() ? std::string() : " for subject '" + a.subject + "'";
  if (a.code == b.code) return "a state of code '" + a.code + "'" + subject + " cannot overlap itself";
  const Code* code = scheme.find_code(a.code);
  return "states of the exclusive group '" + (code ? code->group : std::string()) + "'" + subject +
         " cannot overlap";
}

std::string span_text(const Event& e) {
  return format_seconds(e.start) + "–" + (e.end ? format_seconds(*e.end) + " s" : std::string("running"));
}

Error overlap_error(const Scheme& scheme, const Event& candidate, const Event& other) {
  return Error(ErrorKind::Conflict, display_name(scheme, candidate.code) + " at " + format_seconds(candidate.start) +
                                        " s would overlap " + display_name(scheme, other.code) +
                                        (other.id ? " (event " + std::to_string(other.id) + ", " : " (") +
                                        span_text(other) + "): " + overlap_rule(scheme, candidate, other));
}

std::optional<std::int64_t> frame_for(const SessionModel& model, Micros start, std::optional<std::int64_t> given) {
  if (given) return given;
  if (model.frames().valid()) return model.frames().frame_at(start);
  return std::nullopt;
}

ChangeSet plan_close(const SessionModel& model, const CloseState& c) {
  const Event& e = event_or_throw(model, c.id);
  if (!e.is_open()) throw Error(ErrorKind::Conflict, "event " + std::to_string(c.id) + " is not a running state");
  if (c.at < e.start)
    throw invalid("a state cannot end (" + format_seconds(c.at) + " s) before it starts (" + format_seconds(e.start) + " s)");
  if (model.duration() && c.at > *model.duration())
    throw invalid(format_seconds(c.at) + " s is past the end of the recording (" + format_seconds(*model.duration()) +
                  " s)");
  const std::string name = display_name(model.scheme(), e.code);
  if (c.at == e.start) return {"Cancel " + name, {EventOp::remove(e)}};  // stopped on the frame it started
  Event closed = e;
  closed.end = c.at;
  return {"End " + name, {EventOp::update(e, closed)}};
}

ChangeSet plan_add(const SessionModel& model, const AddEvent& a) {
  const Scheme& scheme = model.scheme();
  const Code& code = code_or_throw(scheme, a.code);
  Event e;
  e.code = code.id;
  e.subject = resolve_subject(code, a.subject);
  e.start = a.start;
  if (code.kind == CodeKind::Point && a.end && *a.end != a.start)
    throw invalid("'" + code.id + "' is a point code: it has no end (only state codes have one)");
  e.end = code.kind == CodeKind::Point ? std::optional<Micros>(a.start) : a.end;
  e.frame = frame_for(model, a.start, a.frame);
  e.modifiers = a.modifiers;
  e.comment = a.comment;
  canonicalize_numbers(e, scheme);
  check_event(e, scheme);
  check_within_recording(model, e);

  ChangeSet change;
  change.label = (code.kind == CodeKind::State && !e.end ? "Start " : "Add ") + code.name;
  std::vector<EventId> closed;
  if (code.kind == CodeKind::State) {
    const CodeGroup* group = scheme.find_group(code.group);
    std::vector<const Event*> running;
    if (group && group->exclusive) running = model.open_states_in_group(code.group, e.subject);
    else if (const Event* same = model.open_state(code.id, e.subject)) running.push_back(same);
    for (const Event* r : running) {
      if (r->start > e.start) throw overlap_error(scheme, e, *r);
      ChangeSet close = plan_close(model, {r->id, e.start});
      change.ops.insert(change.ops.end(), close.ops.begin(), close.ops.end());
      closed.push_back(r->id);
    }
  }
  if (const Event* other = find_overlap(model, e, closed)) throw overlap_error(scheme, e, *other);
  change.ops.push_back(EventOp::insert(std::move(e)));
  return change;
}

ChangeSet plan_toggle(const SessionModel& model, const ToggleState& t) {
  const Code& code = code_or_throw(model.scheme(), t.code);
  if (code.kind != CodeKind::State) throw invalid("code '" + code.id + "' is a point event, not a state");
  const std::string subject = resolve_subject(code, t.subject);
  // The key ends the state only where it is running: start <= at (an open state has no end).
  if (const Event* running = model.open_state(code.id, subject)) {
    if (running->start <= t.at) return plan_close(model, {running->id, t.at});
    throw Error(ErrorKind::Conflict, code.name + " is not running at " + format_clock_exact(t.at) +
                                         ": it starts later (" + format_clock_exact(running->start) +
                                         ") and has no end yet, so a new one here would overlap it");
  }
  Event here;  // the instant [at, at + 1): a closed state of this code covering it is coded here
  here.code = code.id;
  here.subject = subject;
  here.start = t.at;
  here.end = t.at + 1;
  if (const Event* coded = find_overlap(model, here, {}); coded && coded->code == code.id && coded->end)
    throw Error(ErrorKind::Conflict, code.name + " is already coded at " + format_clock_exact(t.at) + " (event " +
                                         std::to_string(coded->id) + ", " + format_clock_exact(coded->start) +
                                         "\u2013" + format_clock_exact(*coded->end) +
                                         "); edit that event to change it");
  return plan_add(model, AddEvent{code.id, subject, t.at, std::nullopt, t.frame, t.modifiers, ""});
}

ChangeSet plan_edit(const SessionModel& model, const EditEvent& edit) {
  const Scheme& scheme = model.scheme();
  const Event& before = event_or_throw(model, edit.id);
  Event after = before;
  if (edit.code) after.code = code_or_throw(scheme, *edit.code).id;
  const Code& code = code_or_throw(scheme, after.code);
  if (edit.subject) after.subject = resolve_subject(code, *edit.subject);
  else if (edit.code) {
    // Keep the subject when the new code allows it; otherwise take the code's only one.
    const bool allowed = code.subjects.empty() ? after.subject.empty()
                         : std::find(code.subjects.begin(), code.subjects.end(), after.subject) != code.subjects.end();
    if (!allowed) after.subject = resolve_subject(code, "");
  }
  if (edit.start) {
    after.start = *edit.start;
    if (!edit.frame)
      after.frame = model.frames().valid() ? std::optional(model.frames().frame_at(after.start)) : std::nullopt;
  }
  if (edit.frame) after.frame = edit.frame;
  if (code.kind == CodeKind::Point && edit.end && *edit.end != after.start)
    throw invalid("'" + code.id + "' is a point code: it has no end (only state codes have one)");
  if (code.kind == CodeKind::Point) after.end = after.start;
  else if (edit.end) after.end = *edit.end;
  else if (before.end && edit.code && scheme.find_code(before.code)->kind == CodeKind::Point)
    after.end = after.start;  // a point turned state keeps zero length until its end is edited
  for (const auto& [id, value] : edit.set_modifiers) {
    if (value.empty()) after.modifiers.erase(id);
    else after.modifiers[id] = value;
  }
  if (edit.comment) after.comment = *edit.comment;
  canonicalize_numbers(after, scheme);
  check_event(after, scheme);
  check_within_recording(model, after);
  if (after == before) return {};
  if (const Event* other = find_overlap(model, after, {before.id})) throw overlap_error(scheme, after, *other);
  return {edit.label.empty() ? "Edit " + code.name : edit.label, {EventOp::update(before, after)}};
}

ChangeSet plan_delete(const SessionModel& model, const DeleteEvent& d) {
  const Event& e = event_or_throw(model, d.id);
  return {"Delete " + display_name(model.scheme(), e.code), {EventOp::remove(e)}};
}

}  // namespace

void check_event(const Event& event, const Scheme& scheme) {
  const Code& code = code_or_throw(scheme, event.code);
  if (resolve_subject(code, event.subject) != event.subject)
    throw invalid("code '" + code.id + "' needs a subject: " + join(code.subjects));
  if (event.start < 0) throw invalid("an event cannot start before 0 s (" + format_seconds(event.start) + " s)");
  if (code.kind == CodeKind::Point && event.end != event.start)
    throw invalid("'" + code.id + "' is a point event and cannot have an end time");
  if (event.end && *event.end < event.start)
    throw invalid("the end (" + format_seconds(*event.end) + " s) is before the start (" +
                  format_seconds(event.start) + " s)");
  if (event.frame && *event.frame < 0) throw invalid("a frame index cannot be negative");
  for (const auto& [id, value] : event.modifiers) {
    if (std::find(code.modifiers.begin(), code.modifiers.end(), id) == code.modifiers.end())
      throw invalid("code '" + code.id + "' has no modifier '" + id + "'" +
                    (code.modifiers.empty() ? std::string() : " (it has: " + join(code.modifiers) + ")"));
    const Modifier* modifier = scheme.find_modifier(id);
    if (!modifier) throw invalid("the scheme has no modifier '" + id + "'");
    check_modifier_value(*modifier, value);
  }
}

void check_change(const ChangeSet& change, const SessionModel& model) {
  const Scheme& scheme = model.scheme();
  std::vector<EventId> touched;  // rows the change updates or deletes: not compared as they were
  std::vector<const Event*> results;  // the change's events as they are after it
  for (const EventOp& op : change.ops) {
    if (op.kind != EventOp::Kind::Insert) {
      touched.push_back(op.before.id);
      std::erase_if(results, [&](const Event* e) { return e->id != 0 && e->id == op.before.id; });
    }
    if (op.kind != EventOp::Kind::Delete) results.push_back(&op.after);
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Event& e = *results[i];
    check_event(e, scheme);
    if (const Event* other = find_overlap(model, e, touched)) throw overlap_error(scheme, e, *other);
    for (std::size_t j = 0; j < i; ++j)
      if (rivals(scheme, e, *results[j]) && (reaches_into(e, *results[j]) || reaches_into(*results[j], e)))
        throw overlap_error(scheme, e, *results[j]);
  }
}

std::vector<RuleProblem> find_rule_problems(std::span<const Event> events, const Scheme& scheme) {
  std::vector<RuleProblem> problems;
  std::vector<const Event*> states;
  for (const Event& e : events) {
    try {
      check_event(e, scheme);
    } catch (const Error& error) {
      problems.push_back({{e.id}, "event " + std::to_string(e.id) + ": " + error.what()});
      continue;
    }
    if (scheme.find_code(e.code)->kind == CodeKind::State) states.push_back(&e);
  }
  // Rival states, grouped by subject and by exclusive group (else by code), then swept by
  // start: each is compared with the one of its bucket reaching furthest so far.
  auto bucket_of = [&](const Event& e) {
    const Code* code = scheme.find_code(e.code);
    const CodeGroup* group = scheme.find_group(code->group);
    return e.subject + '\n' + (group && group->exclusive ? "group:" + code->group : "code:" + code->id);
  };
  std::stable_sort(states.begin(), states.end(), [&](const Event* a, const Event* b) {
    const std::string x = bucket_of(*a), y = bucket_of(*b);
    return x != y ? x < y : event_before(*a, *b);
  });
  const Event* furthest = nullptr;
  std::string bucket;
  for (const Event* e : states) {
    if (const std::string here = bucket_of(*e); here != bucket) {
      bucket = here;
      furthest = nullptr;
    }
    if (furthest && (reaches_into(*e, *furthest) || reaches_into(*furthest, *e)))
      problems.push_back({{furthest->id, e->id}, "events " + std::to_string(furthest->id) + " and " +
                                                     std::to_string(e->id) + " overlap (" +
                                                     display_name(scheme, furthest->code) + " " + span_text(*furthest) +
                                                     ", " + display_name(scheme, e->code) + " " + span_text(*e) +
                                                     "): " + overlap_rule(scheme, *e, *furthest)});
    if (!furthest || (furthest->end && (!e->end || *e->end > *furthest->end))) furthest = e;
  }
  std::sort(problems.begin(), problems.end(),
            [](const RuleProblem& a, const RuleProblem& b) { return a.events < b.events; });
  return problems;
}

ChangeSet plan(const Command& command, const SessionModel& model) {
  return std::visit(
      [&](const auto& c) -> ChangeSet {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, AddEvent>) return plan_add(model, c);
        else if constexpr (std::is_same_v<T, CloseState>) return plan_close(model, c);
        else if constexpr (std::is_same_v<T, ToggleState>) return plan_toggle(model, c);
        else if constexpr (std::is_same_v<T, EditEvent>) return plan_edit(model, c);
        else return plan_delete(model, c);
      },
      command);
}

}  // namespace attune
