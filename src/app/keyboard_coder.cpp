#include "app/keyboard_coder.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>

namespace attune {

namespace {
constexpr double kSpeeds[] = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0};

double next_speed(double current, int direction) {
  if (direction > 0) {
    for (double s : kSpeeds)
      if (s > current + 1e-9) return s;
    return kSpeeds[std::size(kSpeeds) - 1];
  }
  for (auto it = std::rbegin(kSpeeds); it != std::rend(kSpeeds); ++it)
    if (*it < current - 1e-9) return *it;
  return kSpeeds[0];
}

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

}  // namespace

int KeyboardCoder::glfw_key_for(const std::string& key) {
  if (key.size() == 1) {
    const char c = key[0];
    if (std::isalpha(static_cast<unsigned char>(c))) return GLFW_KEY_A + (std::toupper(c) - 'A');
    if (std::isdigit(static_cast<unsigned char>(c))) return GLFW_KEY_0 + (c - '0');
    return 0;
  }
  if (key.size() >= 2 && key[0] == 'F') return GLFW_KEY_F1 + std::atoi(key.c_str() + 1) - 1;
  return 0;
}

void KeyboardCoder::handle_keys(Workspace& ws, const KeyMap& keys, bool text_input_active) {
  ImGuiIO& io = ImGui::GetIO();
  release_holds(ws);  // a release must end its state even if a text field took focus meanwhile
  if (text_input_active) return;

  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Z, true)) {
    io.KeyShift ? ws.redo() : ws.undo();
    return;
  }
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Y, true)) {
    ws.redo();
    return;
  }
  handle_transport(ws, keys);

  if (prompt_) {
    if (ImGui::IsKeyPressed(GLFW_KEY_ENTER, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER, false)) prompt_next(ws);
    else if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) prompt_finish(ws);
    else if (ImGui::IsKeyPressed(GLFW_KEY_BACKSPACE, true) && !prompt_->number_text.empty())
      prompt_->number_text.pop_back();
  }

  // Typed characters: what the keyboard layout produced, so 'b' and 'B' are different keys.
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    const unsigned int c = io.InputQueueCharacters[i];
    if (prompt_) {
      handle_prompt_char(ws, c);
      if (prompt_) continue;  // consumed by the prompt
      if (std::isdigit(static_cast<int>(c)) || c == '.') continue;
    }
    if (c < 32 || c > 126) continue;
    const std::string key = key_text(c);
    if (const Subject* s = subject_for_key(ws.scheme(), key)) choose_subject(s->id);
    else if (const Code* code_ = code_for_key(ws.scheme(), key)) code(ws, *code_, glfw_key_for(key));
  }
  // Function keys have no character.
  for (int n = 1; n <= 12; ++n) {
    if (io.KeyCtrl || io.KeyAlt || !ImGui::IsKeyPressed(GLFW_KEY_F1 + n - 1, false)) continue;
    const std::string key = "F" + std::to_string(n);
    if (prompt_) prompt_finish(ws);
    if (const Subject* s = subject_for_key(ws.scheme(), key)) choose_subject(s->id);
    else if (const Code* code_ = code_for_key(ws.scheme(), key)) code(ws, *code_, GLFW_KEY_F1 + n - 1);
  }
}

void KeyboardCoder::handle_transport(Workspace& ws, const KeyMap& keys) {
  MediaClock& clock = ws.clock();
  auto jump = [&](Micros delta) { clock.seek(std::max<Micros>(0, clock.position() + delta)); };
  if (chord_pressed(keys.chord(Action::PlayPause), false)) clock.toggle();
  if (chord_pressed(keys.chord(Action::FrameBack))) clock.step_frames(-1);
  if (chord_pressed(keys.chord(Action::FrameForward))) clock.step_frames(1);
  if (chord_pressed(keys.chord(Action::Back1s))) jump(-kMicrosPerSecond);
  if (chord_pressed(keys.chord(Action::Forward1s))) jump(kMicrosPerSecond);
  if (chord_pressed(keys.chord(Action::Back5s))) jump(-5 * kMicrosPerSecond);
  if (chord_pressed(keys.chord(Action::Forward5s))) jump(5 * kMicrosPerSecond);
  if (chord_pressed(keys.chord(Action::Slower), false)) clock.set_speed(next_speed(clock.speed(), -1));
  if (chord_pressed(keys.chord(Action::Faster), false)) clock.set_speed(next_speed(clock.speed(), +1));
  if (chord_pressed(keys.chord(Action::Mute), false)) clock.set_muted(!clock.muted());
  if (ws.selected) {
    const bool back = chord_pressed(keys.chord(Action::NudgeBack));
    const bool forward = chord_pressed(keys.chord(Action::NudgeForward));
    if (back || forward) ws.nudge(*ws.selected, back ? -1 : 1);
    if (chord_pressed(keys.chord(Action::DeleteSelected), false) && ws.model().find(*ws.selected)) {
      ws.apply(DeleteEvent{*ws.selected});
      ws.selected.reset();
    }
  }
}

void KeyboardCoder::code(Workspace& ws, const Code& code, int held_key) {
  if (prompt_) prompt_finish(ws);
  std::string subject;
  if (!subject_.empty() && std::find(code.subjects.begin(), code.subjects.end(), subject_) != code.subjects.end())
    subject = subject_;
  const Micros at = ws.now();
  const std::optional<std::int64_t> frame = ws.now_frame();
  std::optional<ChangeSet> done;
  if (code.kind == CodeKind::Point) {
    done = ws.apply(AddEvent{.code = code.id, .subject = subject, .start = at, .frame = frame});
  } else {
    done = ws.apply(ToggleState{.code = code.id, .subject = subject, .at = at, .frame = frame});
    if (done && options.hold_to_code && held_key && done->ops.back().kind == EventOp::Kind::Insert)
      held_[held_key] = done->ops.back().after.id;
  }
  if (!done || done->ops.empty()) return;
  const EventOp& last = done->ops.back();
  if (last.kind == EventOp::Kind::Insert) {
    ws.selected = last.after.id;
    if (!code.modifiers.empty()) open_prompt(ws, last.after.id, code);
  }
}

void KeyboardCoder::release_holds(Workspace& ws) {
  const ImGuiIO& io = ImGui::GetIO();
  for (auto it = held_.begin(); it != held_.end();) {
    if (io.KeysDown[it->first]) {
      ++it;
      continue;
    }
    const Event* e = ws.model().find(it->second);
    if (e && e->is_open()) ws.apply(CloseState{e->id, std::max(ws.now(), e->start)});
    it = held_.erase(it);
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

void KeyboardCoder::handle_prompt_char(Workspace& ws, unsigned int c) {
  const Modifier* m = ws.scheme().find_modifier(prompt_->modifiers[prompt_->current]);
  if (!m) return prompt_next(ws);
  if (m->kind == ModifierKind::Number) {
    if (std::isdigit(static_cast<int>(c)) || (c == '.' && prompt_->number_text.find('.') == std::string::npos))
      prompt_->number_text += static_cast<char>(c);
    else prompt_finish(ws);
    return;
  }
  if (c >= '1' && c <= '9') {
    const std::size_t index = c - '1';
    if (index < m->values.size()) prompt_choose(ws, index);
    return;
  }
  prompt_finish(ws);  // any other key: done choosing; the key itself codes as usual
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
    prompt_->chosen[m->id] = prompt_->number_text;
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
    prompt_->chosen[m->id] = prompt_->number_text;  // a typed number counts without Enter
  ModifierPrompt p = std::move(*prompt_);
  prompt_.reset();
  if (!p.chosen.empty() && ws.model().find(p.event)) {
    const Code* code = ws.scheme().find_code(p.code);
    ws.apply(EditEvent{.id = p.event, .set_modifiers = p.chosen,
                       .label = "Set modifiers of " + (code ? code->name : p.code)});
  }
  if (p.resume_playback) ws.clock().play();
}

}  // namespace attune
