#include "app/logic/keyboard_coder.h"
#include "app/logic/playback_speeds.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "app/logic/key_codes.h"

namespace attune {

namespace {
// "2." -> "2": the typed number as the commands take it (they parse and spell it canonically).
std::string typed_number(std::string text) {
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}
}  // namespace

namespace {
std::string key_text(unsigned int c) { return std::string(1, static_cast<char>(c)); }

const Subject* subject_for_key(const Scheme& scheme, const std::string& key) {
  for (const Subject& s : scheme.subjects)
    if (!s.key.empty() && s.key == key) return &s;
  return nullptr;
}

const Code* code_for_key(const Scheme& scheme, const std::string& key) {
  for (const Code& c : scheme.codes)
    if (!c.key.empty() && c.key == key) return &c;
  return nullptr;
}

// "Parent (F1)", or the id when the scheme does not know it.
std::string subject_label(const Scheme& scheme, const std::string& id) {
  for (const Subject& s : scheme.subjects)
    if (s.id == id) return s.key.empty() ? s.name : s.key + " " + s.name;
  return id;
}

std::string subject_names(const Scheme& scheme, const std::vector<std::string>& ids, const char* joiner) {
  std::string text;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) text += i + 1 == ids.size() ? joiner : ", ";
    text += subject_label(scheme, ids[i]);
  }
  return text;
}

std::string subject_name(const Scheme& scheme, const std::string& id) {
  for (const Subject& s : scheme.subjects)
    if (s.id == id) return s.name;
  return id;
}

// A transport action fires on key repeat too (holding Right steps on), except these.
bool repeats(Action action) {
  return action != Action::PlayPause && action != Action::Slower && action != Action::Faster &&
         action != Action::Mute && action != Action::DeleteSelected;
}

bool matches(const KeyChord& chord, const KeyInput& k) {
  return chord.key > 0 && chord.key == k.key && chord.ctrl == k.ctrl() && chord.shift == k.shift() &&
         chord.alt == k.alt();
}
}  // namespace

int KeyboardCoder::glfw_key_for(const std::string& key) {
  if (key.size() == 1) {
    const char c = key[0];
    if (std::isalpha(static_cast<unsigned char>(c))) return keycode::kLetterA + (std::toupper(c) - 'A');
    if (std::isdigit(static_cast<unsigned char>(c))) return keycode::kDigit0 + (c - '0');
    return 0;
  }
  if (key.size() >= 2 && key[0] == 'F') return keycode::kF1 + std::atoi(key.c_str() + 1) - 1;
  return 0;
}

bool KeyboardCoder::could_code(const KeyInput& k) {
  if (k.kind == KeyInput::Kind::Char) return k.codepoint > 32 && k.codepoint <= 126 && k.codepoint != '?';
  return k.kind == KeyInput::Kind::Press && !k.ctrl() && !k.alt() && !function_key_name(k.key).empty();
}

std::string KeyboardCoder::function_key_name(int key) {
  if (key < keycode::kF1 || key > keycode::kF12) return "";
  return "F" + std::to_string(key - keycode::kF1 + 1);
}

void KeyboardCoder::handle_keys(Workspace& ws, const KeyMap& keys, const std::vector<KeyInput>& input,
                                std::string_view taken_by) {
  const KeyInput* before = nullptr;
  bool before_acted = false;  // the key event before a character did something of its own
  for (const KeyInput& k : input) {
    const KeyInput* previous = std::exchange(before, &k);
    if (k.kind == KeyInput::Kind::Release) {
      release(ws, k.key);  // a release ends its held state even while a text field has focus
      continue;
    }
    if (!taken_by.empty()) {
      // The keys went elsewhere (ImGui has them). A scheme F-key does nothing there: say so.
      const std::string name = function_key_name(k.key);
      if (k.kind == KeyInput::Kind::Press && !name.empty() && !k.ctrl() && !k.alt() &&
          (subject_for_key(ws.scheme(), name) || code_for_key(ws.scheme(), name)))
        ws.report(name + ": the keys are going to " + std::string(taken_by));
      continue;
    }
    if (k.kind == KeyInput::Kind::Char) {
      // A character typed by auto-repeat is not a press; one typed by a key that already
      // acted (say a transport key on the keypad) codes nothing either.
      if (previous && previous->kind == KeyInput::Kind::Repeat) continue;
      if (previous && previous->kind == KeyInput::Kind::Press && before_acted) continue;
      const int typed_with = previous && previous->kind == KeyInput::Kind::Press ? previous->key : 0;
      handle_char(ws, k.codepoint, typed_with);
      continue;
    }
    before_acted = handle_press(ws, keys, k);
  }
}

bool KeyboardCoder::handle_press(Workspace& ws, const KeyMap& keys, const KeyInput& k) {
  const bool press = k.kind == KeyInput::Kind::Press;
  if (k.ctrl() && !k.alt() && k.key == keycode::letter('Z')) {
    k.shift() ? ws.redo() : ws.undo();
    return true;
  }
  if (k.ctrl() && !k.alt() && !k.shift() && k.key == keycode::letter('Y')) {
    ws.redo();
    return true;
  }
  if (handle_transport(ws, keys, k)) return true;
  if (prompt_) {
    if (press && (k.key == keycode::kEnter || k.key == keycode::kKeypadEnter)) {
      prompt_next(ws);
      return true;
    }
    if (press && k.key == keycode::kEscape) {
      prompt_finish(ws);
      return true;
    }
    if (k.key == keycode::kBackspace) {
      if (!prompt_->number_text.empty()) prompt_->number_text.pop_back();
      return true;
    }
  }
  // Function keys have no character: they code by their key.
  const std::string name = function_key_name(k.key);
  if (press && !name.empty() && !k.ctrl() && !k.alt()) {
    if (!subject_for_key(ws.scheme(), name) && !code_for_key(ws.scheme(), name)) return false;
    scheme_key(ws, name, k.key);
    return true;
  }
  return false;
}

void KeyboardCoder::handle_char(Workspace& ws, unsigned int c, int typed_with) {
  if (c <= 32 || c > 126) return;  // space is a transport key; the scheme keys are ASCII
  if (prompt_ && !handle_prompt_char(ws, c)) return;
  const std::string key = key_text(c);
  if (!subject_for_key(ws.scheme(), key) && !code_for_key(ws.scheme(), key)) {
    if (c != '?') ws.report("'" + key + "' is not a key of " + ws.scheme().name);  // '?' shows the key list
    return;
  }
  scheme_key(ws, key, typed_with ? typed_with : glfw_key_for(key));
}

void KeyboardCoder::scheme_key(Workspace& ws, const std::string& key, int held_key) {
  if (const Subject* s = subject_for_key(ws.scheme(), key)) {
    if (prompt_) prompt_finish(ws);
    choose_subject(s->id);
  } else if (const Code* found = code_for_key(ws.scheme(), key)) {
    code(ws, *found, held_key);
  }
}

bool KeyboardCoder::handle_transport(Workspace& ws, const KeyMap& keys, const KeyInput& k) {
  Action action = Action::Count;
  for (int i = 0; i < static_cast<int>(Action::Count); ++i)
    if (matches(keys.chord(static_cast<Action>(i)), k)) action = static_cast<Action>(i);
  if (action == Action::Count) return false;
  if (k.kind == KeyInput::Kind::Repeat && !repeats(action)) return true;
  MediaClock& clock = ws.clock();
  auto jump = [&](Micros delta) { clock.seek(std::max<Micros>(0, clock.position() + delta)); };
  switch (action) {
    case Action::PlayPause: clock.toggle(); break;
    case Action::FrameBack: clock.step_frames(-1); break;
    case Action::FrameForward: clock.step_frames(1); break;
    case Action::Back1s: jump(-kMicrosPerSecond); break;
    case Action::Forward1s: jump(kMicrosPerSecond); break;
    case Action::Back5s: jump(-5 * kMicrosPerSecond); break;
    case Action::Forward5s: jump(5 * kMicrosPerSecond); break;
    case Action::Slower: clock.set_speed(next_speed(clock.speed(), -1)); break;
    case Action::Faster: clock.set_speed(next_speed(clock.speed(), +1)); break;
    case Action::Mute: clock.set_muted(!clock.muted()); break;
    case Action::NudgeBack:
    case Action::NudgeForward:
      if (!ws.selected) ws.report(std::string(action_label(action)) + ": no event is selected");
      else ws.nudge(*ws.selected, action == Action::NudgeBack ? -1 : 1);
      break;
    case Action::DeleteSelected:
      if (ws.selected && ws.model().find(*ws.selected)) {
        ws.apply(DeleteEvent{*ws.selected});
        ws.selected.reset();
      } else {
        ws.report("Delete: no event is selected");
      }
      break;
    case Action::PrevEvent:
    case Action::NextEvent:
    case Action::PrevSameCode:
    case Action::NextSameCode:
      if (on_list_action) on_list_action(ws, action);
      else ws.report(std::string(action_label(action)) + ": no event list is open");
      break;
    case Action::Count: break;
  }
  return true;
}

void KeyboardCoder::code(Workspace& ws, const Code& code, int held_key) {
  if (prompt_) prompt_finish(ws);
  note_.clear();
  const Scheme& scheme = ws.scheme();
  std::string subject;
  const bool applies =
      std::find(code.subjects.begin(), code.subjects.end(), subject_) != code.subjects.end();
  if (!subject_.empty() && applies) {
    subject = subject_;
  } else if (!subject_.empty() && code.subjects.size() > 1) {
    ws.report(code.name + " is coded for " + subject_names(scheme, code.subjects, " or ") + ": " +
              subject_label(scheme, subject_) + " does not apply; choose one of those subjects first");
    return;
  } else if (!subject_.empty()) {
    // The code has one subject (or none): the scheme leaves no choice, so the press is
    // recorded as the code's own, and the coder sees that the chosen subject was not used.
    const std::string own = code.subjects.empty() ? "" : subject_name(scheme, code.subjects[0]);
    note_ = code.name + (own.empty() ? " recorded without a subject (it has none): "
                                     : " recorded for " + own + ", its only subject: ") +
            subject_label(scheme, subject_) + " does not apply to " + code.name;
  } else if (code.subjects.size() > 1) {
    ws.report(code.name + " needs a subject: press " + subject_names(scheme, code.subjects, " or ") + " first");
    return;
  }
  const Micros at = ws.now();
  const std::optional<std::int64_t> frame = ws.now_frame();
  std::optional<ChangeSet> done;
  if (code.kind == CodeKind::Point) {
    done = ws.apply(AddEvent{.code = code.id, .subject = subject, .start = at, .frame = frame},
                    Workspace::StepKind::Code);
  } else {
    done = ws.apply(ToggleState{.code = code.id, .subject = subject, .at = at, .frame = frame},
                    Workspace::StepKind::Code);
    if (done && options.hold_to_code && held_key && done->ops.back().kind == EventOp::Kind::Insert)
      held_[held_key] = done->ops.back().after.id;
  }
  if (!done) {
    note_.clear();  // refused: the status bar says why
    return;
  }
  if (done->ops.empty()) return;
  for (const EventOp& op : done->ops)
    if (op.kind == EventOp::Kind::Delete && op.before.code != code.id) {
      // An exclusive rival started on this very frame: it had no length, so it is replaced.
      const Code* rival = scheme.find_code(op.before.code);
      note_ = (rival ? rival->name : op.before.code) + " started on this same frame, so " + code.name +
              " replaced it (a state needs at least one frame)";
    }
  const EventOp& last = done->ops.back();
  if (last.kind == EventOp::Kind::Insert) {
    ws.selected = last.after.id;
    if (!code.modifiers.empty()) open_prompt(ws, last.after.id, code);
  }
}

void KeyboardCoder::release(Workspace& ws, int key) {
  const auto it = held_.find(key);
  if (it == held_.end()) return;
  const EventId id = it->second;
  held_.erase(it);
  const Event* e = ws.model().find(id);
  if (!e || !e->is_open()) return;
  const std::optional<ChangeSet> done = ws.apply(CloseState{e->id, std::max(ws.now(), e->start)});
  if (done && !done->ops.empty() && done->ops.back().kind == EventOp::Kind::Delete) {
    const Code* code = ws.scheme().find_code(done->ops.back().before.code);
    note_ = (code ? code->name : std::string("The state")) +
            " was released on the frame it started, so it was not kept: hold the key while the state lasts";
  }
}

void KeyboardCoder::open_prompt(Workspace& ws, EventId event, const Code& code) {
  ModifierPrompt p;
  p.event = event;
  p.code = code.id;
  p.modifiers = code.modifiers;
  if (options.pause_while_choosing && ws.clock().playing()) {
    ws.clock().pause();
    p.resume_playback = true;
  }
  prompt_ = std::move(p);
}

bool KeyboardCoder::handle_prompt_char(Workspace& ws, unsigned int c) {
  const Modifier* m = ws.scheme().find_modifier(prompt_->modifiers[prompt_->current]);
  if (!m) {
    prompt_next(ws);
    return true;
  }
  const std::string refused = "'" + key_text(c) + "': answer the prompt first (";
  if (m->kind == ModifierKind::Number) {
    // Typed as a person types; kept as a plain decimal (core/decimal.h): no leading zero
    // ("02" is 2), a leading '.' is "0.", a trailing '.' is dropped when the number is taken.
    if (std::isdigit(static_cast<int>(c))) {
      if (prompt_->number_text == "0") prompt_->number_text.clear();
      prompt_->number_text += static_cast<char>(c);
      return false;
    }
    if (c == '.') {
      if (prompt_->number_text.empty()) prompt_->number_text = "0.";
      else if (prompt_->number_text.find('.') == std::string::npos) prompt_->number_text += '.';
      else ws.report(refused + m->name + " already has its decimal point; Enter, Esc)");
      return false;
    }
    prompt_finish(ws);  // any other key: done; the key itself codes as usual
    return true;
  }
  if (c >= '0' && c <= '9') {
    const std::size_t count = std::min<std::size_t>(m->values.size(), 9);
    if (c != '0' && static_cast<std::size_t>(c - '1') < count) prompt_choose(ws, c - '1');
    else ws.report(refused + m->name + ": digits 1-" + std::to_string(count) + ", Enter, Esc)");
    return false;
  }
  prompt_finish(ws);  // any other key: done choosing; the key itself codes as usual
  return true;
}

void KeyboardCoder::prompt_choose(Workspace& ws, std::size_t index) {
  if (!prompt_) return;
  const Modifier* m = ws.scheme().find_modifier(prompt_->modifiers[prompt_->current]);
  if (!m || index >= m->values.size()) return;
  const std::string& value = m->values[index];
  if (m->kind == ModifierKind::Multi) {
    // Toggle the value in the comma-joined list, keeping the scheme's order.
    std::string& current = prompt_->chosen[m->id];
    std::vector<std::string> on;
    for (const std::string& v : m->values) {
      const bool was_on = ("," + current + ",").find("," + v + ",") != std::string::npos;
      if (v == value ? !was_on : was_on) on.push_back(v);
    }
    current.clear();
    for (const std::string& v : on) current += (current.empty() ? "" : ",") + v;
    if (current.empty()) prompt_->chosen.erase(m->id);
    return;
  }
  prompt_->chosen[m->id] = value;
  prompt_next(ws);
}

void KeyboardCoder::prompt_next(Workspace& ws) {
  if (!prompt_) return;
  const Modifier* m = ws.scheme().find_modifier(prompt_->modifiers[prompt_->current]);
  if (m && m->kind == ModifierKind::Number && !prompt_->number_text.empty()) {
    prompt_->chosen[m->id] = typed_number(prompt_->number_text);
    prompt_->number_text.clear();
  }
  if (++prompt_->current >= prompt_->modifiers.size()) prompt_finish(ws);
}

void KeyboardCoder::prompt_finish(Workspace& ws) {
  if (!prompt_) return;
  const Modifier* m = prompt_->current < prompt_->modifiers.size()
                          ? ws.scheme().find_modifier(prompt_->modifiers[prompt_->current])
                          : nullptr;
  if (m && m->kind == ModifierKind::Number && !prompt_->number_text.empty())
    prompt_->chosen[m->id] = typed_number(prompt_->number_text);  // a typed number counts without Enter
  ModifierPrompt p = std::move(*prompt_);
  prompt_.reset();
  if (!p.chosen.empty() && ws.model().find(p.event)) {
    const Code* code = ws.scheme().find_code(p.code);
    ws.apply(EditEvent{.id = p.event, .set_modifiers = p.chosen,
                       .label = "Set modifiers of " + (code ? code->name : p.code)},
             Workspace::StepKind::Modifiers);  // one undo step with coding the event
  }
  if (p.resume_playback) ws.clock().play();
}

}  // namespace attune
